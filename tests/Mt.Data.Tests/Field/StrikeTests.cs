using System.Numerics;
using Mt.Data.Field;

namespace Mt.Data.Tests.Field;

public class StrikeTests
{
    private static readonly ImpedanceTensor General = new(
        new Complex(0.3, -0.1), new Complex(2.0, 1.7), new Complex(-1.2, -0.9), new Complex(-0.2, 0.4), 0.01, 0.04, 0.09, 0.16);

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(-123.4)]
    public void Rotation_keeps_the_invariants(double angleDeg)
    {
        var rotated = General.Rotate(angleDeg);

        Assert.True(Complex.Abs(rotated.Determinant - General.Determinant) < 1e-12);
        Assert.True(Complex.Abs((rotated.Xy - rotated.Yx) - (General.Xy - General.Yx)) < 1e-12);
        Assert.True(Complex.Abs((rotated.Xx + rotated.Yy) - (General.Xx + General.Yy)) < 1e-12);
        Assert.Equal(General.Power, rotated.Power, 1e-12);
        Assert.Equal(General.VarXx + General.VarXy + General.VarYx + General.VarYy,
            rotated.VarXx + rotated.VarXy + rotated.VarYx + rotated.VarYy, 1e-12);
        var back = rotated.Rotate(-angleDeg);
        Assert.True(Complex.Abs(back.Xy - General.Xy) < 1e-12 && Complex.Abs(back.Xx - General.Xx) < 1e-12);
    }

    [Fact]
    public void Rotation_by_90_degrees_swaps_the_axes()
    {
        var r = General.Rotate(90);

        Assert.True(Complex.Abs(r.Xx - General.Yy) < 1e-12);
        Assert.True(Complex.Abs(r.Yy - General.Xx) < 1e-12);
        Assert.True(Complex.Abs(r.Xy + General.Yx) < 1e-12);
        Assert.True(Complex.Abs(r.Yx + General.Xy) < 1e-12);
        Assert.Equal(General.VarYx, r.VarXy, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12.5)]
    [InlineData(37)]
    [InlineData(63.2)]
    [InlineData(89.6)]
    public void Swift_angle_of_a_rotated_2D_tensor_is_the_strike_modulo_90(double strikeDeg)
    {
        var geographic = FieldSamples.Geographic(FieldSamples.StrikeFrame(new Complex(1, 1), new Complex(-3, -2.5)), strikeDeg);

        double angle = StrikeEstimator.SwiftAngleDeg([geographic]);

        Assert.InRange(Math.Abs(Angles.Difference(angle, strikeDeg, 90)), 0, 1e-9);
        Assert.True(geographic.Rotate(angle).DiagonalPower < 1e-20);
    }

    [Theory]
    [InlineData(110, 20)]
    [InlineData(20, 110)]
    [InlineData(170, 80)]
    [InlineData(75, 160)]
    public void Noisy_synthetic_line_recovers_the_strike_within_one_degree(double strikeDeg, double profileAzimuthDeg)
    {
        var random = new Random(42);
        Complex Noise(double scale) => new(scale * (random.NextDouble() - 0.5), scale * (random.NextDouble() - 0.5));
        var stations = new List<IReadOnlyList<ImpedanceTensor>>();
        for (int s = 0; s < 10; s++)
        {
            var tensors = new List<ImpedanceTensor>();
            for (int f = 0; f < 20; f++)
            {
                double scale = Math.Pow(10, -f / 5.0);
                Complex te = scale * new Complex(1 + 0.1 * s, 0.9), tm = scale * new Complex(-0.4, -0.5 - 0.05 * f);
                var clean = FieldSamples.Geographic(FieldSamples.StrikeFrame(te, tm), strikeDeg);
                double n = 0.05 * scale;
                tensors.Add(clean with { Xx = clean.Xx + Noise(n), Xy = clean.Xy + Noise(n), Yx = clean.Yx + Noise(n), Yy = clean.Yy + Noise(n) });
            }
            stations.Add(tensors);
        }

        var estimate = StrikeEstimator.Estimate(stations, profileAzimuthDeg);

        Assert.InRange(Math.Abs(Angles.Difference(estimate.StrikeDeg, strikeDeg, 180)), 0, 1.0);
        Assert.Equal(200, estimate.TensorCount);
        Assert.InRange(estimate.DiagonalFraction, 0, 0.01);
        Assert.InRange(estimate.StationSpreadDeg, 0, 1.0);
        Assert.All(estimate.PerStationDeg, a => Assert.InRange(Math.Abs(Angles.Difference(a, strikeDeg, 180)), 0, 2.0));
    }

    [Fact]
    public void Ambiguity_is_resolved_towards_perpendicular_to_the_profile()
    {
        Assert.Equal(110, StrikeEstimator.ResolveAmbiguity(20, 20), 9);
        Assert.Equal(20, StrikeEstimator.ResolveAmbiguity(20, 100), 9);
        Assert.Equal(95, StrikeEstimator.ResolveAmbiguity(5, 0), 9);
        Assert.Equal(5, StrikeEstimator.ResolveAmbiguity(95, 95), 9);
    }

    [Fact]
    public void Spread_is_zero_for_equal_angles_and_grows_with_scatter()
    {
        Assert.Equal(0, StrikeEstimator.CircularSpread90([30, 30, 120]), 6);
        double small = StrikeEstimator.CircularSpread90([28, 30, 32]);
        double large = StrikeEstimator.CircularSpread90([10, 30, 50]);
        Assert.InRange(small, 1.5, 2.0);
        Assert.True(large > 5 * small);
    }
}
