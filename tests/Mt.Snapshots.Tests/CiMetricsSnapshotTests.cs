using Newtonsoft.Json.Linq;

namespace Mt.Snapshots.Tests;

/// <summary>
/// Locks the numbers of <c>results/ci/metrics.json</c>, which <c>.ci/run</c> rebuilds (<c>./build.sh ReproducePaper
/// --experiment ci</c>) before the tests: per method and noise level the mean, median, min and max of RMSE, SSIM and
/// data RMS, and the true models' data RMS per noise level. Times are left out (they vary by machine). Tolerance
/// 1e-4 absolute plus 1e-3 relative: training is seeded and, on CPU with the same thread count, repeatable; a change
/// of the data, the network, its training or the metrics moves these numbers far more. Skipped when the file is absent
/// outside CI; in CI (CI=true) a missing file fails.
/// </summary>
public sealed class CiMetricsSnapshotTests
{
    [SkippableFact]
    public void CiExperimentMetrics()
    {
        string results = Path.Combine(Path.GetDirectoryName(ToleranceSnapshot.RepoPath("experiments", "ci.json"))!, "..", "results", "ci", "metrics.json");
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(results))
        {
            Assert.False(ci, $"{results} is missing: .ci/run builds it with ./build.sh ReproducePaper --experiment ci before the tests");
            Skip.If(true, $"{results} is absent: run ./build.sh ReproducePaper --experiment ci first");
        }

        JObject metrics = JObject.Parse(File.ReadAllText(results));
        var locked = new JObject
        {
            ["experiment"] = metrics["experiment"],
            ["ssim"] = metrics["ssim"],
            ["true_model_data_rms"] = new JArray(metrics["noise_levels"]!.Select(l => new JObject
            {
                ["noise_level"] = l["noise_level"],
                ["mean"] = l["true_model_data_rms"]!["mean"],
            })),
            ["results"] = new JArray(metrics["results"]!.Select(r => new JObject
            {
                ["method"] = r["method"],
                ["noise_level"] = r["noise_level"],
                ["samples"] = r["samples"]!.Count(),
                ["rmse"] = Spread(r["aggregate"]!["rmse"]!),
                ["ssim"] = Spread(r["aggregate"]!["ssim"]!),
                ["data_rms"] = Spread(r["aggregate"]!["data_rms"]!),
            })),
        };
        ToleranceSnapshot.Match(locked, "ci-metrics", _ => new Tolerance(1e-4, 1e-3));
    }

    private static JObject Spread(JToken summary) => new()
    {
        ["mean"] = summary["mean"],
        ["median"] = summary["median"],
        ["min"] = summary["min"],
        ["max"] = summary["max"],
    };
}
