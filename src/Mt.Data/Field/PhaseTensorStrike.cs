namespace Mt.Data.Field;

/// <summary>
/// The strike from phase tensors (Caldwell et al. 2004): each tensor's major-axis direction alpha - beta is the strike
/// or the strike + 90 degrees, so the angles are averaged modulo 90 (circular mean of 4(alpha - beta), divided by 4),
/// with the circular standard deviation sqrt(-2 ln R) / 4 as the spread. Only tensors that the data support as 2D
/// enter: |beta| at most the skew threshold (a 3D tensor has no strike) and ellipticity at least a minimum (a nearly
/// circular, 1D-like ellipse has no direction). The 90-degree ambiguity is resolved by <see cref="StrikeAmbiguity"/>.
/// The phase tensor ignores galvanic distortion (and so static shift), unlike Swift's criterion.
/// </summary>
public static class PhaseTensorStrike
{
    /// <summary>
    /// The phase-tensor strike of <paramref name="data"/> (tensors in the north-east frame), per station, per decade of
    /// period and for all of them, or null when no tensor passes the selection (|beta| &lt;= <paramref name="maxSkewDeg"/>,
    /// ellipticity &gt;= <paramref name="minEllipticity"/>). Station and band values are, of their two candidates, the
    /// one closer to the regional strike. The diagonal fraction is Swift's criterion at the chosen strike over every
    /// finite tensor (for comparison with <see cref="StrikeEstimator"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A threshold is NaN or negative.</exception>
    public static StrikeEstimate? Estimate(IReadOnlyList<StrikeDatum> data, int stationCount, double profileAzimuthDeg, InductionArrowAxis? arrows,
        double maxSkewDeg, double minEllipticity)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(maxSkewDeg >= 0) || !(minEllipticity >= 0)) throw new ArgumentException("the skew and ellipticity thresholds must be >= 0");
        var used = new List<(StrikeDatum Datum, double AngleDeg)>();
        foreach (StrikeDatum d in data)
            if (Selected(d.Z, maxSkewDeg, minEllipticity) is { } phi)
                used.Add((d, phi.StrikeDeg));
        if (used.Count == 0) return null;

        double regional = StrikeEstimator.CircularMean90(used.Select(u => u.AngleDeg));
        var ambiguity = StrikeAmbiguity.Resolve(regional, profileAzimuthDeg, arrows);
        double strike = ambiguity.StrikeDeg;
        double[] perStation = [.. Enumerable.Range(0, stationCount).Select(s => StrikeEstimator.CircularMean90(used.Where(u => u.Datum.Station == s).Select(u => u.AngleDeg)))];
        var bands = StrikeBand.ByDecade(used.Select((u, i) => (u.Datum.FrequencyHz, i)), rows =>
            (StrikeEstimator.CircularMean90(rows.Select(i => used[i].AngleDeg)), StrikeEstimator.CircularSpread90(rows.Select(i => used[i].AngleDeg))), strike);
        ImpedanceTensor[] finite = [.. data.Select(d => d.Z).Where(z => z.IsFinite && z.Power > 0)];
        return new StrikeEstimate(StrikeMethod.PhaseTensor, strike,
            [.. perStation.Select(a => double.IsNaN(a) ? double.NaN : StrikeAmbiguity.Nearest(a, strike))],
            StrikeEstimator.CircularSpread90(perStation.Where(double.IsFinite)), StrikeEstimator.CircularSpread90(used.Select(u => u.AngleDeg)),
            StrikeEstimator.DiagonalFraction(finite, strike), used.Count, bands, ambiguity);
    }

    /// <summary>The phase tensor of <paramref name="z"/> when it has a strike under the thresholds, else null.</summary>
    public static PhaseTensor? Selected(ImpedanceTensor z, double maxSkewDeg, double minEllipticity) =>
        PhaseTensor.Of(z) is { } phi && Math.Abs(phi.BetaDeg) <= maxSkewDeg && phi.Ellipticity >= minEllipticity ? phi : null;
}
