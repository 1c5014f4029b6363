using Mt.Data.Experiments;
using Mt.Data.Provenance;

namespace Mt.Cli.Tests;

/// <summary><c>mt stamp</c>: the stamp changes exactly when a named section changes, and is not rewritten otherwise
/// (the build graph compares its time with the outputs').</summary>
public sealed class StampCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Experiment(int testModels, int epochs)
    {
        string ci = GenerateCommandTests.RepoFile("experiments", "ci.json");
        return _folder.Write("exp.json",
            "{\"extends\": \"" + ci.Replace("\\", "/", StringComparison.Ordinal) + "\", \"data\": {\"test_models\": " + testModels +
            "}, \"training\": {\"epochs\": " + epochs + ", \"checkpoint_every\": 1}}");
    }

    private static int Stamp(string experiment, string stamp)
    {
        var err = new StringWriter();
        int code = CliApp.Run(["stamp", "--experiment", experiment, "--sections", "data", "--out", stamp], new StringWriter(), err);
        Assert.True(code == 0, err.ToString());
        return code;
    }

    [Fact]
    public void TheStampChangesOnlyWithItsSection()
    {
        string stamp = _folder.File("data.stamp");
        Stamp(Experiment(testModels: 3, epochs: 2), stamp);
        string first = File.ReadAllText(stamp);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(stamp, old);

        Stamp(Experiment(testModels: 3, epochs: 5), stamp);
        Assert.Equal(first, File.ReadAllText(stamp));
        Assert.Equal(old, File.GetLastWriteTimeUtc(stamp));

        Stamp(Experiment(testModels: 4, epochs: 5), stamp);
        Assert.NotEqual(first, File.ReadAllText(stamp));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public void AnUnknownSectionIsRefusedInOneLine()
    {
        var err = new StringWriter();
        int code = CliApp.Run(["stamp", "--experiment", Experiment(3, 2), "--sections", "data,weather", "--out", _folder.File("s")], new StringWriter(), err);
        Assert.NotEqual(0, code);
        Assert.Contains("weather", err.ToString(), StringComparison.Ordinal);
        Assert.Single(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AStageStampsItsOwnSectionsAndAssemblies()
    {
        string stamp = _folder.File("train.stamp");
        string Run(int testModels, int epochs)
        {
            var err = new StringWriter();
            int code = CliApp.Run(["stamp", "--experiment", Experiment(testModels, epochs), "--stage", "train", "--out", stamp], new StringWriter(), err);
            Assert.True(code == 0, err.ToString());
            return File.ReadAllText(stamp);
        }
        string first = Run(testModels: 3, epochs: 2);
        // The training stage depends on the training section, not on the data section's test models.
        Assert.Equal(first, Run(testModels: 4, epochs: 2));
        Assert.NotEqual(first, Run(testModels: 4, epochs: 5));
        string[] assemblies = [.. first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('=')[0])];
        Assert.Equal(["Mt.Data.dll", "Mt.Learning.dll", "TorchSharp.dll"], assemblies);
    }

    [Fact]
    public void AnUnknownStageOrAStageWithCodeIsRefusedInOneLine()
    {
        foreach (string[] extra in new[] { new[] { "--stage", "weather" }, ["--stage", "train", "--code", "Mt.Data"], ["--stage", "train", "--sections", "data"], [] })
        {
            var err = new StringWriter();
            int code = CliApp.Run(["stamp", "--experiment", Experiment(3, 2), .. extra, "--out", _folder.File("s")], new StringWriter(), err);
            Assert.NotEqual(0, code);
            Assert.Single(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>The build graph stamps stages of the one list, and each stage's record names the same sections and
    /// assemblies as its stamp.</summary>
    [Fact]
    public void EveryStampOfTheBuildGraphIsAStageOfTheList()
    {
        string graph = File.ReadAllText(GenerateCommandTests.RepoFile("build", "Build.proj"));
        // MSBuild refuses a project that is not well-formed XML (e.g. "--" inside a comment) before running any target.
        System.Xml.Linq.XDocument.Parse(graph);
        var stamps = System.Text.RegularExpressions.Regex.Matches(graph, @"\$\(Mt\) stamp (.*?)--out").Select(m => m.Groups[1].Value).ToList();
        Assert.True(stamps.Count >= 8, $"{stamps.Count} stamps in Build.proj");
        foreach (string args in stamps)
        {
            var stage = System.Text.RegularExpressions.Regex.Match(args, @"--stage ([\w-]+)");
            Assert.True(stage.Success, $"a stamp without --stage in Build.proj: {args}");
            Assert.NotNull(Stages.Find(stage.Groups[1].Value));
            Assert.DoesNotContain("--sections", args, StringComparison.Ordinal);
        }
        Experiment experiment = ExperimentLoader.Load(GenerateCommandTests.RepoFile("experiments", "ci.json"));
        foreach (StageDefinition stage in Stages.All)
        {
            string output = _folder.File(stage.Name + ".txt");
            File.WriteAllText(output, stage.Name);
            StageRecord record = new StageRecorder(stage, experiment).Finish(output, [], [output]);
            Assert.Equal(stage.Sections.Select(s => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())).Order(StringComparer.Ordinal),
                record.Parameters.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(stage.Code.Select(c => c + ".dll").Order(StringComparer.Ordinal), record.Code.Assemblies.Keys);
            string stampLines = stage.Stamp(experiment, AppContext.BaseDirectory);
            Assert.All(record.Code.Assemblies, a => Assert.Contains($"{a.Key}={a.Value}", stampLines, StringComparison.Ordinal));
        }
    }
}
