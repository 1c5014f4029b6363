using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Mt.Data.Field;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

/// <summary>The phase tensor (Caldwell, Bibby and Brown 2004) of 1D, 2D, distorted and 3D-like impedances.</summary>
public class PhaseTensorTests
{
    /// <summary>TE phase atan(0.6) = 31.0 degrees, TM phase atan(1.5) = 56.3 degrees (TM Zyx in the third quadrant).</summary>
    private static readonly Complex Te = new(2.0, 1.2), Tm = new(-0.8, -1.2);

    private static ImpedanceTensor TwoD(double strikeDeg) => FieldSamples.Geographic(FieldSamples.StrikeFrame(Te, Tm), strikeDeg);

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-3)]
    public void A_1D_impedance_gives_tan_phase_times_the_identity(double frequencyHz)
    {
        var earth = new Layered1D([100, 10, 1000], [300, 2000]);
        Complex z = earth.SurfaceImpedance(frequencyHz, Mode.TE);
        double phaseDeg = Impedance.PhaseDeg(z, Mode.TE);

        var phi = PhaseTensor.Of(new ImpedanceTensor(Complex.Zero, z, -z, Complex.Zero).Rotate(27))!.Value;

        Assert.Equal(Math.Tan(phaseDeg * Math.PI / 180), phi.Phi11, 10);
        Assert.Equal(phi.Phi11, phi.Phi22, 10);
        Assert.Equal(0, phi.Phi12, 10);
        Assert.Equal(0, phi.Phi21, 10);
        Assert.Equal(0, phi.BetaDeg, 8);
        Assert.Equal(0, phi.Ellipticity, 8);
        Assert.Equal(phaseDeg, phi.PhiMaxDeg, 8);
        Assert.Equal(phaseDeg, phi.PhiMinDeg, 8);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(67.5)]
    [InlineData(110)]
    [InlineData(-40)]
    public void A_rotated_2D_tensor_gives_the_rotated_diagonal_of_tan_TM_and_tan_TE(double strikeDeg)
    {
        double tanTm = Math.Tan(Impedance.PhaseDeg(Tm, Mode.TM) * Math.PI / 180), tanTe = Math.Tan(Impedance.PhaseDeg(Te, Mode.TE) * Math.PI / 180);
        double a = strikeDeg * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        // Phi = R^T diag(tan TM, tan TE) R with R = [[c, s], [-s, c]], the rotation the tensors use.
        double expected11 = tanTm * c * c + tanTe * s * s, expected22 = tanTm * s * s + tanTe * c * c, expected12 = (tanTm - tanTe) * c * s;

        var phi = PhaseTensor.Of(TwoD(strikeDeg))!.Value;

        Assert.Equal(expected11, phi.Phi11, 10);
        Assert.Equal(expected12, phi.Phi12, 10);
        Assert.Equal(expected12, phi.Phi21, 10);
        Assert.Equal(expected22, phi.Phi22, 10);
        Assert.Equal(0, phi.BetaDeg, 8);
        Assert.Equal(tanTm, phi.PhiMax, 10);
        Assert.Equal(tanTe, phi.PhiMin, 10);
        Assert.Equal((tanTm - tanTe) / (tanTm + tanTe), phi.Ellipticity, 10);
        // The TM phase is the larger, so the major axis lies along the strike.
        Assert.InRange(Math.Abs(Angles.Difference(phi.StrikeDeg, strikeDeg, 180)), 0, 1e-8);
    }

    [Fact]
    public void The_phase_tensor_agrees_with_an_independent_inverse_of_the_real_part()
    {
        var z = new ImpedanceTensor(new Complex(0.3, -0.1), new Complex(2.0, 1.7), new Complex(-1.2, -0.9), new Complex(-0.2, 0.4));
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { z.Xx.Real, z.Xy.Real }, { z.Yx.Real, z.Yy.Real } });
        var y = Matrix<double>.Build.DenseOfArray(new[,] { { z.Xx.Imaginary, z.Xy.Imaginary }, { z.Yx.Imaginary, z.Yy.Imaginary } });
        var expected = x.Inverse() * y;

        var phi = PhaseTensor.Of(z)!.Value;

        Assert.Equal(expected[0, 0], phi.Phi11, 12);
        Assert.Equal(expected[0, 1], phi.Phi12, 12);
        Assert.Equal(expected[1, 0], phi.Phi21, 12);
        Assert.Equal(expected[1, 1], phi.Phi22, 12);
        // A general tensor is 3D: its skew is far from zero, and Phi_max Phi_min = det Phi.
        Assert.True(Math.Abs(phi.BetaDeg) > 5, $"beta {phi.BetaDeg}");
        Assert.Equal(expected.Determinant(), phi.PhiMax * phi.PhiMin, 10);
    }

    public static TheoryData<double, double, double, double> Distortions => new()
    {
        { 1.3, 0.4, -0.2, 0.7 },  // twist and shear
        { 0.2, 0.0, 0.0, 5.0 },   // strong anisotropic static shift
        { 0.9, -0.6, 0.5, 1.1 },
    };

    [Theory]
    [MemberData(nameof(Distortions))]
    public void Galvanic_distortion_leaves_the_phase_tensor_unchanged_but_moves_Swift_strike(double c11, double c12, double c21, double c22)
    {
        const double strikeDeg = 35;
        ImpedanceTensor regional = TwoD(strikeDeg);
        ImpedanceTensor distorted = Distort(regional, c11, c12, c21, c22);

        var phi = PhaseTensor.Of(regional)!.Value;
        var phiD = PhaseTensor.Of(distorted)!.Value;

        Assert.Equal(phi.Phi11, phiD.Phi11, 10);
        Assert.Equal(phi.Phi12, phiD.Phi12, 10);
        Assert.Equal(phi.Phi21, phiD.Phi21, 10);
        Assert.Equal(phi.Phi22, phiD.Phi22, 10);
        Assert.Equal(0, phiD.BetaDeg, 8);
        Assert.InRange(Math.Abs(Angles.Difference(phiD.StrikeDeg, strikeDeg, 180)), 0, 1e-8);
        // The diagonal of the distorted tensor does not vanish in the strike frame, so Swift's angle moves off the strike.
        Assert.True(Math.Abs(Angles.Difference(StrikeEstimator.SwiftAngleDeg([distorted]), strikeDeg, 90)) > 1);
    }

    [Fact]
    public void A_singular_real_part_or_a_missing_component_has_no_phase_tensor()
    {
        var purelyImaginary = new ImpedanceTensor(Complex.Zero, new Complex(0, 1), new Complex(0, -1), Complex.Zero);
        var missing = TwoD(10) with { Xx = new Complex(double.NaN, 0) };

        Assert.Null(PhaseTensor.Of(purelyImaginary));
        Assert.Null(PhaseTensor.Of(missing));
        Assert.True(double.IsNaN(PhaseTensor.BetaStdDeg(missing)));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.03)]
    public void Propagated_beta_error_matches_a_seeded_Monte_Carlo_estimate(double relativeError)
    {
        // A 3D-like tensor (beta about -7.5 degrees) with every component's variance (relativeError |Zxy|)^2.
        var baseTensor = new ImpedanceTensor(new Complex(0.8, 0.1), new Complex(2.0, 1.5), new Complex(-1.1, -1.3), new Complex(-0.3, 0.9));
        double variance = Math.Pow(relativeError * baseTensor.Xy.Magnitude, 2);
        var z = baseTensor with { VarXx = variance, VarXy = variance, VarYx = variance, VarYy = variance };
        double beta0 = PhaseTensor.Of(z)!.Value.BetaDeg;

        var random = new Random(1234);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double sigma = Math.Sqrt(variance / 2);
        Complex Noisy(Complex c) => c + new Complex(sigma * Gaussian(), sigma * Gaussian());
        const int samples = 20_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < samples; i++)
        {
            double d = PhaseTensor.Of(new ImpedanceTensor(Noisy(z.Xx), Noisy(z.Xy), Noisy(z.Yx), Noisy(z.Yy)))!.Value.BetaDeg - beta0;
            sum += d;
            sum2 += d * d;
        }
        double monteCarlo = Math.Sqrt(sum2 / samples - sum * sum / ((double)samples * samples));

        double propagated = PhaseTensor.BetaStdDeg(z);

        Assert.InRange(Math.Abs(beta0), 5, 15);
        Assert.InRange(propagated / monteCarlo, 0.93, 1.07);
        Assert.True(double.IsNaN(PhaseTensor.BetaStdDeg(baseTensor)), "no variances, no error");
    }

    /// <summary>Z_d = C Z for a real distortion matrix C.</summary>
    internal static ImpedanceTensor Distort(ImpedanceTensor z, double c11, double c12, double c21, double c22) => new(
        c11 * z.Xx + c12 * z.Yx, c11 * z.Xy + c12 * z.Yy,
        c21 * z.Xx + c22 * z.Yx, c21 * z.Xy + c22 * z.Yy);
}
