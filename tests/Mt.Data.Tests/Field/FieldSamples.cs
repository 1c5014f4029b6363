using System.Numerics;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

/// <summary>Synthetic stations and tensors for the field tests.</summary>
internal static class FieldSamples
{
    /// <summary>A 2D tensor in its strike frame: TE Zxy, TM Zyx, no diagonal.</summary>
    public static ImpedanceTensor StrikeFrame(Complex te, Complex tm, double variance = double.NaN) =>
        new(Complex.Zero, te, tm, Complex.Zero, variance, variance, variance, variance);

    /// <summary>The geographic (north-east) tensor whose rotation by <paramref name="strikeDeg"/> is <paramref name="inStrikeFrame"/>.</summary>
    public static ImpedanceTensor Geographic(ImpedanceTensor inStrikeFrame, double strikeDeg) => inStrikeFrame.Rotate(-strikeDeg);

    /// <summary>An EDI station from geographic tensors (one per frequency), optionally with a tipper (Tx, Ty) per frequency.</summary>
    public static EdiFile Station(string id, double latitudeDeg, double longitudeDeg, double[] frequenciesHz, ImpedanceTensor[] tensors,
        (Complex Tx, Complex Ty)[]? tipper = null)
    {
        EdiImpedanceComponent C(Func<ImpedanceTensor, Complex> value, Func<ImpedanceTensor, double> variance) =>
            EdiImpedanceComponent.FromOhm([.. tensors.Select(value)],
                tensors.All(t => double.IsNaN(variance(t))) ? null : [.. tensors.Select(variance)]);
        return EdiFile.Create(id, new EdiCoordinates(latitudeDeg, longitudeDeg, 0), frequenciesHz,
            C(t => t.Xx, t => t.VarXx), C(t => t.Xy, t => t.VarXy), C(t => t.Yx, t => t.VarYx), C(t => t.Yy, t => t.VarYy),
            tipper is null ? null : new EdiTipperComponent([.. tipper.Select(t => t.Tx)], null),
            tipper is null ? null : new EdiTipperComponent([.. tipper.Select(t => t.Ty)], null));
    }

    /// <summary>The tipper (Tx, Ty) in north-east axes of a 2D earth with strike <paramref name="strikeDeg"/>: only the
    /// component along the profile axis y' (perpendicular to strike) is non-zero, Ty' = <paramref name="alongProfile"/>,
    /// and T = R^T T' (the vector rotated back from the strike frame).</summary>
    public static (Complex Tx, Complex Ty) Tipper2D(Complex alongProfile, double strikeDeg)
    {
        double a = strikeDeg * Math.PI / 180;
        // y' (90 degrees clockwise from the strike) in north-east components: (-sin a, cos a).
        return (-Math.Sin(a) * alongProfile, Math.Cos(a) * alongProfile);
    }

    /// <summary>The half-space TE impedance Zxy (TM Zyx is its negative).</summary>
    public static Complex HalfSpace(double resistivityOhmM, double frequencyHz) =>
        Layered1D.HalfSpace(resistivityOhmM).SurfaceImpedance(frequencyHz, Mode.TE);

    /// <summary>
    /// The latitude and longitude whose projection is (<paramref name="eastM"/>, <paramref name="northM"/>), by Newton's
    /// method on the forward projection (a test helper: the library has no inverse).
    /// </summary>
    public static (double LatitudeDeg, double LongitudeDeg) Unproject(LocalProjection projection, double eastM, double northM)
    {
        double lat = projection.OriginLatitudeDeg + northM / 111_000, lon = projection.OriginLongitudeDeg + eastM / 100_000;
        for (int i = 0; i < 30; i++)
        {
            var (e, n) = projection.Project(lat, lon);
            double re = eastM - e, rn = northM - n;
            if (Math.Abs(re) < 1e-7 && Math.Abs(rn) < 1e-7) break;
            const double h = 1e-6;
            var (eLat, nLat) = projection.Project(lat + h, lon);
            var (eLon, nLon) = projection.Project(lat, lon + h);
            double a = (eLat - e) / h, b = (eLon - e) / h, c = (nLat - n) / h, d = (nLon - n) / h;
            double det = a * d - b * c;
            lat += (d * re - b * rn) / det;
            lon += (-c * re + a * rn) / det;
        }
        return (lat, lon);
    }
}
