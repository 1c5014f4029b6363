using System.Numerics;
using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The analytic 1D solution: closed forms, stability over the whole band, and consistency of its profiles.</summary>
public class Layered1DTests
{
    /// <summary>Half-space: Z = i w mu0 / k exactly, so rho_a = rho and phase = 45 degrees in both modes.</summary>
    [Theory]
    [InlineData(1e-5)]
    [InlineData(1.0)]
    [InlineData(1e5)]
    public void HalfSpaceImpedanceIsClosedForm(double f)
    {
        var z = Layered1D.HalfSpace(37).SurfaceImpedance(f);
        double w = 2 * Math.PI * f;
        var k = Complex.Sqrt(new Complex(0, w * Impedance.Mu0 / 37));
        var exact = Complex.ImaginaryOne * w * Impedance.Mu0 / k;
        Assert.True((z - exact).Magnitude <= 1e-13 * exact.Magnitude);
        Assert.Equal(37, Impedance.RhoAppOhmM(z, f), 1e-9);
        Assert.Equal(45, Impedance.PhaseDeg(z, Mode.TE), 1e-9);
        Assert.Equal(45, Impedance.PhaseDeg(-z, Mode.TM), 1e-9);
    }

    /// <summary>A thick conductive layer at 1e5 Hz: finite (no cosh/sinh overflow) and equal to the top layer's half-space.</summary>
    [Fact]
    public void StableAtHighFrequency()
    {
        var earth = new Layered1D([5, 5000, 1], [50_000, 100_000]);
        foreach (double f in Tolerance.LogSpace(1e-5, 1e5, 41))
        {
            var z = earth.SurfaceImpedance(f);
            Assert.True(double.IsFinite(z.Real) && double.IsFinite(z.Imaginary), $"f={f}");
        }
        Tolerance.Relative(5, Impedance.RhoAppOhmM(earth.SurfaceImpedance(1e5), 1e5), 1e-12, "5 ohm-m at 1e5 Hz");
        // At very low frequency the deep 1 ohm-m basement dominates.
        Assert.True(Impedance.RhoAppOhmM(earth.SurfaceImpedance(1e-5), 1e-5) < 5);
    }

    /// <summary>The profiles satisfy the field equations: H = -(1/(i w mu0)) dE/dz gives the impedance at the surface,
    /// and the TE field is continuous with a continuous derivative across an interface.</summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(10.0)]
    public void ProfileIsConsistentWithTheImpedance(double f)
    {
        var earth = new Layered1D([100, 10, 1000], [1000, 4000]);
        double w = 2 * Math.PI * f, eps = 1e-3;
        var e = earth.Profile(f, Mode.TE, [0, eps, 1000 - eps, 1000, 1000 + eps], 0);
        var hy = -(e[1] - e[0]) / eps / (Complex.ImaginaryOne * w * Impedance.Mu0);
        Tolerance.Relative(earth.SurfaceImpedance(f).Magnitude, (e[0] / hy).Magnitude, 1e-4, "Z from the profile");
        Tolerance.Relative((e[3] - e[2]).Magnitude, (e[4] - e[3]).Magnitude, 1e-3, "dE/dz continuous at 1000 m");
        // The TM profile: Ey = rho dH/dz, Zyx = Ey/Hx = -Zxy.
        var h = earth.Profile(f, Mode.TM, [0, eps], 0);
        var ey = 100 * (h[1] - h[0]) / eps;
        Tolerance.Relative((-earth.SurfaceImpedance(f)).Real, (ey / h[0]).Real, 1e-3, "TM Z from the profile");
    }
}
