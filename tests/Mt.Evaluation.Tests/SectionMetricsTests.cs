using Mt.Data.Results;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation.Tests;

/// <summary>RMSE, SSIM and the summaries on small synthetic sections.</summary>
public sealed class SectionMetricsTests
{
    private static double[,] RandomSection(int seed, int nz = 20, int ny = 30)
    {
        var random = new Random(seed);
        var s = new double[nz, ny];
        for (int i = 0; i < nz; i++)
            for (int j = 0; j < ny; j++) s[i, j] = 0.7 + 3 * random.NextDouble();
        return s;
    }

    private static double[,] Map(double[,] s, Func<double, double> f)
    {
        var r = new double[s.GetLength(0), s.GetLength(1)];
        for (int i = 0; i < s.GetLength(0); i++)
            for (int j = 0; j < s.GetLength(1); j++) r[i, j] = f(s[i, j]);
        return r;
    }

    [Fact]
    public void RmseOfAConstantOffsetIsTheOffset()
    {
        double[,] a = RandomSection(1);
        Assert.Equal(0, Mt.Data.Models.SectionError.Rmse(a, a));
        Assert.Equal(0.25, Mt.Data.Models.SectionError.Rmse(Map(a, v => v + 0.25), a), 12);
        Assert.Equal(0.25, Mt.Data.Models.SectionError.Rmse(a, Map(a, v => v - 0.25)), 12);
    }

    [Fact]
    public void RmseHandChecked() =>
        // Differences 0, 0, 1, -3: sqrt((0 + 0 + 1 + 9) / 4) = sqrt(2.5).
        Assert.Equal(Math.Sqrt(2.5), Mt.Data.Models.SectionError.Rmse(new double[,] { { 1, 2 }, { 4, 1 } }, new double[,] { { 1, 2 }, { 3, 4 } }), 12);

    [Fact]
    public void SsimOfIdenticalSectionsIsOne()
    {
        double[,] a = RandomSection(2);
        Assert.Equal(1, SectionMetrics.Ssim(a, a), 12);
    }

    [Fact]
    public void SsimIsSymmetricBoundedAndFallsWithNoise()
    {
        double[,] a = RandomSection(3);
        var random = new Random(4);
        double[,] slightly = Map(a, v => v + 0.05 * (random.NextDouble() - 0.5));
        double[,] strongly = Map(a, v => v + 2 * (random.NextDouble() - 0.5));
        double s1 = SectionMetrics.Ssim(a, slightly), s2 = SectionMetrics.Ssim(a, strongly);
        Assert.Equal(s1, SectionMetrics.Ssim(slightly, a), 12);
        Assert.InRange(s1, 0.9, 1 - 1e-6);
        Assert.InRange(s2, -1, s1 - 0.1);
    }

    [Fact]
    public void SsimHandCheckedWithOneUniformWindow()
    {
        // One 2 x 2 window: mu_a 1.5, mu_b 1.75, var_a 1.25, var_b 2.1875, cov 1.625, C1 = (0.01 * 3)^2, C2 = (0.03 * 3)^2:
        // (2 * 1.5 * 1.75 + 0.0009)(2 * 1.625 + 0.0081) / ((1.5^2 + 1.75^2 + 0.0009)(1.25 + 2.1875 + 0.0081)) = 0.934460153.
        var options = new SsimOptions { Window = SsimOptions.UniformWindow(2, 2), WindowText = "uniform 2x2" };
        double ssim = SectionMetrics.Ssim(new double[,] { { 0, 1 }, { 2, 3 } }, new double[,] { { 0, 1 }, { 2, 4 } }, options);
        Assert.Equal(0.934460153, ssim, 8);
    }

    [Fact]
    public void SsimOfConstantSectionsIsTheLuminanceTerm()
    {
        // No variance: only (2 mu_a mu_b + C1) / (mu_a^2 + mu_b^2 + C1) is left, the same at every window position.
        var a = Map(new double[15, 15], _ => 1.0);
        var b = Map(new double[15, 15], _ => 2.0);
        double c1 = 0.03 * 0.03;
        Assert.Equal((4 + c1) / (5 + c1), SectionMetrics.Ssim(a, b), 12);
    }

    [Fact]
    public void DefaultWindowIsANormalisedSymmetricGaussian()
    {
        double[,] w = SsimOptions.Default.Window;
        Assert.Equal(11, w.GetLength(0));
        Assert.Equal(1, w.Cast<double>().Sum(), 12);
        Assert.Equal(w[0, 5], w[5, 0], 15);
        Assert.Equal(Math.Exp(-1 / (2 * 1.5 * 1.5)), w[5, 6] / w[5, 5], 12);
    }

    [Fact]
    public void ShapesMustAgree()
    {
        Assert.Throws<ArgumentException>(() => Mt.Data.Models.SectionError.Rmse(new double[2, 3], new double[3, 2]));
        Assert.Throws<ArgumentException>(() => SectionMetrics.Ssim(new double[20, 20], new double[20, 21]));
        Assert.Throws<ArgumentException>(() => SectionMetrics.Ssim(new double[5, 20], new double[5, 20]));
    }

    [Fact]
    public void SummaryOfValues()
    {
        Summary s = Summary.Of([4.0, 1, 3, 2]);
        Assert.Equal(new Summary(4, 2.5, 2.5, 1, 4, Math.Sqrt(5.0 / 3)), s);
        Assert.Equal(3, Summary.Of([5.0, 3, 1]).Median);
        Assert.Equal(0, Summary.Of([7.0]).Std);
        Assert.Throws<ArgumentException>(() => Summary.Of(Array.Empty<double>()));
    }
}
