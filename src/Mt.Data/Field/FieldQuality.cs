using Mt.Forward;

namespace Mt.Data.Field;

/// <summary>Why a datum (one station, frequency and mode) is not fitted; a datum can have several reasons.</summary>
[Flags]
public enum QualityReason
{
    /// <summary>The datum passes every rule.</summary>
    None = 0,

    /// <summary>A component of the impedance tensor is missing, EMPTY or not finite, or the mode's impedance is zero:
    /// there is no datum (counted as dropped, as before the quality rules).</summary>
    Missing = 1,

    /// <summary>|beta| of the phase tensor above <see cref="QualityRules.MaxSkewDeg"/>: 3D data, in both modes.</summary>
    Skew = 2,

    /// <summary>The phase (after rotation into the strike frame, repository convention) is outside
    /// [<see cref="QualityRules.MinPhaseDeg"/>, <see cref="QualityRules.MaxPhaseDeg"/>] in the second or fourth
    /// quadrant (3D effects, current channelling or noise; a 1D or 2D earth under e^{+iwt} gives 0 to 90 degrees).</summary>
    PhaseOutOfQuadrant = 4,

    /// <summary>The phase is in the third quadrant (-180 to -90 degrees): the impedance has the opposite sign of what the
    /// mode should have, a sign-convention (channel polarity) or mode-assignment error, not data to fit.</summary>
    PhaseThirdQuadrant = 8,

    /// <summary>|dZ| / |Z| of the mode's rotated impedance above <see cref="QualityRules.MaxErrorToValue"/>.</summary>
    ErrorToValue = 16,
}

/// <summary>
/// The rules that decide which data are fitted, with their thresholds.
/// <list type="bullet">
/// <item><b>Skew</b> |beta| &gt; 5 degrees marks 3D data (both modes). Caldwell, Bibby and Brown (2004) introduce beta
/// as the measure of 3D-ness; thresholds of 3 to 5 degrees are used in practice (Booker 2014, Surveys in Geophysics
/// 35, reviews them), and 5 is the tolerant end, the one issue 14 names.</item>
/// <item><b>Phase range</b> 0 to 90 degrees: what a 1D or 2D earth gives under e^{+iwt} with the repository's
/// conventions (TE arg Zxy, TM arg Zyx + 180); third-quadrant phases get their own reason.</item>
/// <item><b>Error-to-value</b> |dZ| / |Z| &gt; 0.3: at 30 % the phase's standard error is about 17 degrees (asin 0.3)
/// and that of the apparent resistivity 60 %, so a 2-sigma interval of the phase spans more than the 0-90 degree range
/// of physical phases; such a datum constrains the section hardly at all and large errors come with biased estimates.
/// This threshold is our choice, not a literature value.</item>
/// </list>
/// Ellipticity is not a masking rule (a high ellipticity is 2D, a low one 1D: both are fine to fit); it selects the
/// data that have a phase-tensor strike (<see cref="FieldProfileOptions.StrikeMinEllipticity"/>).
/// </summary>
public sealed record QualityRules
{
    /// <summary>Largest |beta| (degrees) of 2D data; +infinity turns the rule off.</summary>
    public double MaxSkewDeg { get; init; } = 5;

    /// <summary>Largest |dZ| / |Z| of the rotated mode impedance; +infinity turns the rule off. Data without a variance
    /// are not judged by it.</summary>
    public double MaxErrorToValue { get; init; } = 0.3;

    /// <summary>Smallest phase (degrees) kept.</summary>
    public double MinPhaseDeg { get; init; }

    /// <summary>Largest phase (degrees) kept.</summary>
    public double MaxPhaseDeg { get; init; } = 90;

    /// <summary>Whether the rules mask data (true) or only report (false).</summary>
    public bool Apply { get; init; } = true;

    /// <summary>Throws unless the thresholds are usable.</summary>
    /// <exception cref="ArgumentException">A threshold is NaN or out of range.</exception>
    public void Validate()
    {
        if (!(MaxSkewDeg >= 0)) throw new ArgumentException($"the largest skew must be >= 0 degrees (got {MaxSkewDeg})");
        if (!(MaxErrorToValue > 0)) throw new ArgumentException($"the largest error-to-value ratio must be > 0 (got {MaxErrorToValue})");
        if (!(MinPhaseDeg < MaxPhaseDeg)) throw new ArgumentException($"the phase range [{MinPhaseDeg}, {MaxPhaseDeg}] degrees must be increasing");
    }

    /// <summary>The reasons against one datum: <paramref name="phi"/> its station's phase tensor at that frequency (null
    /// when undefined: no skew decision), <paramref name="phaseDeg"/> the mode's phase in (-180, 180],
    /// <paramref name="errorToValue"/> |dZ| / |Z| (NaN when unknown).</summary>
    public QualityReason Judge(PhaseTensor? phi, double phaseDeg, double errorToValue)
    {
        var reasons = QualityReason.None;
        if (phi is { } p && Math.Abs(p.BetaDeg) > MaxSkewDeg) reasons |= QualityReason.Skew;
        if (Quadrant(phaseDeg) == 3) reasons |= QualityReason.PhaseThirdQuadrant;
        else if (phaseDeg < MinPhaseDeg || phaseDeg > MaxPhaseDeg) reasons |= QualityReason.PhaseOutOfQuadrant;
        if (errorToValue > MaxErrorToValue) reasons |= QualityReason.ErrorToValue;
        return reasons;
    }

    /// <summary>The quadrant (1 to 4) of a phase in (-180, 180]: 1 for [0, 90], 2 for (90, 180], 3 for (-180, -90),
    /// 4 for [-90, 0).</summary>
    public static int Quadrant(double phaseDeg) => phaseDeg switch
    {
        >= 0 and <= 90 => 1,
        > 90 => 2,
        < -90 => 3,
        _ => 4,
    };
}

/// <summary>One datum (station, frequency, mode) as the quality rules saw it.</summary>
/// <param name="Station">Station index (profile order).</param>
/// <param name="FrequencyHz">Frequency.</param>
/// <param name="Mode">TE or TM.</param>
/// <param name="RhoAppOhmM">Apparent resistivity in the strike frame (NaN when missing).</param>
/// <param name="PhaseDeg">Phase in the strike frame, repository convention, (-180, 180] (NaN when missing).</param>
/// <param name="ErrorToValue">|dZ| / |Z| of the rotated mode impedance (NaN without a variance).</param>
/// <param name="PhaseTensor">The station's phase tensor at this frequency (null when undefined).</param>
/// <param name="BetaStdDeg">Standard error of beta (degrees), <see cref="Field.PhaseTensor.BetaStdDeg"/>.</param>
/// <param name="Arrow">The real induction arrow at this frequency (null without tipper).</param>
/// <param name="Reasons">What the rules found.</param>
/// <param name="Kept">Whether the datum reaches the observed data.</param>
public sealed record QualityDatum(int Station, double FrequencyHz, Mode Mode, double RhoAppOhmM, double PhaseDeg, double ErrorToValue,
    PhaseTensor? PhaseTensor, double BetaStdDeg, InductionArrow? Arrow, QualityReason Reasons, bool Kept);

/// <summary>What the phases of one station and mode (or of the line, <see cref="Station"/> null) say about the sign and
/// time conventions.</summary>
public enum PhaseConventionVerdict
{
    /// <summary>Neither the third nor the fourth quadrant holds more than half of the phases: nothing systematic.</summary>
    Consistent,

    /// <summary>Most phases are in the third quadrant: the mode's sign is reversed (channel polarity or mode
    /// assignment), the data are masked rather than fitted.</summary>
    ThirdQuadrant,

    /// <summary>Most phases are in the fourth quadrant: the look of data in the e^{-iwt} time convention (conjugated
    /// impedances), opposite to the repository's e^{+iwt}.</summary>
    FourthQuadrant,
}

/// <summary>The quadrants of the phases of one station and mode, or of the whole line.</summary>
/// <param name="Station">Station index, or null for the line.</param>
/// <param name="Mode">TE or TM.</param>
/// <param name="QuadrantCounts">Number of phases in quadrants 1 to 4 (indices 0 to 3).</param>
/// <param name="Verdict">Whether a majority (more than half) lies in the third or fourth quadrant.</param>
public sealed record PhaseConventionCheck(int? Station, Mode Mode, int[] QuadrantCounts, PhaseConventionVerdict Verdict)
{
    /// <summary>The check of <paramref name="phasesDeg"/> (non-finite values are left out).</summary>
    public static PhaseConventionCheck Of(int? station, Mode mode, IEnumerable<double> phasesDeg)
    {
        ArgumentNullException.ThrowIfNull(phasesDeg);
        var counts = new int[4];
        foreach (double p in phasesDeg.Where(double.IsFinite)) counts[QualityRules.Quadrant(p) - 1]++;
        int all = counts.Sum();
        var verdict = 2 * counts[2] > all ? PhaseConventionVerdict.ThirdQuadrant
            : 2 * counts[3] > all ? PhaseConventionVerdict.FourthQuadrant
            : PhaseConventionVerdict.Consistent;
        return new PhaseConventionCheck(station, mode, counts, verdict);
    }
}

/// <summary>
/// The quality decisions of a field profile: every datum of every station (both modes, missing ones included) with its
/// phase tensor, error-to-value ratio, reasons and whether it is kept; counts per reason; the phase-convention checks.
/// </summary>
public sealed class FieldQuality
{
    /// <summary>Creates the record of <paramref name="data"/> judged by <paramref name="rules"/>.</summary>
    public FieldQuality(QualityRules rules, IReadOnlyList<QualityDatum> data, int stationCount)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(data);
        Rules = rules;
        Data = data;
        var checks = new List<PhaseConventionCheck>();
        foreach (Mode mode in new[] { Mode.TE, Mode.TM })
        {
            checks.Add(PhaseConventionCheck.Of(null, mode, data.Where(d => d.Mode == mode).Select(d => d.PhaseDeg)));
            for (int s = 0; s < stationCount; s++)
                checks.Add(PhaseConventionCheck.Of(s, mode, data.Where(d => d.Mode == mode && d.Station == s).Select(d => d.PhaseDeg)));
        }
        Conventions = checks;
    }

    /// <summary>The reasons that mask a datum, in report order.</summary>
    public static IReadOnlyList<QualityReason> MaskingReasons { get; } =
        [QualityReason.Skew, QualityReason.PhaseOutOfQuadrant, QualityReason.PhaseThirdQuadrant, QualityReason.ErrorToValue];

    /// <summary>The rules applied.</summary>
    public QualityRules Rules { get; }

    /// <summary>Every datum, station by station (profile order), frequency (file order), TE then TM.</summary>
    public IReadOnlyList<QualityDatum> Data { get; }

    /// <summary>Phase-convention checks: per mode the line (station null), then each station.</summary>
    public IReadOnlyList<PhaseConventionCheck> Conventions { get; }

    /// <summary>Number of station-frequency-mode slots (missing data included).</summary>
    public int Total => Data.Count;

    /// <summary>Number of data kept.</summary>
    public int KeptCount => Data.Count(d => d.Kept);

    /// <summary>Number of data present but masked by a rule.</summary>
    public int MaskedCount => Data.Count(d => !d.Kept && (d.Reasons & QualityReason.Missing) == 0);

    /// <summary>Number of data with <paramref name="reason"/> among their reasons (a datum can count under several).</summary>
    public int Count(QualityReason reason) => Data.Count(d => (d.Reasons & reason) != 0);

    /// <summary>Number of data whose only reason is <paramref name="reason"/>.</summary>
    public int OnlyCount(QualityReason reason) => Data.Count(d => d.Reasons == reason);

    /// <summary>The CSV name of a single reason (snake case), e.g. <c>phase_third_quadrant</c>.</summary>
    public static string Name(QualityReason reason) => reason switch
    {
        QualityReason.None => "none",
        QualityReason.Missing => "missing",
        QualityReason.Skew => "skew",
        QualityReason.PhaseOutOfQuadrant => "phase_out_of_quadrant",
        QualityReason.PhaseThirdQuadrant => "phase_third_quadrant",
        QualityReason.ErrorToValue => "error_to_value",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a single reason"),
    };

    /// <summary>The reasons of a datum as CSV text: single names joined by '|', "none" when there is none.</summary>
    public static string Names(QualityReason reasons) => reasons == QualityReason.None
        ? Name(QualityReason.None)
        : string.Join('|', Enum.GetValues<QualityReason>().Where(r => r != QualityReason.None && (reasons & r) != 0).Select(Name));
}
