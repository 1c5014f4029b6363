using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Results;

namespace Mt.Evaluation.Provenance;

/// <summary>One stage of the experiment graph as the manifest describes it: the experiment sections it depends on,
/// the files it reads and writes (paths relative to the results folder; <c>*</c> matches within a file name,
/// a trailing <c>/**</c> every file below a folder), and the timing records of its build targets.</summary>
public sealed record StageSpec(string Name, IReadOnlyList<ExperimentSection> Sections, IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs, IReadOnlyList<string> TimingPrefixes);

/// <summary>
/// The provenance manifest of an experiment's results (<c>results/EXPERIMENT/manifest.json</c>): for each stage the
/// SHA-256 of its input and output files, its parameters (the experiment sections it depends on) and its wall time;
/// the code version (git commit and whether the work tree was dirty) and the environment (SDK, runtime, OS, CPU, GPU,
/// TorchSharp and libtorch).
/// </summary>
public static class Manifest
{
    /// <summary>The stages in graph order (generate, train, predict, invert, evaluate, figures).</summary>
    public static IReadOnlyList<StageSpec> Stages { get; } =
    [
        new("generate", [ExperimentSection.Data], ["data/data.stamp"], ["data/train.h5", "data/test*.h5", "figures/training-set.png"],
            ["generate-", "training-set-figure"]),
        new("train", [ExperimentSection.Network, ExperimentSection.Training], ["data/train.h5", "train.stamp"],
            ["weights/model-card.json", "weights/best.weights", "weights/final.weights", "weights/normalisation.json", "weights/loss.csv"], ["train"]),
        new("predict", [], ["weights/model-card.json", "weights/best.weights", "weights/normalisation.json", "data/test*.h5"],
            ["predictions/*.h5"], ["predict"]),
        new("invert", [ExperimentSection.Inversion], ["data/test*.h5", "predictions/*.h5"], ["nlcg/**"], ["invert"]),
        new("evaluate", [ExperimentSection.Evaluation, ExperimentSection.Inversion], ["data/train.h5", "data/test*.h5", "predictions/*.h5", "nlcg/**"],
            ["metrics.json", "README.md"], ["evaluate"]),
        new("figures", [], ["metrics.json", "predictions/*.h5", "weights/loss.csv"], ["figures/*.png"], ["figures"]),
    ];

    /// <summary>Builds the manifest of the results under <paramref name="layout"/>.</summary>
    /// <param name="experimentName">Experiment name.</param>
    /// <param name="experimentFile">The experiment file (hashed as given).</param>
    /// <param name="experiment">The resolved experiment.</param>
    /// <param name="layout">The results folder.</param>
    /// <param name="repository">Folder of the git work tree whose commit is recorded.</param>
    /// <param name="sdkVersion">The .NET SDK version (the build passes it; null when unknown).</param>
    public static JsonObject Build(string experimentName, string experimentFile, Experiment experiment, ResultsLayout layout,
        string repository, string? sdkVersion)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(layout);
        var stages = new JsonArray();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (StageSpec stage in Stages)
        {
            // A file is the output of the first stage that writes it (figures/ also holds generate's training-set figure).
            var outputs = new JsonArray([.. Files(layout, stage.Outputs).Where(f => claimed.Add((string)f!["file"]!)).Select(f => f!.DeepClone())]);
            var parameters = new JsonObject();
            foreach (ExperimentSection section in stage.Sections)
                parameters[section.ToString().ToLowerInvariant()] = JsonSerializer.SerializeToNode(SectionValue(experiment, section), ExperimentJson.Options);
            stages.Add(new JsonObject
            {
                ["name"] = stage.Name,
                ["status"] = outputs.Count > 0 ? "done" : "not run",
                ["parameters"] = parameters,
                ["parameters_sha256"] = stage.Sections.Count > 0 ? ExperimentJson.StageHash(experiment, [.. stage.Sections]) : null,
                ["inputs"] = Files(layout, stage.Inputs),
                ["outputs"] = outputs,
                ["wall_time_seconds"] = TimedSeconds(layout, stage.TimingPrefixes),
                ["recorded_wall_time_seconds"] = RecordedSeconds(layout, stage.Name),
            });
        }

        return new JsonObject
        {
            ["experiment"] = experimentName,
            ["experiment_file"] = new JsonObject
            {
                ["file"] = Path.GetRelativePath(repository, experimentFile).Replace('\\', '/'),
                ["sha256"] = FileHash.Sha256(experimentFile),
            },
            ["written_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["code_version"] = CodeVersion(repository),
            ["environment"] = Environment(layout, sdkVersion),
            ["stages"] = stages,
        };
    }

    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        AtomicFile.WriteText(path, w => w.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    private static object SectionValue(Experiment e, ExperimentSection s) => s switch
    {
        ExperimentSection.Data => e.Data,
        ExperimentSection.Network => e.Network,
        ExperimentSection.Training => e.Training,
        ExperimentSection.Inversion => e.Inversion,
        ExperimentSection.Evaluation => e.Evaluation,
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "unknown section"),
    };

    /// <summary>The existing files matching <paramref name="patterns"/>, sorted, each with its SHA-256.</summary>
    internal static JsonArray Files(ResultsLayout layout, IEnumerable<string> patterns)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string pattern in patterns)
        {
            if (pattern.EndsWith("/**", StringComparison.Ordinal))
            {
                string folder = layout.Resolve(pattern[..^3]);
                if (Directory.Exists(folder))
                    foreach (string f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) files.Add(f);
            }
            else
            {
                string full = layout.Resolve(pattern);
                string folder = Path.GetDirectoryName(full)!;
                if (Directory.Exists(folder))
                    foreach (string f in Directory.EnumerateFiles(folder, Path.GetFileName(full))) files.Add(f);
            }
        }
        var array = new JsonArray();
        foreach (string f in files.Where(f => !Path.GetFileName(f).StartsWith('.')))
            array.Add(new JsonObject { ["file"] = Evaluator.Relative(layout, f), ["sha256"] = FileHash.Sha256(f) });
        return array;
    }

    /// <summary>The sum of the timing records (<c>timings/PREFIX*.seconds</c>) of a stage's targets, or null when none.</summary>
    private static double? TimedSeconds(ResultsLayout layout, IEnumerable<string> prefixes)
    {
        if (!Directory.Exists(layout.TimingsDir)) return null;
        var files = Directory.EnumerateFiles(layout.TimingsDir, "*.seconds")
            .Where(f => prefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal))).ToList();
        if (files.Count == 0) return null;
        double total = 0;
        foreach (string f in files)
        {
            string text = DataFileException.ReadAllText(f).Trim();
            total += InvariantNumber.TryParseFinite(text, out double s) && s >= 0
                ? s
                : throw new DataFileException(f, 1, $"\"{text}\" is not a number of seconds");
        }
        return Math.Round(total, 3);
    }

    /// <summary>The wall time a stage recorded itself: the model card's training time, the sum of the NLCG runs'.</summary>
    private static double? RecordedSeconds(ResultsLayout layout, string stage)
    {
        switch (stage)
        {
            case "train":
                return JsonNumber(Path.Combine(layout.Root, "weights", "model-card.json"), "wall_time_seconds");
            case "invert":
                if (!Directory.Exists(layout.NlcgDir)) return null;
                double total = 0;
                foreach (string f in Directory.EnumerateFiles(layout.NlcgDir, InversionSummary.FileName, SearchOption.AllDirectories))
                    total += JsonNumber(f, "wall_time_seconds") ?? 0;
                return total;
            default:
                return null;
        }
    }

    private static double? JsonNumber(string path, string key) => ReadJson(path) is JsonObject o && o[key] is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static string? JsonText(string path, string key) => ReadJson(path) is JsonObject o && o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static JsonNode? ReadJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(DataFileException.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new DataFileException(path, null, "malformed JSON", ex);
        }
    }

    /// <summary>The git commit of <paramref name="repository"/> and whether its work tree has uncommitted changes;
    /// null values and a note when git or the repository is not there.</summary>
    internal static JsonObject CodeVersion(string repository)
    {
        (int code, string output, string error) = Git(repository, "rev-parse", "HEAD");
        if (code != 0)
            return new JsonObject { ["commit"] = null, ["dirty"] = null, ["note"] = $"no git commit: {FirstLine(error)}" };
        (int statusCode, string status, string statusError) = Git(repository, "status", "--porcelain");
        return new JsonObject
        {
            ["commit"] = output.Trim(),
            ["dirty"] = statusCode == 0 ? status.Trim().Length > 0 : null,
            ["note"] = statusCode == 0 ? null : $"git status failed: {FirstLine(statusError)}",
        };
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown reason";

    private static (int Code, string Output, string Error) Git(string folder, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            foreach (string a in args) start.ArgumentList.Add(a);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", "git timed out");
            }
            return (process.ExitCode, output, error.Result);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or DirectoryNotFoundException)
        {
            return (-1, "", $"git cannot be run: {ex.Message}");
        }
    }

    private static JsonObject Environment(ResultsLayout layout, string? sdkVersion)
    {
        string card = Path.Combine(layout.Root, "weights", "model-card.json");
        return new JsonObject
        {
            ["dotnet_sdk"] = string.IsNullOrWhiteSpace(sdkVersion) ? "unknown" : sdkVersion,
            ["dotnet_runtime"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
            ["cpu"] = CpuModel(),
            ["cores"] = System.Environment.ProcessorCount,
            ["gpu"] = Gpus(),
            ["torchsharp"] = JsonText(card, "torch_sharp_version") ?? "unknown (no model card)",
            ["libtorch"] = JsonText(card, "lib_torch_version") ?? "unknown (no model card)",
            ["training_device"] = JsonText(card, "device"),
        };
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        string? line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>NVIDIA GPUs the driver lists under /proc/driver/nvidia/gpus; "none" when there are none.</summary>
    private static string Gpus()
    {
        const string folder = "/proc/driver/nvidia/gpus";
        if (!Directory.Exists(folder)) return "none";
        var models = Directory.EnumerateFiles(folder, "information", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("Model:", StringComparison.Ordinal))
            .Select(l => l["Model:".Length..].Trim())
            .ToList();
        return models.Count == 0 ? "none" : string.Join(", ", models);
    }
}
