using System.Numerics;
using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The band LDL^T solver on random complex symmetric matrices with a positive definite real part.</summary>
public class BandedLdltTests
{
    /// <summary>Factor once, then solve three right-hand sides: each solution within 1e-12 of the truth.</summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 3)]
    [InlineData(50, 6)]
    [InlineData(200, 17)]
    public void SolvesAndReusesItsFactors(int n, int bandwidth)
    {
        var rng = new Random(n * 31 + bandwidth);
        var original = new BandedLdlt(n, bandwidth);
        var factors = new BandedLdlt(n, bandwidth);
        for (int c = 0; c < n; c++)
            for (int m = 0; m <= bandwidth && c + m < n; m++)
            {
                var v = m == 0
                    ? new Complex(2 * bandwidth + 2 + rng.NextDouble(), 10 * rng.NextDouble())
                    : new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
                original.Add(c + m, c, v);
                factors.Add(c + m, c, v);
            }
        factors.Factor();
        for (int rhs = 0; rhs < 3; rhs++)
        {
            var x = Enumerable.Range(0, n).Select(_ => new Complex(rng.NextDouble(), rng.NextDouble())).ToArray();
            var b = original.Multiply(x);
            factors.Solve(b);
            double err = 0, norm = 0;
            for (int i = 0; i < n; i++) { err = Math.Max(err, (b[i] - x[i]).Magnitude); norm = Math.Max(norm, x[i].Magnitude); }
            Assert.True(err <= 1e-12 * norm, $"right-hand side {rhs}: max error {err:G3}");
        }
    }

    [Fact]
    public void RefusesEntriesOutsideTheBand()
    {
        var a = new BandedLdlt(10, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Add(5, 1, Complex.One));
    }
}

/// <summary>The factors a forward solve keeps answer further right-hand sides (what the NLCG adjoint needs).</summary>
public class KeptFactorsTests
{
    /// <summary>The TE and TM operators are complex symmetric, so their inverses are too: u^T A^-1 v = v^T A^-1 u for
    /// random u, v, each solved with the kept factors (relative difference under 1e-10); solving without keeping the
    /// factors gives the same field bit for bit.</summary>
    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void KeptFactorsSolveFurtherRightHandSidesSymmetrically(Mode mode)
    {
        var model = TwoDimensionalTests.Block(extentM: 5000);
        var kept = ModeSolution.Solve(model, [-500, 0, 500], 3.0, mode, ForwardOptions.Default, keepFactors: true);
        var plain = ModeSolution.Solve(model, [-500, 0, 500], 3.0, mode, ForwardOptions.Default, keepFactors: false);
        Assert.True(kept.HasFactors);
        Assert.False(plain.HasFactors);
        Assert.Equal(plain.StationImpedances, kept.StationImpedances);

        var rng = new Random(7);
        int n = kept.Unknowns;
        var u = Enumerable.Range(0, n).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        var aInvV = (Complex[])v.Clone();
        var aInvU = (Complex[])u.Clone();
        kept.SolveWithFactors(aInvV);
        kept.SolveWithFactors(aInvU);
        Complex uAv = Complex.Zero, vAu = Complex.Zero;
        for (int i = 0; i < n; i++)
        {
            uAv += u[i] * aInvV[i];
            vAu += v[i] * aInvU[i];
        }
        Assert.True((uAv - vAu).Magnitude <= 1e-10 * uAv.Magnitude, $"{uAv} vs {vAu}");
        Assert.Throws<InvalidOperationException>(() => plain.SolveWithFactors(new Complex[n]));
    }
}
