using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Provenance;
using Mt.Evaluation.Provenance;

namespace Mt.Evaluation.Tests;

/// <summary>The provenance manifest of a hand-made results folder: built from the stage records beside the artifacts.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly ResultsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Lists_the_stage_records_in_order_and_whether_their_outputs_are_unchanged()
    {
        Experiment experiment = ExperimentLoader.Load(_fixture.ExperimentPath);
        string test = _fixture.Layout.TestData(0), noisy = _fixture.Layout.TestData(0.02);
        new StageRecorder("generate-test", StageParameters.Of(experiment, ExperimentSection.Data), typeof(Mt.Data.Datasets.DataSet))
            .Finish(test, [_fixture.ExperimentPath], [test, noisy]);
        Thread.Sleep(1100); // records are ordered by their start, to the second
        new StageRecorder("evaluate", StageParameters.Of(experiment, ExperimentSection.Evaluation), typeof(Evaluator))
            .Finish(_fixture.Layout.MetricsJson, [test], [test]);
        File.AppendAllText(noisy, "changed after the stage wrote it");

        JsonObject manifest = Manifest.Build("tiny", _fixture.ExperimentPath, experiment, _fixture.Layout, _fixture.Folder, "10.0.401");

        JsonArray stages = manifest["stages"]!.AsArray();
        Assert.Equal(["generate-test", "evaluate"], stages.Select(s => (string)s!["stage"]!));
        JsonNode generate = stages[0]!;
        Assert.Equal("data/test.h5.stage.json", (string)generate["record"]!);
        Assert.Equal(ExperimentJson.SectionHash(experiment, ExperimentSection.Data), (string)generate["parameters"]!["data"]!);
        Assert.Equal(FileHash.Sha256(test), (string)generate["outputs"]!.AsArray().Single(o => (string)o!["file"]! == test)!["sha256"]!);
        Assert.False((bool)generate["outputs_unchanged"]!);
        Assert.True((bool)stages[1]!["outputs_unchanged"]!);
        Assert.True((double)generate["wall_time_seconds"]! >= 0);
        Assert.Equal(Environment.ProcessorCount, (int)generate["machine"]!["cores"]!);

        // The fixture's folder is no git work tree: recorded as such, not an error.
        Assert.Null(manifest["code_version"]!["commit"]);
        Assert.StartsWith("no git commit", (string)manifest["code_version"]!["note"]!, StringComparison.Ordinal);
        Assert.Equal("10.0.401", (string)manifest["environment"]!["dotnet_sdk"]!);
        Assert.Equal("tiny.json", (string)manifest["experiment_file"]!["file"]!);
    }

    [Fact]
    public void Records_the_commit_of_the_repository()
    {
        GitState state = Git.State(Path.GetDirectoryName(ResultsFixture.RepoFile("experiments", "ci.json"))!);
        // Built from a git clone (CI and developers); an exported tree without .git records null and a note instead.
        if (state.Commit is not null)
        {
            Assert.Matches("^[0-9a-f]{40}$", state.Commit);
            Assert.NotNull(state.Dirty);
        }
        else
        {
            Assert.NotNull(state.Note);
        }
    }

    [Fact]
    public void A_malformed_stage_record_names_its_file()
    {
        string record = _fixture.Layout.MetricsJson + StageRecord.FileSuffix;
        File.WriteAllText(record, "{ not json");

        var ex = Assert.Throws<DataFileException>(() => Manifest.Build("tiny", _fixture.ExperimentPath,
            ExperimentLoader.Load(_fixture.ExperimentPath), _fixture.Layout, _fixture.Folder, null));

        Assert.StartsWith(record, ex.Message, StringComparison.Ordinal);
    }
}
