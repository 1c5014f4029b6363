namespace Mt.Data.Field;

/// <summary>
/// A straight profile in projected (east, north) metres: a point on it and its azimuth (degrees clockwise from north,
/// the direction in which the distance along the profile grows). Either fitted to points by total least squares
/// (the principal axis of their scatter, which minimises the sum of squared perpendicular offsets) or given.
/// </summary>
public sealed record ProfileLine
{
    /// <summary>A line through (<paramref name="eastM"/>, <paramref name="northM"/>) with the given azimuth.</summary>
    public ProfileLine(double eastM, double northM, double azimuthDeg, bool fitted)
    {
        if (!double.IsFinite(eastM) || !double.IsFinite(northM) || !double.IsFinite(azimuthDeg))
            throw new ArgumentException("a profile line needs a finite point and azimuth");
        EastM = eastM;
        NorthM = northM;
        AzimuthDeg = Angles.Wrap360(azimuthDeg);
        Fitted = fitted;
    }

    /// <summary>East of a point on the line (m).</summary>
    public double EastM { get; }

    /// <summary>North of a point on the line (m).</summary>
    public double NorthM { get; }

    /// <summary>Direction of increasing distance, degrees clockwise from north, in [0, 360).</summary>
    public double AzimuthDeg { get; }

    /// <summary>Whether the line was fitted to the points (else the azimuth was given).</summary>
    public bool Fitted { get; }

    /// <summary>
    /// The total-least-squares line of the points: through their centroid along the principal axis of their 2x2
    /// covariance, azimuth reported in [0, 180). With <paramref name="azimuthDeg"/> the line goes through the centroid
    /// with that azimuth instead.
    /// </summary>
    public static ProfileLine Through(IReadOnlyList<(double EastM, double NorthM)> points, double? azimuthDeg = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("no points to fit a profile to", nameof(points));
        double e0 = points.Average(p => p.EastM), n0 = points.Average(p => p.NorthM);
        if (azimuthDeg is double given) return new ProfileLine(e0, n0, given, fitted: false);
        if (points.Count < 2) throw new ArgumentException("a profile needs two stations at least to be fitted; give its azimuth", nameof(points));
        double see = 0, snn = 0, sen = 0;
        foreach (var (e, n) in points)
        {
            see += (e - e0) * (e - e0);
            snn += (n - n0) * (n - n0);
            sen += (e - e0) * (n - n0);
        }
        // The major axis of [[see, sen], [sen, snn]] (east, north) makes the angle 0.5 atan2(2 sen, see - snn) with east;
        // as an azimuth from north: 90 degrees minus that.
        double angleFromEastDeg = 0.5 * Math.Atan2(2 * sen, see - snn) * 180 / Math.PI;
        return new ProfileLine(e0, n0, Angles.Wrap180(90 - angleFromEastDeg), fitted: true);
    }

    /// <summary>Coordinate along the line (m, from the line's point, growing along the azimuth) and the offset from it
    /// (m, positive to the right when looking along the azimuth).</summary>
    public (double AlongM, double OffsetM) Coordinates(double eastM, double northM)
    {
        double a = AzimuthDeg * Math.PI / 180;
        double ue = Math.Sin(a), un = Math.Cos(a); // unit vector along the azimuth
        double de = eastM - EastM, dn = northM - NorthM;
        return (de * ue + dn * un, de * un - dn * ue);
    }
}

/// <summary>Angle helpers (degrees).</summary>
public static class Angles
{
    /// <summary>The angle in [0, 360).</summary>
    public static double Wrap360(double deg)
    {
        double r = deg % 360;
        if (r < 0) r += 360;
        return r >= 360 ? 0 : r;
    }

    /// <summary>The angle in [0, 180) (an axis, with no direction).</summary>
    public static double Wrap180(double deg)
    {
        double r = deg % 180;
        if (r < 0) r += 180;
        return r >= 180 ? 0 : r;
    }

    /// <summary>The difference <paramref name="a"/> - <paramref name="b"/> of angles of period
    /// <paramref name="period"/>, wrapped into [-period/2, period/2).</summary>
    public static double Difference(double a, double b, double period)
    {
        double d = (a - b) % period;
        if (d < -period / 2) d += period;
        if (d >= period / 2) d -= period;
        return d;
    }
}
