using Mt.Data.Results;

namespace Mt.Cli.Tests;

/// <summary><c>mt invert-set</c> split into scheduler tasks: <c>--count</c> says how many inversions there are,
/// <c>--task k/n</c> runs part k alone and writes no stage record, <c>--after-tasks</c> finishes what is missing and
/// writes the record.</summary>
public sealed class InvertSetCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Two test models on a small grid (11 stations, 6 frequencies), one NLCG iteration, noise-free data only.</summary>
    private string SmallExperiment()
    {
        string ci = GenerateCommandTests.RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        return _folder.Write("small.json", "{\"extends\": \"" + ci + "\", \"data\": {\"test_models\": 2, "
            + "\"stations\": {\"count\": 11, \"start_m\": 0, \"spacing_m\": 5000}, \"frequencies\": {\"min_hz\": 1e-3, \"max_hz\": 1e2, \"count\": 6}}, "
            + "\"inversion\": {\"models\": 2, \"max_iterations\": 1}, \"evaluation\": {\"noise_levels\": [0]}}");
    }

    [Fact]
    public void TasksRunTheirPartAndTheClosingRunWritesTheRecord()
    {
        string experiment = SmallExperiment();
        var layout = new ResultsLayout(_folder.File("results"));
        Directory.CreateDirectory(layout.DataDir);
        var (genCode, _, genErr) = GenerateCommandTests.Run("generate", "--experiment", experiment, "--split", "test", "--out", layout.TestData(0));
        Assert.True(genCode == 0, genErr);
        string[] common = ["invert-set", "--experiment", experiment, "--results", layout.Root];

        var (countCode, countOut, _) = GenerateCommandTests.Run([.. common, "--count"]);
        Assert.Equal(0, countCode);
        Assert.Equal("2", countOut.Trim());

        var (taskCode, taskOut, taskErr) = GenerateCommandTests.Run([.. common, "--task", "2/2"]);
        Assert.True(taskCode == 0, taskErr);
        Assert.Contains("1 inversions run, 0 already finished (task 2/2)", taskOut, StringComparison.Ordinal);
        Assert.True(File.Exists(ResultsLayout.InversionSummaryFile(layout.NlcgSample(0, NlcgStart.Halfspace, 1))));
        Assert.False(Directory.Exists(layout.NlcgSample(0, NlcgStart.Halfspace, 0)));
        Assert.False(File.Exists(Path.Combine(layout.NlcgDir, "stage.json")));

        var (firstCode, _, firstErr) = GenerateCommandTests.Run([.. common, "--task", "1/2"]);
        Assert.True(firstCode == 0, firstErr);
        Assert.False(File.Exists(Path.Combine(layout.NlcgDir, "stage.json")));

        var (closeCode, closeOut, closeErr) = GenerateCommandTests.Run([.. common, "--after-tasks"]);
        Assert.True(closeCode == 0, closeErr);
        Assert.Contains("0 inversions run, 2 already finished", closeOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(layout.NlcgDir, "stage.json")));

        var (badCode, _, badErr) = GenerateCommandTests.Run([.. common, "--task", "3/2"]);
        Assert.NotEqual(0, badCode);
        Assert.Contains("--task", badErr, StringComparison.Ordinal);
    }
}
