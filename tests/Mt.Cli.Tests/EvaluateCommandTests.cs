using System.Text.Json;
using Mt.Evaluation.Tests;

namespace Mt.Cli.Tests;

/// <summary><c>mt evaluate</c> and <c>mt manifest</c> on a hand-made results folder; bad input gives one line.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly ResultsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    [Fact]
    public void WritesMetricsAndTheTable()
    {
        var (code, output, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root);
        Assert.True(code == 0, err);
        Assert.Contains("not evaluated: hybrid at noise 0", output, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(_fixture.Layout.MetricsJson));
        Assert.Equal(3, json.RootElement.GetProperty("results").GetArrayLength());
        Assert.Contains("| U-Net | 2 % | 3 |", File.ReadAllText(_fixture.Layout.ReadmeMd), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTestSetIsOneLine()
    {
        File.Delete(_fixture.Layout.TestData(0));
        var (code, output, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal($"mt evaluate: error: {_fixture.Layout.TestData(0)}: file not found" + Environment.NewLine, err);
        Assert.False(File.Exists(_fixture.Layout.MetricsJson), output);
    }

    [Fact]
    public void AMissingResultsFolderIsOneLine()
    {
        string nowhere = Path.Combine(_fixture.Folder, "nowhere");
        var (code, _, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", nowhere);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal($"mt evaluate: error: --results: folder {nowhere} does not exist" + Environment.NewLine, err);
    }

    [Fact]
    public void APredictionOfAnotherGridIsOneLine()
    {
        File.Copy(ResultsFixtureOtherGrid(), _fixture.Layout.Prediction(0.02), overwrite: true);
        var (code, _, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.StartsWith($"mt evaluate: error: {_fixture.Layout.Prediction(0.02)}: ", err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A data set of the fixture's size on a grid of other depths.</summary>
    private string ResultsFixtureOtherGrid()
    {
        var t = _fixture.Truth;
        double[] z = [.. t.ZEdgesM.Select(v => 2 * v)];
        string path = Path.Combine(_fixture.Folder, "other.h5");
        Mt.Data.Datasets.DataSetFile.Write(path, new Mt.Data.Datasets.DataSet(t.FrequenciesHz, t.StationsM, t.YEdgesM, z,
            t.Log10Resistivity, t.Log10RhoApp, t.PhaseDeg, t.Attributes));
        return path;
    }

    [Fact]
    public void DataInAnotherFolderIsFoundWithDataDir()
    {
        // The data sets moved out of the results folder, as a variant experiment borrows another's (build option
        // data-from): without --data-dir the test set is missing; with it, the same metrics as in place, and the
        // manifest hashes the borrowed files.
        string before = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root).Err;
        Assert.Equal("", before);
        string inPlace = File.ReadAllText(_fixture.Layout.MetricsJson);
        string shared = Path.Combine(_fixture.Folder, "results", "other", "data");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        Directory.Move(_fixture.Layout.DataDir, shared);

        var (missingCode, _, missingErr) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root);
        Assert.Equal(ExitCode.BadInput, missingCode);
        Assert.Contains("test.h5: file not found", missingErr, StringComparison.Ordinal);

        var (code, _, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root, "--data-dir", shared);
        Assert.True(code == 0, err);
        using (JsonDocument a = JsonDocument.Parse(inPlace), b = JsonDocument.Parse(File.ReadAllText(_fixture.Layout.MetricsJson)))
            Assert.Equal(a.RootElement.GetProperty("results").ToString(), b.RootElement.GetProperty("results").ToString());

        (code, _, err) = Run("manifest", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root, "--data-dir", shared,
            "--repo", _fixture.Folder, "--sdk", "10.0.401");
        Assert.True(code == 0, err);
        string manifest = File.ReadAllText(_fixture.Layout.ManifestJson);
        Assert.Contains("other", manifest, StringComparison.Ordinal);
        Assert.Contains("test.h5", manifest, StringComparison.Ordinal);

        string nowhere = Path.Combine(_fixture.Folder, "nowhere");
        (code, _, err) = Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root, "--data-dir", nowhere);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal($"mt evaluate: error: --data-dir: folder {nowhere} does not exist" + Environment.NewLine, err);
    }

    [Fact]
    public void WritesTheManifest()
    {
        // The evaluation is a stage run: it leaves its record beside metrics.json, which the manifest lists.
        Assert.True(Run("evaluate", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root).Code == 0);
        var (code, output, err) = Run("manifest", "--experiment", _fixture.ExperimentPath, "--results", _fixture.Layout.Root,
            "--repo", _fixture.Folder, "--sdk", "10.0.401");
        Assert.True(code == 0, err);
        Assert.Contains("manifest.json", output, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(_fixture.Layout.ManifestJson));
        Assert.Equal("tiny", json.RootElement.GetProperty("experiment").GetString());
        JsonElement stage = Assert.Single(json.RootElement.GetProperty("stages").EnumerateArray());
        Assert.Equal("evaluate", stage.GetProperty("stage").GetString());
        Assert.Equal("metrics.json.stage.json", stage.GetProperty("record").GetString());
    }
}
