using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Provenance;
using Mt.Data.Results;

namespace Mt.Evaluation.Provenance;

/// <summary>
/// The provenance manifest of an experiment's results (<c>results/EXPERIMENT/manifest.json</c>): the experiment file,
/// the code version when it was written, and every stage record (<see cref="StageRecord"/>) found beside the artifacts
/// in the results and data folders, in the order the runs started, each with whether its outputs are still the files it
/// wrote. A stage appears once it has run; what a record says (wall time, machine, commit, parameters, hashes) is that
/// run's, never a later check's.
/// </summary>
public static class Manifest
{
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
        foreach (var (path, record) in Records(layout).OrderBy(r => r.Record.StartedUtc, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal))
        {
            var node = JsonSerializer.SerializeToNode(record, ResultJson.Options)!.AsObject();
            node["record"] = Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
            node["outputs_unchanged"] = record.Outputs.All(o => Path.Combine(repository, o.File) is var f && File.Exists(f) && FileHash.Sha256(f) == o.Sha256);
            stages.Add(node);
        }
        GitState git = Git.State(repository);
        return new JsonObject
        {
            ["experiment"] = experimentName,
            ["experiment_file"] = new JsonObject
            {
                ["file"] = Path.GetRelativePath(repository, experimentFile).Replace('\\', '/'),
                ["sha256"] = FileHash.Sha256(experimentFile),
                ["sections_sha256"] = JsonSerializer.SerializeToNode(StageParameters.Of(experiment, Enum.GetValues<ExperimentSection>())),
            },
            ["written_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["code_version"] = new JsonObject { ["commit"] = git.Commit, ["dirty"] = git.Dirty, ["note"] = git.Note },
            ["environment"] = new JsonObject
            {
                ["dotnet_sdk"] = string.IsNullOrWhiteSpace(sdkVersion) ? "unknown" : sdkVersion,
                ["dotnet_runtime"] = RuntimeInformation.FrameworkDescription,
                ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
            },
            ["stages"] = stages,
        };
    }

    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        AtomicFile.WriteText(path, w => w.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    /// <summary>Every stage record under the results folder and the data folder (a malformed one is a
    /// <see cref="DataFileException"/> naming it).</summary>
    public static IEnumerable<(string Path, StageRecord Record)> Records(ResultsLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var folders = new[] { layout.Root, layout.DataDir }.Where(Directory.Exists).Select(Path.GetFullPath).Distinct();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                if (file.EndsWith(StageRecord.FileSuffix, StringComparison.Ordinal) || Path.GetFileName(file) == StageRecord.FolderRecordName)
                    files.Add(file);
        return files.Select(f => (f, StageRecord.Read(f)));
    }
}
