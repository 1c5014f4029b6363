using Mt.Forward;
using Mt.Inversion;
using Mt.Inversion.Verification;
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

    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void Jacobian_and_its_transpose_pass_the_dot_product_test(Mode mode)
    {
        var (model, data) = SmallProblem(1, [mode]);
        var simulation = new FixedMeshSimulation(model, data.Survey);
        double[] m = model.ToParameters();

        var check = DerivativeChecks.Adjoint(v => simulation.Jvec(m, v), w => simulation.Jtvec(m, w), simulation.Parameters, data.Count, 2);

        output.WriteLine($"{mode}: <J dm, w> = {check.Forward:R}, <dm, J^T w> = {check.Adjoint:R}, relative difference {check.RelativeDifference:E2}");
        Assert.True(check.RelativeDifference < 1e-8, $"dot-product test failed: relative difference {check.RelativeDifference:E2}");
    }

    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void Taylor_remainders_fall_with_slopes_one_and_two(Mode mode)
    {
        var (model, data) = SmallProblem(4, [mode]);
        var simulation = new FixedMeshSimulation(model, data.Survey);
        double[] m = model.ToParameters();
        double[] dm = DerivativeChecks.RandomVector(simulation.Parameters, 5);
        double[] w = DerivativeChecks.RandomVector(data.Count, 6);

        var check = DerivativeChecks.Taylor(x => Vectors.Dot(simulation.Dpred(x), w), simulation.Jtvec(m, w), m, dm, [0.01, 0.005, 0.0025, 0.00125, 0.000625]);

        for (int i = 0; i < check.Steps.Length; i++)
            output.WriteLine($"{mode} h = {check.Steps[i]}: |f(m+h dm) - f(m)| = {check.ZerothOrderRemainders[i]:E3}, |... - h J dm| = {check.FirstOrderRemainders[i]:E3}");
        output.WriteLine($"{mode}: fitted slopes {check.ZerothOrderSlope:F3} and {check.FirstOrderSlope:F3}");
        Assert.InRange(check.ZerothOrderSlope, 0.9, 1.1);
        Assert.InRange(check.FirstOrderSlope, 1.9, 2.1);
    }

    /// <summary>The gradient NLCG takes under each misfit measure (the misfit's derivative through the adjoint) is the
    /// derivative of that misfit of the computed data: Taylor remainders with slopes 1 and 2.</summary>
    [Theory]
    [InlineData(MisfitMeasure.RhoPhase)]
    [InlineData(MisfitMeasure.Impedance)]
    public void The_misfit_gradient_of_each_measure_passes_the_Taylor_test(MisfitMeasure measure)
    {
        var (model, data) = SmallProblem(8, [Mode.TE, Mode.TM]);
        var simulation = new FixedMeshSimulation(model, data.Survey);
        var misfit = DataMisfits.Of(data, measure);
        double[] m = model.ToParameters();
        double[] dm = DerivativeChecks.RandomVector(simulation.Parameters, 9);

        var check = DerivativeChecks.Taylor(x => misfit.ChiSquared(simulation.Dpred(x)), simulation.PredictWithGradient(m, misfit.Derivative).Gradient,
            m, dm, [0.01, 0.005, 0.0025, 0.00125, 0.000625]);

        output.WriteLine($"{measure}: fitted slopes {check.ZerothOrderSlope:F3} and {check.FirstOrderSlope:F3}");
        Assert.InRange(check.ZerothOrderSlope, 0.9, 1.1);
        Assert.InRange(check.FirstOrderSlope, 1.9, 2.1);
    }

    [Fact]
    public void On_its_own_design_model_the_fixed_mesh_matches_the_forward_engine()
    {
        var (model, data) = SmallProblem(7, [Mode.TE, Mode.TM]);
        var simulation = new FixedMeshSimulation(model, data.Survey);
        double[] predicted = simulation.Dpred(model.ToParameters());
        var reference = Forward2D.Compute(model, data.StationsM, data.FrequenciesHz, [Mode.TE, Mode.TM],
            ForwardOptions.Default with { KeepAllModelEdges = true, LateralContactGrading = false });
        for (int i = 0; i < data.Data.Count; i++)
        {
            var d = data.Data[i];
            Assert.Equal(Math.Log10(reference.RhoAppOhmM(d.Mode, d.FrequencyIndex, d.StationIndex)), predicted[2 * i], 12);
            Assert.Equal(reference.PhaseDeg(d.Mode, d.FrequencyIndex, d.StationIndex), predicted[2 * i + 1], 10);
        }
    }
}
