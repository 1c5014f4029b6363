namespace Mt.Data.Field;

/// <summary>
/// A local transverse Mercator projection on the WGS84 ellipsoid (Krüger's series to fourth order in the third
/// flattening n, as in Karney 2011, accurate to well under a millimetre within a few degrees of the central meridian),
/// with scale factor 1 on a central meridian through the origin and the origin at (0, 0). East and north are in metres.
/// <para>
/// Why this and not UTM or an equirectangular map: a profile of a few hundred kilometres can straddle a UTM zone
/// boundary, and UTM's scale factor 0.9996 shortens every distance by 400 ppm; an equirectangular map about the
/// centroid distorts east-west distances by tan(latitude) x the latitude difference (about 1.3 % for the Capricorn
/// line). A transverse Mercator centred on the stations has no zone, no false scale, and a point-scale error of
/// 1 + E^2 / (2 R^2) only: 1.2e-4 (12 m per 100 km) at 100 km east or west of the centre, less nearer.
/// </para>
/// </summary>
public sealed class LocalProjection
{
    /// <summary>WGS84 semi-major axis (m).</summary>
    public const double SemiMajorAxisM = 6378137.0;

    /// <summary>WGS84 flattening.</summary>
    public const double Flattening = 1 / 298.257223563;

    private static readonly double N = Flattening / (2 - Flattening);
    private static readonly double Eccentricity = 2 * Math.Sqrt(N) / (1 + N);
    private static readonly double RectifyingRadius = SemiMajorAxisM / (1 + N) * (1 + N * N / 4 + Math.Pow(N, 4) / 64);
    private static readonly double[] Alpha =
    [
        N / 2 - 2 * N * N / 3 + 5 * Math.Pow(N, 3) / 16 + 41 * Math.Pow(N, 4) / 180,
        13 * N * N / 48 - 3 * Math.Pow(N, 3) / 5 + 557 * Math.Pow(N, 4) / 1440,
        61 * Math.Pow(N, 3) / 240 - 103 * Math.Pow(N, 4) / 140,
        49561 * Math.Pow(N, 4) / 161280,
    ];

    private readonly double _originNorthingM;

    /// <summary>A projection whose central meridian and origin are at (<paramref name="originLatitudeDeg"/>,
    /// <paramref name="originLongitudeDeg"/>).</summary>
    public LocalProjection(double originLatitudeDeg, double originLongitudeDeg)
    {
        if (!(Math.Abs(originLatitudeDeg) < 90) || !double.IsFinite(originLongitudeDeg))
            throw new ArgumentOutOfRangeException(nameof(originLatitudeDeg), "the origin must be a finite latitude in (-90, 90) and a finite longitude");
        OriginLatitudeDeg = originLatitudeDeg;
        OriginLongitudeDeg = originLongitudeDeg;
        _originNorthingM = 0;
        _originNorthingM = Project(originLatitudeDeg, originLongitudeDeg).NorthM;
    }

    /// <summary>A projection about the centroid (mean latitude, mean longitude) of the points.</summary>
    public static LocalProjection AboutCentroid(IReadOnlyCollection<(double LatitudeDeg, double LongitudeDeg)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("no points to take the centroid of", nameof(points));
        return new LocalProjection(points.Average(p => p.LatitudeDeg), points.Average(p => p.LongitudeDeg));
    }

    /// <summary>Latitude of the origin (degrees).</summary>
    public double OriginLatitudeDeg { get; }

    /// <summary>Longitude of the origin and central meridian (degrees).</summary>
    public double OriginLongitudeDeg { get; }

    /// <summary>One line describing the projection, for reports.</summary>
    public string Description =>
        FormattableString.Invariant(
            $"transverse Mercator on WGS84, scale 1 on the central meridian {OriginLongitudeDeg:F5} deg, origin at latitude {OriginLatitudeDeg:F5} deg; point scale 1 + E^2/(2 R^2) (1.2e-4 at 100 km east or west)");

    /// <summary>East and north (m) of a point relative to the origin.</summary>
    public (double EastM, double NorthM) Project(double latitudeDeg, double longitudeDeg)
    {
        if (!(Math.Abs(latitudeDeg) <= 90) || !double.IsFinite(longitudeDeg))
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), $"({latitudeDeg}, {longitudeDeg}) is not a latitude and longitude");
        double phi = latitudeDeg * Math.PI / 180;
        double lambda = Math.IEEERemainder(longitudeDeg - OriginLongitudeDeg, 360) * Math.PI / 180;
        double sinPhi = Math.Sin(phi);
        double t = Math.Sinh(Math.Atanh(sinPhi) - Eccentricity * Math.Atanh(Eccentricity * sinPhi));
        double xiPrime = Math.Atan2(t, Math.Cos(lambda));
        double etaPrime = Math.Atanh(Math.Sin(lambda) / Math.Sqrt(1 + t * t));
        double xi = xiPrime, eta = etaPrime;
        for (int j = 1; j <= Alpha.Length; j++)
        {
            xi += Alpha[j - 1] * Math.Sin(2 * j * xiPrime) * Math.Cosh(2 * j * etaPrime);
            eta += Alpha[j - 1] * Math.Cos(2 * j * xiPrime) * Math.Sinh(2 * j * etaPrime);
        }
        return (RectifyingRadius * eta, RectifyingRadius * xi - _originNorthingM);
    }
}
