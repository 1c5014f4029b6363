using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Evaluation.Provenance;

namespace Mt.Evaluation.Tests;

/// <summary>The provenance manifest of a hand-made results folder.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly ResultsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void HashesEachStagesFilesAndRecordsTimes()
    {
        Directory.CreateDirectory(_fixture.Layout.TimingsDir);
        File.WriteAllText(Path.Combine(_fixture.Layout.TimingsDir, "generate-train.seconds"), "10.5\n");
        File.WriteAllText(Path.Combine(_fixture.Layout.TimingsDir, "generate-test.seconds"), "2\n");
        Experiment experiment = ExperimentLoader.Load(_fixture.ExperimentPath);
        JsonObject manifest = Manifest.Build("tiny", _fixture.ExperimentPath, experiment, _fixture.Layout, _fixture.Folder, "10.0.401");

        JsonArray stages = manifest["stages"]!.AsArray();
        Assert.Equal(["generate", "train", "predict", "invert", "evaluate", "figures"], stages.Select(s => (string)s!["name"]!));
        JsonNode generate = stages[0]!;
        Assert.Equal(12.5, (double)generate["wall_time_seconds"]!);
        Assert.Equal(ExperimentJson.StageHash(experiment, ExperimentSection.Data), (string)generate["parameters_sha256"]!);
        Assert.Equal(experiment.Data.Seed, (long)generate["parameters"]!["data"]!["seed"]!);
        Assert.Equal(["data/test-noise-0.02.h5", "data/test.h5"], generate["outputs"]!.AsArray().Select(f => (string)f!["file"]!));
        Assert.Equal(FileHash.Sha256(_fixture.Layout.TestData(0)), (string)generate["outputs"]![1]!["sha256"]!);

        Assert.Equal("not run", (string)stages[1]!["status"]!);
        Assert.Equal("tiny.json", (string)manifest["experiment_file"]!["file"]!);
        JsonNode invert = stages[3]!;
        Assert.Equal(2.0 + 3 + 4, (double)invert["recorded_wall_time_seconds"]!);
        Assert.Equal(3 * 4, invert["outputs"]!.AsArray().Count);

        // The fixture's folder is no git work tree: recorded as such, not an error.
        Assert.Null(manifest["code_version"]!["commit"]);
        Assert.StartsWith("no git commit", (string)manifest["code_version"]!["note"]!, StringComparison.Ordinal);
        Assert.Equal("10.0.401", (string)manifest["environment"]!["dotnet_sdk"]!);
        Assert.Equal("unknown (no model card)", (string)manifest["environment"]!["torchsharp"]!);
        Assert.Equal(Environment.ProcessorCount, (int)manifest["environment"]!["cores"]!);
    }

    [Fact]
    public void RecordsTheCommitOfTheRepository()
    {
        JsonObject version = Manifest.CodeVersion(Path.GetDirectoryName(ResultsFixture.RepoFile("experiments", "ci.json"))!);
        string? commit = (string?)version["commit"];
        // Built from a git clone (CI and developers); an exported tree without .git records null and a note instead.
        if (commit is not null)
        {
            Assert.Matches("^[0-9a-f]{40}$", commit);
            Assert.NotNull((bool?)version["dirty"]);
        }
        else
        {
            Assert.NotNull((string?)version["note"]);
        }
    }

    [Fact]
    public void ABadTimingRecordNamesItsFile()
    {
        Directory.CreateDirectory(_fixture.Layout.TimingsDir);
        string record = Path.Combine(_fixture.Layout.TimingsDir, "evaluate.seconds");
        File.WriteAllText(record, "soon\n");
        var ex = Assert.Throws<DataFileException>(() => Manifest.Build("tiny", _fixture.ExperimentPath,
            ExperimentLoader.Load(_fixture.ExperimentPath), _fixture.Layout, _fixture.Folder, null));
        Assert.Equal($"{record} line 1: \"soon\" is not a number of seconds", ex.Message);
    }
}
