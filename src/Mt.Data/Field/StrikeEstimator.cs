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
/// It is resolved by <see cref="StrikeAmbiguity"/>: by the induction arrows where there is tipper, else by geometry (of
/// the two, the one closer to perpendicular to the profile, so that the profile runs along the rotated y axis and x
/// along strike as the 2D model assumes).
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
    public static double ResolveAmbiguity(double angleDeg, double profileAzimuthDeg) => StrikeAmbiguity.Nearest(angleDeg, profileAzimuthDeg + 90);

    /// <summary>
    /// The regional strike of <paramref name="tensorsByStation"/> (one list of tensors per station, in the north-east
    /// frame), with the per-station strikes, their spread and the 90-degree ambiguity resolved against the profile.
    /// Without frequencies there are no period bands.
    /// </summary>
    public static StrikeEstimate Estimate(IReadOnlyList<IReadOnlyList<ImpedanceTensor>> tensorsByStation, double profileAzimuthDeg)
    {
        ArgumentNullException.ThrowIfNull(tensorsByStation);
        StrikeDatum[] data = [.. tensorsByStation.SelectMany((tensors, s) => tensors.Select(z => new StrikeDatum(s, double.NaN, z)))];
        return Estimate(data, tensorsByStation.Count, profileAzimuthDeg, arrows: null);
    }

    /// <summary>
    /// Swift's regional strike of <paramref name="data"/> (tensors in the north-east frame), with the strikes per
    /// station and per period decade (each the candidate of its own criterion closer to the regional strike), the
    /// spreads, and the 90-degree ambiguity resolved by <paramref name="arrows"/> when given, else against the profile.
    /// </summary>
    /// <exception cref="InvalidOperationException">No finite, non-zero tensor.</exception>
    public static StrikeEstimate Estimate(IReadOnlyList<StrikeDatum> data, int stationCount, double profileAzimuthDeg, InductionArrowAxis? arrows)
    {
        ArgumentNullException.ThrowIfNull(data);
        StrikeDatum[] usable = [.. data.Where(d => d.Z.IsFinite && d.Z.Power > 0)];
        double regional = SwiftAngleDeg(usable.Select(d => d.Z));
        if (double.IsNaN(regional)) throw new InvalidOperationException("no finite impedance tensor to estimate the strike from");
        var ambiguity = StrikeAmbiguity.Resolve(regional, profileAzimuthDeg, arrows);
        double strike = ambiguity.StrikeDeg;
        double[] perStation = [.. Enumerable.Range(0, stationCount).Select(s => SwiftAngleDeg(usable.Where(d => d.Station == s).Select(d => d.Z)))];
        double[] perDatum = [.. usable.Select(d => SwiftAngleDeg([d.Z]))];
        var bands = StrikeBand.ByDecade(usable.Select((d, i) => (d.FrequencyHz, i)), rows =>
            (SwiftAngleDeg(rows.Select(i => usable[i].Z)), CircularSpread90(rows.Select(i => perDatum[i]))), strike);
        return new StrikeEstimate(StrikeMethod.Swift, strike,
            [.. perStation.Select(a => double.IsNaN(a) ? double.NaN : StrikeAmbiguity.Nearest(a, strike))],
            CircularSpread90(perStation.Where(double.IsFinite)), CircularSpread90(perDatum),
            DiagonalFraction([.. usable.Select(d => d.Z)], strike), usable.Length, bands, ambiguity);
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
        var (c, s, n) = Resultant90(anglesDeg);
        if (n == 0) return double.NaN;
        double length = Math.Min(1, Math.Sqrt(c * c + s * s) / n);
        return Math.Sqrt(-2 * Math.Log(length)) / 4 * 180 / Math.PI;
    }

    /// <summary>The circular mean (degrees, in [0, 90)) of angles of period 90: the direction of the mean of the unit
    /// vectors at 4a, divided by 4. NaN when there are no angles.</summary>
    public static double CircularMean90(IEnumerable<double> anglesDeg)
    {
        var (c, s, n) = Resultant90(anglesDeg);
        return n == 0 ? double.NaN : Angles.Wrap360(Math.Atan2(s, c) * 180 / Math.PI) / 4 % 90;
    }

    /// <summary>The sums of the unit vectors at 4a (cosines, sines) and their number.</summary>
    private static (double Cos, double Sin, int Count) Resultant90(IEnumerable<double> anglesDeg)
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
        return (c, s, n);
    }
}

/// <summary>How the strike is estimated from the impedances.</summary>
public enum StrikeMethod
{
    /// <summary>Circular mean of the phase tensors' alpha - beta (Caldwell et al. 2004) over the data that the skew
    /// rule keeps and whose ellipse has a direction (<see cref="PhaseTensorStrike"/>).</summary>
    PhaseTensor,

    /// <summary>Swift's criterion summed over the data (<see cref="StrikeEstimator"/>).</summary>
    Swift,
}

/// <summary>One tensor for a strike estimate.</summary>
/// <param name="Station">Index of its station (in profile order).</param>
/// <param name="FrequencyHz">Its frequency (NaN when unknown: it then belongs to no period band).</param>
/// <param name="Z">The tensor in the north-east frame.</param>
public sealed record StrikeDatum(int Station, double FrequencyHz, ImpedanceTensor Z);

/// <summary>The strike of the data in one decade of period.</summary>
/// <param name="MinPeriodS">Lower edge of the decade (s).</param>
/// <param name="MaxPeriodS">Upper edge of the decade (s).</param>
/// <param name="StrikeDeg">The band's strike, of its two candidates the one closer to the regional strike, [0, 180).</param>
/// <param name="SpreadDeg">Circular standard deviation (period 90) of the single data's strikes in the band.</param>
/// <param name="Count">Number of tensors in the band.</param>
public sealed record StrikeBand(double MinPeriodS, double MaxPeriodS, double StrikeDeg, double SpreadDeg, int Count)
{
    /// <summary>Groups <paramref name="rows"/> (frequency and index) by decade of period, [10^k, 10^(k+1)) s, and
    /// estimates each band's angle (modulo 90) and spread with <paramref name="estimate"/>; the angle is resolved
    /// towards <paramref name="strikeDeg"/>. Rows with a non-finite frequency are left out.</summary>
    public static IReadOnlyList<StrikeBand> ByDecade(IEnumerable<(double FrequencyHz, int Index)> rows,
        Func<IReadOnlyList<int>, (double AngleDeg, double SpreadDeg)> estimate, double strikeDeg)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(estimate);
        var bands = new List<StrikeBand>();
        foreach (var group in rows.Where(r => r.FrequencyHz > 0 && double.IsFinite(r.FrequencyHz))
                     .GroupBy(r => (int)Math.Floor(Math.Log10(1 / r.FrequencyHz) + 1e-9)).OrderBy(g => g.Key))
        {
            int[] indices = [.. group.Select(r => r.Index)];
            var (angle, spread) = estimate(indices);
            bands.Add(new StrikeBand(Math.Pow(10, group.Key), Math.Pow(10, group.Key + 1),
                double.IsNaN(angle) ? double.NaN : StrikeAmbiguity.Nearest(angle, strikeDeg), spread, indices.Length));
        }
        return bands;
    }
}

/// <summary>A strike estimated from the data.</summary>
/// <param name="Method">How it was estimated.</param>
/// <param name="StrikeDeg">Regional strike, degrees clockwise from north in [0, 180), ambiguity resolved.</param>
/// <param name="PerStationDeg">Each station's own strike (all its frequencies), of its two candidates the one closer to
/// the regional strike; NaN when it has no data.</param>
/// <param name="StationSpreadDeg">Circular standard deviation of the per-station strikes (period 90), degrees.</param>
/// <param name="DatumSpreadDeg">Circular standard deviation of the strikes of the single tensors (period 90), degrees.</param>
/// <param name="DiagonalFraction">Mean normalised diagonal power left in the strike frame (0 for ideal 2D data).</param>
/// <param name="TensorCount">Number of tensors used.</param>
/// <param name="Bands">The strike per decade of period.</param>
/// <param name="Ambiguity">How the 90-degree ambiguity of the regional strike was resolved.</param>
public sealed record StrikeEstimate(StrikeMethod Method,
    double StrikeDeg, double[] PerStationDeg, double StationSpreadDeg, double DatumSpreadDeg, double DiagonalFraction, int TensorCount,
    IReadOnlyList<StrikeBand> Bands, StrikeAmbiguity Ambiguity);
