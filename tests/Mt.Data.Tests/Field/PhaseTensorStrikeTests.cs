using System.Numerics;
using Mt.Data.Edi;
using Mt.Data.Field;

namespace Mt.Data.Tests.Field;

/// <summary>The phase-tensor strike of synthetic lines and its 90-degree ambiguity resolved by induction arrows.</summary>
public class PhaseTensorStrikeTests
{
    private static readonly double[] Frequencies = [300, 100, 30, 3, 0.3, 0.03, 0.003];

    /// <summary>A 2D response at station <paramref name="s"/> and frequency <paramref name="f"/>: TE phase below TM phase,
    /// both varying with frequency and station.</summary>
    private static ImpedanceTensor StrikeFrame(int s, int f)
    {
        double scale = Math.Pow(10, -0.3 * f);
        return FieldSamples.StrikeFrame(scale * new Complex(1 + 0.2 * s, 0.5 + 0.05 * f), scale * new Complex(-0.7, -1.1 - 0.03 * s));
    }

    /// <summary>Five stations on the meridian 117 E (a profile of azimuth 0), each with the 2D tensors of strike
    /// <paramref name="strikeDeg"/> and, optionally, the 2D tipper (real part changing sign at the middle station, as
    /// either side of a conductor).</summary>
    private static EdiFile[] Line(double strikeDeg, bool withTipper, Func<int, ImpedanceTensor, ImpedanceTensor>? distort = null) =>
    [
        .. Enumerable.Range(0, 5).Select(s => FieldSamples.Station($"S{s}", -24 + 0.1 * s, 117, Frequencies,
            [.. Frequencies.Select((_, f) => (distort ?? ((_, z) => z))(s, FieldSamples.Geographic(StrikeFrame(s, f), strikeDeg)))],
            withTipper ? [.. Frequencies.Select((_, f) => FieldSamples.Tipper2D(new Complex(0.2 * (s - 2) + 0.05, 0.1), strikeDeg))] : null)),
    ];

    [Theory]
    [InlineData(30)]   // geometry (azimuth 0) would take 120
    [InlineData(160)]  // geometry would take 70
    [InlineData(95)]   // geometry agrees
    public void Strike_of_a_rotated_2D_line_is_recovered_and_the_tipper_resolves_the_ambiguity(double strikeDeg)
    {
        var profile = FieldProfile.Build(Line(strikeDeg, withTipper: true), new FieldProfileOptions { AzimuthDeg = 0 });

        StrikeEstimate e = profile.Strike!;
        Assert.Equal(StrikeMethod.PhaseTensor, e.Method);
        Assert.InRange(Math.Abs(Angles.Difference(profile.StrikeDeg, strikeDeg, 180)), 0, 1e-6);
        Assert.Equal(StrikeAmbiguityResolution.InductionArrows, e.Ambiguity.ResolvedBy);
        Assert.Equal(90, e.Ambiguity.MarginDeg, 6);
        Assert.InRange(Math.Abs(Angles.Difference(profile.Arrows!.AxisDeg, strikeDeg + 90, 180)), 0, 1e-6);
        Assert.Equal(1, profile.Arrows.Coherence, 9);
        double geometry = StrikeEstimator.ResolveAmbiguity(strikeDeg, 0);
        Assert.Equal(geometry, e.Ambiguity.GeometryStrikeDeg, 6);
        Assert.Equal(5 * Frequencies.Length, e.TensorCount);
        Assert.Equal(0, e.StationSpreadDeg, 3);
        Assert.All(e.PerStationDeg, a => Assert.InRange(Math.Abs(Angles.Difference(a, strikeDeg, 180)), 0, 1e-6));
        // Decades of period: 1/300 s .. 1/0.003 s gives six decades, each with the same strike.
        Assert.Equal([1e-3, 1e-2, 1e-1, 1, 10, 100], e.Bands.Select(b => b.MinPeriodS), new ToleranceComparer(1e-12));
        Assert.All(e.Bands, b => Assert.InRange(Math.Abs(Angles.Difference(b.StrikeDeg, strikeDeg, 180)), 0, 1e-6));
        Assert.Equal(5 * Frequencies.Length, e.Bands.Sum(b => b.Count));
        // Swift agrees on ideal 2D data, with the same resolution.
        StrikeEstimate swift = Assert.Single(profile.StrikeEstimates, x => x.Method == StrikeMethod.Swift);
        Assert.InRange(Math.Abs(Angles.Difference(swift.StrikeDeg, strikeDeg, 180)), 0, 1e-6);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(160)]
    public void Without_tipper_the_profile_geometry_decides(double strikeDeg)
    {
        var profile = FieldProfile.Build(Line(strikeDeg, withTipper: false), new FieldProfileOptions { AzimuthDeg = 0 });

        Assert.Null(profile.Arrows);
        Assert.Equal(StrikeAmbiguityResolution.ProfileGeometry, profile.Strike!.Ambiguity.ResolvedBy);
        Assert.Equal(StrikeEstimator.ResolveAmbiguity(strikeDeg, 0), profile.StrikeDeg, 6);
    }

    [Fact]
    public void The_tipper_is_not_used_when_switched_off_or_when_it_is_a_placeholder()
    {
        const double strikeDeg = 30;
        var off = FieldProfile.Build(Line(strikeDeg, withTipper: true), new FieldProfileOptions { AzimuthDeg = 0, ResolveStrikeByTipper = false });
        // Zero tipper blocks (as in the Capricorn files, which declare no HZ channel): no arrows.
        EdiFile[] zeros = [.. Line(strikeDeg, withTipper: false).Select((e, s) => FieldSamples.Station(e.Header.DataId, e.Position.LatitudeDeg,
            e.Position.LongitudeDeg, Frequencies, FieldProfile.GeographicTensors(e), [.. Frequencies.Select(_ => (Complex.Zero, Complex.Zero))]))];
        var placeholder = FieldProfile.Build(zeros, new FieldProfileOptions { AzimuthDeg = 0 });

        Assert.Equal(StrikeAmbiguityResolution.ProfileGeometry, off.Strike!.Ambiguity.ResolvedBy);
        Assert.Equal(120, off.StrikeDeg, 6);
        Assert.All(FieldProfile.RealArrows(zeros[0]), a => Assert.Null(a));
        Assert.Null(placeholder.Arrows);
        Assert.Equal(120, placeholder.StrikeDeg, 6);
    }

    [Fact]
    public void Galvanically_distorted_2D_line_keeps_its_phase_tensor_strike_and_is_not_masked_as_3D()
    {
        const double strikeDeg = 20;
        double[][] c = [[1.4, 0.5, -0.3, 0.6], [0.5, -0.2, 0.1, 2.0], [1, 0, 0, 1], [0.8, 0.4, 0.4, 0.8], [2.5, -0.9, 0.7, 0.9]];
        var line = Line(strikeDeg, withTipper: false, (s, z) => PhaseTensorTests.Distort(z, c[s][0], c[s][1], c[s][2], c[s][3]));

        var pt = FieldProfile.Build(line, new FieldProfileOptions { AzimuthDeg = 0 });
        var swift = FieldProfile.Build(line, new FieldProfileOptions { AzimuthDeg = 0, StrikeMethod = StrikeMethod.Swift });

        Assert.InRange(Math.Abs(Angles.Difference(pt.StrikeDeg, strikeDeg + 90, 180)), 0, 1e-6);
        Assert.Equal(0, pt.Strike!.DatumSpreadDeg, 3);
        Assert.Equal(0, pt.Quality.Count(QualityReason.Skew));
        Assert.Equal(StrikeMethod.Swift, swift.Strike!.Method);
        Assert.True(Math.Abs(Angles.Difference(swift.StrikeDeg, strikeDeg, 90)) > 1, $"Swift {swift.StrikeDeg}");
        Assert.True(swift.Strike.DiagonalFraction > 0.01);
    }

    [Fact]
    public void One_dimensional_data_have_no_phase_tensor_strike_and_fall_back_to_Swift()
    {
        EdiFile[] halfSpace = [.. Enumerable.Range(0, 3).Select(s => FieldSamples.Station($"H{s}", -24 + 0.1 * s, 117, Frequencies,
            [.. Frequencies.Select(f => new ImpedanceTensor(Complex.Zero, FieldSamples.HalfSpace(100, f), -FieldSamples.HalfSpace(30, f), Complex.Zero))]))];

        var profile = FieldProfile.Build(halfSpace);

        Assert.Equal(StrikeMethod.Swift, profile.Strike!.Method);
        Assert.DoesNotContain(profile.StrikeEstimates, e => e.Method == StrikeMethod.PhaseTensor);
    }

    [Fact]
    public void Phase_tensor_strike_leaves_out_3D_and_circular_tensors()
    {
        var twoD = FieldSamples.Geographic(StrikeFrame(0, 0), 40);
        var threeD = new ImpedanceTensor(new Complex(0.8, 0.1), new Complex(2.0, 1.5), new Complex(-1.1, -1.3), new Complex(-0.3, 0.9));
        var circle = new ImpedanceTensor(Complex.Zero, new Complex(1, 1), new Complex(-1, -1), Complex.Zero);
        StrikeDatum[] data = [new(0, 1, twoD), new(0, 1, threeD), new(0, 1, circle)];

        var e = PhaseTensorStrike.Estimate(data, 1, 0, null, maxSkewDeg: 5, minEllipticity: 0.1)!;

        Assert.True(Math.Abs(PhaseTensor.Of(threeD)!.Value.BetaDeg) > 5);
        Assert.Equal(1, e.TensorCount);
        Assert.InRange(Math.Abs(Angles.Difference(e.StrikeDeg, 40, 90)), 0, 1e-8);
        Assert.Null(PhaseTensorStrike.Estimate([new(0, 1, circle)], 1, 0, null, 5, 0.1));
    }

    [Fact]
    public void Arrow_axis_adds_opposite_arrows_and_ignores_zero_ones()
    {
        InductionArrow[] arrows = [new(0.3, 0.3), new(-0.1, -0.1), new(0, 0)];

        var axis = InductionArrow.Axis(arrows)!;

        Assert.Equal(45, axis.AxisDeg, 9);
        Assert.Equal(1, axis.Coherence, 12);
        Assert.Equal(2, axis.Count);
        Assert.Equal(225, arrows[1].WieseAzimuthDeg, 9);
        Assert.Null(InductionArrow.Axis([new(0, 0)]));
        // Perpendicular arrows of equal length have no preferred axis.
        Assert.Equal(0, InductionArrow.Axis([new(1, 0), new(0, 1)])!.Coherence, 12);
    }

    private sealed class ToleranceComparer(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= relative * Math.Max(Math.Abs(a), Math.Abs(b));
        public int GetHashCode(double value) => 0;
    }
}
