using System.Numerics;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

/// <summary>The data-quality rules, one case masked and one not per rule, the phase-convention check, and the profile
/// integration (masked data never reach the observed data).</summary>
public class FieldQualityTests
{
    private static readonly double[] Frequencies = [100, 10, 1, 0.1, 0.01];

    /// <summary>A phase tensor with skew exactly <paramref name="betaDeg"/>: k [[cos 2b, sin 2b], [-sin 2b, cos 2b]].</summary>
    private static PhaseTensor WithSkew(double betaDeg)
    {
        double b = 2 * betaDeg * Math.PI / 180;
        return new PhaseTensor(Math.Cos(b), Math.Sin(b), -Math.Sin(b), Math.Cos(b));
    }

    public static TheoryData<string, double, double, double, QualityReason> Cases => new()
    {
        { "skew below the threshold", 4.9, 45, 0.01, QualityReason.None },
        { "skew above the threshold", 5.1, 45, 0.01, QualityReason.Skew },
        { "negative skew above the threshold", -7, 45, 0.01, QualityReason.Skew },
        { "phase inside 0-90", 0, 89.5, 0.01, QualityReason.None },
        { "phase in the second quadrant", 0, 95, 0.01, QualityReason.PhaseOutOfQuadrant },
        { "phase in the fourth quadrant", 0, -10, 0.01, QualityReason.PhaseOutOfQuadrant },
        { "phase in the third quadrant", 0, -135, 0.01, QualityReason.PhaseThirdQuadrant },
        { "error below the threshold", 0, 45, 0.29, QualityReason.None },
        { "error above the threshold", 0, 45, 0.31, QualityReason.ErrorToValue },
        { "unknown error", 0, 45, double.NaN, QualityReason.None },
        { "all at once", 12, -100, 2, QualityReason.Skew | QualityReason.PhaseThirdQuadrant | QualityReason.ErrorToValue },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_masks_beyond_its_threshold_only(string name, double betaDeg, double phaseDeg, double errorToValue, QualityReason expected)
    {
        var phi = WithSkew(betaDeg);

        QualityReason reasons = new QualityRules().Judge(phi, phaseDeg, errorToValue);

        Assert.Equal(betaDeg, phi.BetaDeg, 9);
        Assert.True(expected == reasons, $"{name}: {reasons}");
    }

    [Fact]
    public void Thresholds_are_options_and_infinity_turns_a_rule_off()
    {
        var tolerant = new QualityRules { MaxSkewDeg = 10, MaxErrorToValue = double.PositiveInfinity, MinPhaseDeg = -15, MaxPhaseDeg = 100 };

        Assert.Equal(QualityReason.None, tolerant.Judge(WithSkew(8), 95, 5));
        Assert.Equal(QualityReason.PhaseOutOfQuadrant, tolerant.Judge(WithSkew(8), -20, 5));
        Assert.Equal(QualityReason.PhaseThirdQuadrant, tolerant.Judge(null, -95, 5));
        Assert.Throws<ArgumentException>(() => new QualityRules { MaxSkewDeg = double.NaN }.Validate());
        Assert.Throws<ArgumentException>(() => new QualityRules { MaxErrorToValue = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new QualityRules { MinPhaseDeg = 90, MaxPhaseDeg = 0 }.Validate());
    }

    [Theory]
    [InlineData(45, 1)]
    [InlineData(0, 1)]
    [InlineData(90, 1)]
    [InlineData(135, 2)]
    [InlineData(180, 2)]
    [InlineData(-135, 3)]
    [InlineData(-90, 4)]
    [InlineData(-10, 4)]
    public void Quadrants_of_phases(double phaseDeg, int quadrant) => Assert.Equal(quadrant, QualityRules.Quadrant(phaseDeg));

    /// <summary>Three 2D stations (strike 0) on the meridian 117 E; <paramref name="change"/> edits station s's tensor.</summary>
    private static EdiFile[] Line(Func<int, int, ImpedanceTensor, ImpedanceTensor>? change = null) =>
    [
        .. Enumerable.Range(0, 3).Select(s => FieldSamples.Station($"S{s}", -24 + 0.1 * s, 117, Frequencies,
            [.. Frequencies.Select((f, k) => (change ?? ((_, _, z) => z))(s, k,
                FieldSamples.StrikeFrame(new Complex(1, 0.6) * (1 + s), new Complex(-0.7, -1.1), variance: 1e-4)))])),
    ];

    private static readonly FieldProfileOptions Given = new() { StrikeDeg = 0, AzimuthDeg = 0 };

    [Fact]
    public void A_station_with_a_reversed_TE_sign_is_reported_and_its_TE_data_masked_not_fitted()
    {
        var profile = FieldProfile.Build(Line((s, _, z) => s == 1 ? z with { Xy = -z.Xy } : z), Given);

        PhaseConventionCheck check = Assert.Single(profile.Quality.Conventions, c => c.Verdict != PhaseConventionVerdict.Consistent);
        Assert.Equal((1, Mode.TE, PhaseConventionVerdict.ThirdQuadrant), (check.Station!.Value, check.Mode, check.Verdict));
        Assert.Equal(Frequencies.Length, check.QuadrantCounts[2]);
        Assert.Equal(Frequencies.Length, profile.Quality.Count(QualityReason.PhaseThirdQuadrant));
        Assert.Equal(0, profile.Stations[1].TeCount);
        Assert.Equal(Frequencies.Length, profile.Stations[1].MaskedCount);
        Assert.DoesNotContain(profile.ToResponseRows(), r => r.Mode == Mode.TE && r.StationM == profile.Stations[1].DistanceM);
        // A sign error leaves a 2D phase tensor alone: it flips the same entry of X and of Y.
        Assert.Equal(0, profile.Quality.Count(QualityReason.Skew));
    }

    [Fact]
    public void Data_in_the_other_time_convention_show_as_fourth_quadrant_phases()
    {
        var profile = FieldProfile.Build(Line((_, _, z) => z with { Xy = Complex.Conjugate(z.Xy), Yx = Complex.Conjugate(z.Yx) }), Given);

        Assert.All(profile.Quality.Conventions, c => Assert.Equal(PhaseConventionVerdict.FourthQuadrant, c.Verdict));
        Assert.Equal(2 * 3 * Frequencies.Length, profile.Quality.Count(QualityReason.PhaseOutOfQuadrant));
        // Conjugation turns Phi into -Phi: a negative trace, so beta = atan2(0, negative) / 2 = 90 degrees, masked as skew too.
        Assert.Equal(2 * 3 * Frequencies.Length, profile.Quality.Count(QualityReason.Skew));
        Assert.Equal(0, profile.DataCount);
    }

    [Fact]
    public void Masked_data_never_reach_the_observed_data_and_every_reason_is_recorded()
    {
        var threeD = new ImpedanceTensor(new Complex(0.8, 0.1), new Complex(2.0, 1.5), new Complex(-1.1, -1.3), new Complex(-0.3, 0.9), 1e-4, 1e-4, 1e-4, 1e-4);
        var profile = FieldProfile.Build(Line((s, k, z) => (s, k) switch
        {
            (0, 1) => threeD,                                                               // 3D: both modes
            (2, 3) => z with { VarXy = Math.Pow(0.5 * z.Xy.Magnitude, 2), VarYx = Math.Pow(0.5 * z.Yx.Magnitude, 2) }, // 50 % errors
            _ => z,
        }), Given);

        FieldQuality q = profile.Quality;
        Assert.Equal(2 * 3 * Frequencies.Length, q.Total);
        Assert.Equal(2, q.Count(QualityReason.Skew));
        Assert.Equal(2, q.Count(QualityReason.ErrorToValue));
        Assert.Equal(q.Total - q.MaskedCount, q.KeptCount);
        Assert.Equal(q.KeptCount, profile.DataCount);
        var rows = profile.ToResponseRows();
        Assert.Equal(q.KeptCount, rows.Count);
        var kept = q.Data.Where(d => d.Kept).Select(d => (d.Mode, profile.Stations[d.Station].DistanceM, d.FrequencyHz)).ToHashSet();
        Assert.All(rows, r => Assert.Contains((r.Mode, r.StationM, r.FrequencyHz), kept));
        Assert.All(q.Data.Where(d => !d.Kept), d => Assert.False(profile.Has(d.Mode == Mode.TE ? 0 : 1,
            Array.IndexOf(profile.FrequenciesHz, d.FrequencyHz), d.Station)));

        var reportOnly = FieldProfile.Build(Line((s, k, z) => (s, k) == (0, 1) ? threeD : z), Given with { Quality = new QualityRules { Apply = false } });
        Assert.Equal(2 * 3 * Frequencies.Length, reportOnly.DataCount);
        Assert.Equal(2, reportOnly.Quality.Count(QualityReason.Skew));
    }

    [Fact]
    public void Quality_table_has_one_row_per_station_frequency_and_mode_with_the_reasons()
    {
        var profile = FieldProfile.Build(Line((s, k, z) => (s, k) == (1, 0) ? z with { Xy = -z.Xy } : z), Given);
        using var writer = new StringWriter();

        FieldQualityCsv.Write(writer, profile);

        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FieldQualityCsv.Header, lines[0]);
        Assert.Equal(1 + 2 * 3 * Frequencies.Length, lines.Length);
        int columns = FieldQualityCsv.Header.Split(',').Length;
        Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
        string masked = Assert.Single(lines, l => l.EndsWith(",0,phase_third_quadrant", StringComparison.Ordinal));
        Assert.StartsWith("S1,", masked);
        Assert.Contains(",100,0.01,TE,", masked);
        Assert.Equal(2 * 3 * Frequencies.Length - 1, lines.Count(l => l.EndsWith(",1,none", StringComparison.Ordinal)));
    }

    [Fact]
    public void Quality_arrays_hold_masked_data_where_the_profile_arrays_have_none()
    {
        var profile = FieldProfile.Build(Line((s, k, z) => (s, k) == (2, 4) ? z with { Yx = -z.Yx } : z), Given);
        int f = Array.IndexOf(profile.FrequenciesHz, Frequencies[4]);

        double[,,] phase = profile.QualityValues(d => d.PhaseDeg);
        bool[,,] third = profile.QualityFlags(QualityReason.PhaseThirdQuadrant);

        Assert.True(double.IsNaN(profile.PhaseDeg[1, f, 2]));
        Assert.InRange(phase[1, f, 2], -180, -90);
        Assert.True(third[1, f, 2]);
        Assert.Equal(1, third.Cast<bool>().Count(b => b));
        Assert.Equal(profile.PhaseDeg[0, f, 2], phase[0, f, 2]);
    }

    [Fact]
    public void Reason_names_join_several_reasons()
    {
        Assert.Equal("none", FieldQuality.Names(QualityReason.None));
        Assert.Equal("skew|error_to_value", FieldQuality.Names(QualityReason.ErrorToValue | QualityReason.Skew));
    }
}
