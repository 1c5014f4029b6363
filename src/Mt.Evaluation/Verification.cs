using System.Globalization;
using System.Text.Json.Nodes;
using Mt.Data.IO;
using Mt.Data.Provenance;

namespace Mt.Evaluation;

/// <summary>How far a rebuilt number may lie from the committed one.</summary>
/// <param name="Absolute">Absolute part.</param>
/// <param name="Relative">Relative part (of the committed value's magnitude).</param>
public sealed record NumberTolerance(double Absolute, double Relative)
{
    /// <summary>Whether <paramref name="rebuilt"/> is within the tolerance of <paramref name="committed"/>.</summary>
    public bool Accepts(double committed, double rebuilt) => Math.Abs(rebuilt - committed) <= Absolute + Relative * Math.Abs(committed);

    /// <summary>The tolerance as "1e-09 + 1e-07 rel".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Absolute:0e0} + {Relative:0e0} rel");
}

/// <summary>
/// The tolerances of the reproduced numbers, per kind, in one place (the Verify command and the snapshot tests use
/// them). Metrics of a model (RMSE, SSIM, data RMS) are reproduced bit for bit on any machine of the supported kind when
/// libtorch's CPU kernels are pinned and training runs on the experiment's threads (shown by CpuKernelPinTests and
/// ThreadCountTests); 1e-7 relative absorbs only last-bit differences of reordered sums (measured: a restructuring of
/// the data misfit moved data RMS values by at most 5.3e-14 relative). Counts must be equal. Times are machine facts and
/// are reported, not compared.
/// </summary>
public static class ReproductionTolerances
{
    /// <summary>RMSE, SSIM and data RMS of each model and their summaries.</summary>
    public static NumberTolerance Metric { get; } = new(1e-9, 1e-7);
}

/// <summary>One compared number.</summary>
/// <param name="Name">What it is, e.g. <c>network 0.02 rmse mean</c>.</param>
/// <param name="Committed">The committed value (null: absent there).</param>
/// <param name="Rebuilt">The rebuilt value (null: absent).</param>
/// <param name="Tolerance">The tolerance, or null for a number that is reported only.</param>
/// <param name="Ok">Whether it passes.</param>
public sealed record ComparedNumber(string Name, double? Committed, double? Rebuilt, NumberTolerance? Tolerance, bool Ok)
{
    /// <summary>Rebuilt minus committed, when both exist.</summary>
    public double? Difference => Committed is double c && Rebuilt is double r ? r - c : null;
}

/// <summary>
/// Verify: compares a rebuilt <c>metrics.json</c> with the committed one, number by number (per method and noise level:
/// the sample count, every model's RMSE, SSIM and data RMS and their mean, median, min and max; the true models' data
/// RMS per level; the wall times are listed, not compared), and the files a committed stage record lists (e.g.
/// published weights) with their SHA-256.
/// </summary>
public static class Verification
{
    private static readonly string[] Metrics = ["rmse", "ssim", "data_rms"];
    private static readonly string[] Statistics = ["mean", "median", "min", "max"];

    /// <summary>The comparison of two metrics.json documents.</summary>
    public static IReadOnlyList<ComparedNumber> CompareMetrics(JsonNode committed, JsonNode rebuilt)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(rebuilt);
        var rows = new List<ComparedNumber>();
        var tolerance = ReproductionTolerances.Metric;
        void Number(string name, JsonNode? a, JsonNode? b, NumberTolerance? t)
        {
            double? x = a?.GetValue<double>(), y = b?.GetValue<double>();
            bool ok = t is null || (x is double cx && y is double ry && t.Accepts(cx, ry));
            rows.Add(new ComparedNumber(name, x, y, t, ok));
        }

        var committedLevels = Index(committed["noise_levels"], l => Level(l));
        var rebuiltLevels = Index(rebuilt["noise_levels"], l => Level(l));
        foreach (string key in committedLevels.Keys.Union(rebuiltLevels.Keys).Order(StringComparer.Ordinal))
            Number($"true models {key} data_rms mean", committedLevels.GetValueOrDefault(key)?["true_model_data_rms"]?["mean"],
                rebuiltLevels.GetValueOrDefault(key)?["true_model_data_rms"]?["mean"], tolerance);

        var committedRows = Index(committed["results"], r => $"{(string)r["method"]!} {Level(r)}");
        var rebuiltRows = Index(rebuilt["results"], r => $"{(string)r["method"]!} {Level(r)}");
        foreach (string key in committedRows.Keys.Union(rebuiltRows.Keys).Order(StringComparer.Ordinal))
        {
            JsonNode? a = committedRows.GetValueOrDefault(key), b = rebuiltRows.GetValueOrDefault(key);
            JsonArray? sa = a?["samples"]?.AsArray(), sb = b?["samples"]?.AsArray();
            Number($"{key} samples", sa is null ? null : JsonValue.Create(sa.Count), sb is null ? null : JsonValue.Create(sb.Count), new NumberTolerance(0, 0));
            foreach (string metric in Metrics)
            {
                foreach (string statistic in Statistics)
                    Number($"{key} {metric} {statistic}", a?["aggregate"]?[metric]?[statistic], b?["aggregate"]?[metric]?[statistic], tolerance);
                for (int i = 0; i < Math.Max(sa?.Count ?? 0, sb?.Count ?? 0); i++)
                    Number($"{key} {metric} sample {i}", sa is not null && i < sa.Count ? sa[i]![metric] : null,
                        sb is not null && i < sb.Count ? sb[i]![metric] : null, tolerance);
            }
            Number($"{key} time mean (s)", a?["aggregate"]?["wall_time_seconds"]?["mean"], b?["aggregate"]?["wall_time_seconds"]?["mean"], null);
        }
        return rows;
    }

    /// <summary>Each output file of the committed stage records that <paramref name="published"/> selects (e.g. the
    /// published weights; paths relative to <paramref name="repository"/>) against the file now there: 1 when its
    /// SHA-256 is the recorded one, 0 otherwise.</summary>
    public static IReadOnlyList<ComparedNumber> CompareFiles(IEnumerable<StageRecord> committedRecords, string repository, Func<string, bool> published)
    {
        ArgumentNullException.ThrowIfNull(committedRecords);
        ArgumentNullException.ThrowIfNull(published);
        var rows = new List<ComparedNumber>();
        foreach (FileRecord output in committedRecords.SelectMany(r => r.Outputs).Where(o => published(o.File)))
        {
            string path = Path.Combine(repository, output.File);
            bool same = File.Exists(path) && FileHash.Sha256(path) == output.Sha256;
            rows.Add(new ComparedNumber($"sha256 of {output.File}", 1, same ? 1 : 0, new NumberTolerance(0, 0), same));
        }
        return rows;
    }

    /// <summary>The table of a comparison, one row per number: metric, committed, rebuilt, difference, tolerance, ok.</summary>
    public static IEnumerable<string> Table(IReadOnlyList<ComparedNumber> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string F(double? v) => v is double d ? d.ToString("G10", CultureInfo.InvariantCulture) : "absent";
        int width = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
        yield return $"{"number".PadRight(width)} | committed        | rebuilt          | difference | tolerance            | ok";
        foreach (var r in rows)
            yield return $"{r.Name.PadRight(width)} | {F(r.Committed),-16} | {F(r.Rebuilt),-16} | {(r.Difference is double d ? d.ToString("0.0e0", CultureInfo.InvariantCulture) : ""),-10} | {(r.Tolerance?.ToString() ?? "reported only"),-20} | {(r.Tolerance is null ? "-" : r.Ok ? "ok" : "FAIL")}";
    }

    private static string Level(JsonNode node) => ((double)node["noise_level"]!).ToString("0.###", CultureInfo.InvariantCulture);

    private static Dictionary<string, JsonNode> Index(JsonNode? array, Func<JsonNode, string> key) =>
        array is JsonArray a ? a.OfType<JsonNode>().ToDictionary(key, n => n, StringComparer.Ordinal) : new Dictionary<string, JsonNode>(StringComparer.Ordinal);
}
