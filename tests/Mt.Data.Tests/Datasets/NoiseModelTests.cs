using Mt.Data.Datasets;

namespace Mt.Data.Tests.Datasets;

/// <summary>The noise model: reproducible per sample, of the documented size, and zero at level 0.</summary>
public class NoiseModelTests
{
    private static (double[,,] Rho, double[,,] Phase) Clean(int nf = 60, int ns = 121)
    {
        var rho = new double[2, nf, ns];
        var phase = new double[2, nf, ns];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                {
                    rho[m, f, s] = 2 + 0.01 * f - 0.003 * s;
                    phase[m, f, s] = 45 + 0.1 * (f - s);
                }
        return (rho, phase);
    }

    [Fact]
    public void LevelZeroChangesNothing()
    {
        var (rho, phase) = Clean();
        var (r, p) = new NoiseModel(Floor: 0.01, StaticShiftLog10: 0.1).Apply(rho, phase, 0, seed: 5, sampleIndex: 3);
        Assert.Equal(rho, r);
        Assert.Equal(phase, p);
    }

    [Fact]
    public void SameSeedAndSampleGiveTheSameNoiseAndOthersDiffer()
    {
        var (rho, phase) = Clean();
        var model = new NoiseModel();
        var a = model.Apply(rho, phase, 0.02, seed: 5, sampleIndex: 3);
        var b = model.Apply(rho, phase, 0.02, seed: 5, sampleIndex: 3);
        var c = model.Apply(rho, phase, 0.02, seed: 5, sampleIndex: 4);
        var d = model.Apply(rho, phase, 0.02, seed: 6, sampleIndex: 3);
        Assert.Equal(a.Log10RhoApp, b.Log10RhoApp);
        Assert.Equal(a.PhaseDeg, b.PhaseDeg);
        Assert.NotEqual(a.Log10RhoApp, c.Log10RhoApp);
        Assert.NotEqual(a.Log10RhoApp, d.Log10RhoApp);
    }

    /// <summary>Over 14520 values, the standard deviations are 2e/ln10 (log10 rho_a) and e 180/pi (phase, degrees)
    /// within 3 %, and the means are near zero; the floor raises a smaller level.</summary>
    [Theory]
    [InlineData(0.02, 0.0, 0.02)]
    [InlineData(0.05, 0.0, 0.05)]
    [InlineData(0.01, 0.03, 0.03)]
    public void NoiseHasTheDocumentedSize(double level, double floor, double effective)
    {
        var (rho, phase) = Clean();
        var (r, p) = new NoiseModel(Floor: floor).Apply(rho, phase, level, seed: 11, sampleIndex: 0);
        var dr = new List<double>();
        var dp = new List<double>();
        foreach (var (m, f, s) in Indices(rho)) { dr.Add(r[m, f, s] - rho[m, f, s]); dp.Add(p[m, f, s] - phase[m, f, s]); }
        double sr = Std(dr), sp = Std(dp);
        Assert.InRange(sr, 0.97 * 2 * effective / Math.Log(10), 1.03 * 2 * effective / Math.Log(10));
        Assert.InRange(sp, 0.97 * effective * 180 / Math.PI, 1.03 * effective * 180 / Math.PI);
        Assert.InRange(dr.Average(), -4 * sr / Math.Sqrt(dr.Count), 4 * sr / Math.Sqrt(dr.Count));
    }

    /// <summary>With a static shift only (floor far below the level's effect is irrelevant), every frequency of a station
    /// and mode moves by the same amount in log10 rho_a beyond the per-value noise: the station means spread by about
    /// the shift's standard deviation.</summary>
    [Fact]
    public void StaticShiftMovesWholeStations()
    {
        var (rho, phase) = Clean();
        var (r, _) = new NoiseModel(StaticShiftLog10: 0.2).Apply(rho, phase, 1e-6, seed: 3, sampleIndex: 0);
        var stationMeans = new List<double>();
        for (int m = 0; m < 2; m++)
            for (int s = 0; s < rho.GetLength(2); s++)
                stationMeans.Add(Enumerable.Range(0, rho.GetLength(1)).Average(f => r[m, f, s] - rho[m, f, s]));
        Assert.InRange(Std(stationMeans), 0.16, 0.24);
    }

    private static IEnumerable<(int, int, int)> Indices(double[,,] a)
    {
        for (int m = 0; m < a.GetLength(0); m++)
            for (int f = 0; f < a.GetLength(1); f++)
                for (int s = 0; s < a.GetLength(2); s++) yield return (m, f, s);
    }

    private static double Std(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
    }
}
