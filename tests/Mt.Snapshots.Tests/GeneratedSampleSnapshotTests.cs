using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Newtonsoft.Json.Linq;

namespace Mt.Snapshots.Tests;

/// <summary>
/// Locks test sample 0 of the ci experiment as <c>mt generate</c> computes it (geology from the sample's seed, TE and
/// TM responses at the experiment's stations and frequencies): its layers and anomaly count, summary numbers, and every
/// 10th row and column of the model and every 10th frequency and station of the responses. Tolerances: the model
/// 1e-9 log10 units (it is drawn, not computed), the responses as for the forward snapshots.
/// </summary>
public sealed class GeneratedSampleSnapshotTests
{
    [Fact]
    public void CiTestSampleZero()
    {
        Experiment experiment = ExperimentLoader.Load(ToleranceSnapshot.RepoPath("experiments", "ci.json"));
        var generator = GeologyGenerator.FromData(experiment.Data);
        GeologySample sample = generator.Generate(DataSplit.Test, 0);
        SampleData data = SampleData.Compute(0, sample.Model, [.. generator.Grid.StationYM], [.. generator.Grid.FrequenciesHz]);

        var model = data.Log10Resistivity;
        double[] all = [.. model.Cast<double>()];
        var result = new JObject
        {
            ["layers"] = new JArray(sample.Layers.Select(l => new JObject { ["top_depth_m"] = l.TopDepthM, ["resistivity_ohm_m"] = l.ResistivityOhmM })),
            ["anomalies"] = sample.Anomalies.Count,
            ["model_shape"] = new JArray(model.GetLength(0), model.GetLength(1)),
            ["model_mean"] = all.Average(),
            ["model_min"] = all.Min(),
            ["model_max"] = all.Max(),
            ["model_every_10th"] = Decimate(model.GetLength(0), model.GetLength(1), (i, j) => model[i, j]),
        };
        for (int m = 0; m < 2; m++)
        {
            string mode = SampleData.Modes[m].ToString();
            int nf = data.Log10RhoApp.GetLength(1), ns = data.Log10RhoApp.GetLength(2);
            result[mode] = new JObject
            {
                ["log10_rho_app_mean"] = Enumerable.Range(0, nf * ns).Average(k => data.Log10RhoApp[m, k / ns, k % ns]),
                ["phase_deg_mean"] = Enumerable.Range(0, nf * ns).Average(k => data.PhaseDeg[m, k / ns, k % ns]),
                ["log10_rho_app_every_10th"] = Decimate(nf, ns, (f, s) => data.Log10RhoApp[m, f, s]),
                ["phase_deg_every_10th"] = Decimate(nf, ns, (f, s) => data.PhaseDeg[m, f, s]),
            };
        }
        ToleranceSnapshot.Match(result, "generated-ci-test-0", path =>
            path.StartsWith("model", StringComparison.Ordinal) || path.StartsWith("layers", StringComparison.Ordinal)
                ? new Tolerance(1e-9, 1e-12)
                : ForwardSnapshotTests.ResponseTolerance(path));
    }

    private static JArray Decimate(int rows, int columns, Func<int, int, double> value) =>
        new(Enumerable.Range(0, (rows + 9) / 10).Select(i =>
            new JArray(Enumerable.Range(0, (columns + 9) / 10).Select(j => value(10 * i, 10 * j)))));
}
