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
}
