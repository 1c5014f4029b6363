using Mt.Inversion;

namespace Mt.Inversion.Tests;

public class RoughnessTests
{
    [Fact]
    public void Gradient_matches_finite_differences_and_the_preconditioner_inverts_its_operator()
    {
        var r = new Roughness(5, 4, 1.0, 0.5);
        var random = new Random(3);
        double[] m = [.. Enumerable.Range(0, 20).Select(_ => random.NextDouble())];
        double[] g = r.Gradient(m);
        for (int p = 0; p < m.Length; p++)
        {
            double[] plus = (double[])m.Clone(), minus = (double[])m.Clone();
            plus[p] += 1e-6;
            minus[p] -= 1e-6;
            Assert.Equal((r.Value(plus) - r.Value(minus)) / 2e-6, g[p], 6); // R is quadratic: central differences are exact up to rounding
        }
        double[] x = r.Precondition(g, 0.1);
        var back = new double[x.Length];
        r.Apply(x, back);
        for (int p = 0; p < x.Length; p++) Assert.Equal(g[p], back[p] + 0.1 * x[p], 8);
        Assert.Equal(0, r.Value([.. Enumerable.Repeat(2.5, 20)]));
    }
}
