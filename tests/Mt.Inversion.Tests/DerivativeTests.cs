using Mt.Forward;
using Mt.Inversion;
using Xunit.Abstractions;

namespace Mt.Inversion.Tests;

/// <summary>The adjoint gradient is proven by a dot-product test (J and J^T agree) and a Taylor test (J is the
/// derivative of the forward map actually computed).</summary>
public class DerivativeTests(ITestOutputHelper output)
{
    internal static (ResistivityModel Model, ObservedData Data) SmallProblem(int seed, IReadOnlyList<Mode> modes)
    {
        var random = new Random(seed);
        double[] y = [.. Enumerable.Range(0, 9).Select(i => -4000.0 + 1000 * i)];
        double[] z = [0, 200, 500, 1000, 2000, 4000, 8000];
        var rho = new double[z.Length - 1, y.Length - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++) rho[k, j] = Math.Pow(10, 1 + 2 * random.NextDouble());
        var model = new ResistivityModel(y, z, rho);
        double[] stations = [-2500, -1000, 0, 1500, 3000];
        double[] frequencies = [0.1, 3, 100];
        var data = new List<Datum>();
        foreach (var mode in modes)
            for (int s = 0; s < stations.Length; s++)
                for (int f = 0; f < frequencies.Length; f++)
                    data.Add(new Datum(mode, s, f, 2, 45, 0.02, 1));
        return (model, new ObservedData(stations, frequencies, data));
    }

    private static double[] RandomVector(int n, int seed)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => 2 * r.NextDouble() - 1)];
    }

    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void Jacobian_and_its_transpose_pass_the_dot_product_test(Mode mode)
    {
        var (model, data) = SmallProblem(1, [mode]);
        var forward = new MeshedForward(model, data);
        double[] m = MeshedForward.ToParameters(model);
        double[] dm = RandomVector(forward.Parameters, 2);
        double[] w = RandomVector(data.Count, 3);
        double left = Roughness.Dot(forward.JacobianTimes(m, dm), w);
        double right = Roughness.Dot(dm, forward.JacobianTransposeTimes(m, w));
        double relative = Math.Abs(left - right) / Math.Abs(left);
        output.WriteLine($"{mode}: <J dm, w> = {left:R}, <dm, J^T w> = {right:R}, relative difference {relative:E2}");
        Assert.True(relative < 1e-8, $"dot-product test failed: relative difference {relative:E2}");
    }

    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void Taylor_remainders_fall_with_slopes_one_and_two(Mode mode)
    {
        var (model, data) = SmallProblem(4, [mode]);
        var forward = new MeshedForward(model, data);
        double[] m = MeshedForward.ToParameters(model);
        double[] dm = RandomVector(forward.Parameters, 5);
        double[] w = RandomVector(data.Count, 6);
        double F(double[] x) => Roughness.Dot(forward.Predict(x), w);
        double f0 = F(m);
        double directional = Roughness.Dot(forward.JacobianTransposeTimes(m, w), dm);
        double[] hs = [0.01, 0.005, 0.0025, 0.00125, 0.000625];
        var r1 = new double[hs.Length];
        var r2 = new double[hs.Length];
        for (int i = 0; i < hs.Length; i++)
        {
            double fh = F([.. m.Select((v, p) => v + hs[i] * dm[p])]);
            r1[i] = Math.Abs(fh - f0);
            r2[i] = Math.Abs(fh - f0 - hs[i] * directional);
            output.WriteLine($"{mode} h = {hs[i]}: |f(m+h dm) - f(m)| = {r1[i]:E3}, |... - h J dm| = {r2[i]:E3}");
        }
        double slope1 = Slope(hs, r1), slope2 = Slope(hs, r2);
        output.WriteLine($"{mode}: fitted slopes {slope1:F3} and {slope2:F3}");
        Assert.InRange(slope1, 0.9, 1.1);
        Assert.InRange(slope2, 1.9, 2.1);
    }

    private static double Slope(double[] h, double[] r)
    {
        double[] x = [.. h.Select(v => Math.Log(v))], y = [.. r.Select(v => Math.Log(v))];
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }

    [Fact]
    public void On_its_own_design_model_the_fixed_mesh_matches_the_forward_engine()
    {
        var (model, data) = SmallProblem(7, [Mode.TE, Mode.TM]);
        var forward = new MeshedForward(model, data);
        double[] predicted = forward.Predict(MeshedForward.ToParameters(model));
        var reference = Forward2D.Compute(model, data.StationsM, data.FrequenciesHz, [Mode.TE, Mode.TM],
            ForwardOptions.Default with { KeepAllModelEdges = true, LateralContactGrading = false });
        for (int i = 0; i < data.Data.Count; i++)
        {
            var d = data.Data[i];
            Assert.Equal(Math.Log10(reference.RhoAppOhmM(d.Mode, d.Frequency, d.Station)), predicted[2 * i], 12);
            Assert.Equal(reference.PhaseDeg(d.Mode, d.Frequency, d.Station), predicted[2 * i + 1], 10);
        }
    }
}
