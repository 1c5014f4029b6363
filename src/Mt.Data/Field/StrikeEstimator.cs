using System.Numerics;

namespace Mt.Data.Field;

/// <summary>
/// The regional geoelectric strike of a set of impedance tensors: the rotation angle that minimises the sum over
/// stations and frequencies of (|Z'xx|^2 + |Z'yy|^2) / ||Z||^2 (each tensor normalised by its rotation-invariant
/// power, so that every station and frequency counts alike, not only the large high-frequency impedances). This is
/// Swift's (1967) criterion summed over the data, and it has a closed form: with D = Zxx - Zyy and S = Zxy + Zyx,
/// |Z'xx|^2 + |Z'yy|^2 = (|Zxx + Zyy|^2 + P + Q cos 4a + W sin 4a) / 2, where P = (|D|^2 + |S|^2) / 2,
/// Q = (|D|^2 - |S|^2) / 2 and W = Re(D conj S); the sum is smallest at 4a = atan2(-sum W, -sum Q).
/// <para>
/// The criterion has period 90 degrees: a and a + 90 fit equally well (the 90-degree ambiguity, TE and TM swapped).
/// It is resolved by geometry: of the two, the strike is the one closer to perpendicular to the profile, so that the
/// profile runs along the rotated y axis (and x along strike) as the 2D model assumes.
/// </para>
/// </summary>
public static class StrikeEstimator
{
    /// <summary>The sums of the criterion's coefficients over tensors.</summary>
    private readonly record struct Sums(double Q, double W, double Count)
    {
        public static Sums Of(ImpedanceTensor z)
        {
            double power = z.Power;
            if (!z.IsFinite || !(power > 0)) return default;
            Complex d = z.Xx - z.Yy, s = z.Xy + z.Yx;
            double d2 = d.Magnitude * d.Magnitude, s2 = s.Magnitude * s.Magnitude;
            return new Sums(0.5 * (d2 - s2) / power, (d * Complex.Conjugate(s)).Real / power, 1);
        }

        public static Sums operator +(Sums a, Sums b) => new(a.Q + b.Q, a.W + b.W, a.Count + b.Count);

        /// <summary>The minimising angle in [0, 90) degrees.</summary>
        public double AngleDeg => Angles.Wrap360(Math.Atan2(-W, -Q) * 180 / Math.PI) / 4 % 90;
    }

    /// <summary>
    /// The angle in [0, 90) degrees (clockwise from north) that minimises the normalised diagonal power of
    /// <paramref name="tensors"/> (non-finite or zero tensors are ignored); NaN when none is usable.
    /// </summary>
    public static double SwiftAngleDeg(IEnumerable<ImpedanceTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Sums sums = tensors.Aggregate(default(Sums), (acc, z) => acc + Sums.Of(z));
        return sums.Count == 0 ? double.NaN : sums.AngleDeg;
    }

    /// <summary>Of <paramref name="angleDeg"/> and <paramref name="angleDeg"/> + 90, the one closer to perpendicular to
    /// <paramref name="profileAzimuthDeg"/>, as an axis in [0, 180).</summary>
    public static double ResolveAmbiguity(double angleDeg, double profileAzimuthDeg)
    {
        double perpendicular = profileAzimuthDeg + 90;
        double a = Angles.Wrap180(angleDeg), b = Angles.Wrap180(angleDeg + 90);
        return Math.Abs(Angles.Difference(a, perpendicular, 180)) <= Math.Abs(Angles.Difference(b, perpendicular, 180)) ? a : b;
    }

    /// <summary>
    /// The regional strike of <paramref name="tensorsByStation"/> (one list of tensors per station, in the north-east
    /// frame), with the per-station strikes, their spread and the 90-degree ambiguity resolved against the profile.
    /// </summary>
    public static StrikeEstimate Estimate(IReadOnlyList<IReadOnlyList<ImpedanceTensor>> tensorsByStation, double profileAzimuthDeg)
    {
        ArgumentNullException.ThrowIfNull(tensorsByStation);
        var perStation = tensorsByStation.Select(SwiftAngleDeg).ToArray();
        var all = tensorsByStation.SelectMany(t => t).Where(z => z.IsFinite && z.Power > 0).ToArray();
        double regional = SwiftAngleDeg(all);
        if (double.IsNaN(regional)) throw new InvalidOperationException("no finite impedance tensor to estimate the strike from");
        double strike = ResolveAmbiguity(regional, profileAzimuthDeg);
        double[] perStationResolved = [.. perStation.Select(a => double.IsNaN(a) ? double.NaN : ResolveAmbiguity(a, profileAzimuthDeg))];
        double[] perDatum = [.. all.Select(z => SwiftAngleDeg([z]))];
        return new StrikeEstimate(strike, perStationResolved,
            CircularSpread90(perStation.Where(double.IsFinite)), CircularSpread90(perDatum),
            DiagonalFraction(all, strike), all.Length);
    }

    /// <summary>The mean over tensors of (|Z'xx|^2 + |Z'yy|^2) / ||Z||^2 in the frame rotated by
    /// <paramref name="angleDeg"/>: 0 for perfectly 2D data in that frame, 0.5 at most.</summary>
    public static double DiagonalFraction(IReadOnlyCollection<ImpedanceTensor> tensors, double angleDeg)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var usable = tensors.Where(z => z.IsFinite && z.Power > 0).ToArray();
        return usable.Length == 0 ? double.NaN : usable.Average(z => z.Rotate(angleDeg).DiagonalPower / z.Power);
    }

    /// <summary>The circular standard deviation (degrees) of angles of period 90: sqrt(-2 ln R) / 4 in radians of the
    /// mean resultant length R of the unit vectors at 4a. NaN when there are no angles.</summary>
    public static double CircularSpread90(IEnumerable<double> anglesDeg)
    {
        ArgumentNullException.ThrowIfNull(anglesDeg);
        double c = 0, s = 0;
        int n = 0;
        foreach (double a in anglesDeg)
        {
            double r = 4 * a * Math.PI / 180;
            c += Math.Cos(r);
            s += Math.Sin(r);
            n++;
        }
        if (n == 0) return double.NaN;
        double length = Math.Min(1, Math.Sqrt(c * c + s * s) / n);
        return Math.Sqrt(-2 * Math.Log(length)) / 4 * 180 / Math.PI;
    }
}

/// <summary>A strike estimated from the data.</summary>
/// <param name="StrikeDeg">Regional strike, degrees clockwise from north in [0, 180), ambiguity resolved.</param>
/// <param name="PerStationDeg">Each station's own strike (all its frequencies), resolved the same way; NaN when it has no data.</param>
/// <param name="StationSpreadDeg">Circular standard deviation of the per-station strikes (period 90), degrees.</param>
/// <param name="DatumSpreadDeg">Circular standard deviation of the strikes of the single tensors (period 90), degrees.</param>
/// <param name="DiagonalFraction">Mean normalised diagonal power left in the strike frame (0 for ideal 2D data).</param>
/// <param name="TensorCount">Number of tensors used.</param>
public sealed record StrikeEstimate(
    double StrikeDeg, double[] PerStationDeg, double StationSpreadDeg, double DatumSpreadDeg, double DiagonalFraction, int TensorCount);
