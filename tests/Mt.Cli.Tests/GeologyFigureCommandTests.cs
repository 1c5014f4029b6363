namespace Mt.Cli.Tests;

/// <summary><c>mt geology-figure</c>: one row per family of the experiment, a stage record beside the PNG, bad options
/// in one line.</summary>
public sealed class GeologyFigureCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    [Fact]
    public void Draws_every_family_of_the_general_experiment()
    {
        string png = Path.Combine(_folder.Path, "figures", "families.png");

        var (code, output, err) = Run("geology-figure", "--experiment", GenerateCommandTests.RepoFile("experiments", "general.json"),
            "--per-family", "2", "--max-depth-km", "40", "--out", png);

        Assert.True(code == 0, err);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        Assert.True(File.Exists(png + ".stage.json"));
        string[] families = [.. File.ReadLines(Path.ChangeExtension(png, ".csv")).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).Distinct()];
        Assert.Equal(7, families.Length);
    }

    [Fact]
    public void A_paper_experiment_draws_the_paper_family_alone()
    {
        string png = _folder.File("paper.png");

        var (code, _, err) = Run("geology-figure", "--experiment", GenerateCommandTests.RepoFile("experiments", "ci.json"), "--per-family", "1", "--out", png);

        Assert.True(code == 0, err);
        Assert.Equal(["paper"], File.ReadLines(Path.ChangeExtension(png, ".csv")).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).Distinct());
    }

    [Theory]
    [InlineData("--per-family", "0", "--per-family: 0 is not in 1..20")]
    [InlineData("--max-depth-km", "-5", "--max-depth-km")]
    public void Bad_options_are_reported_in_one_line(string option, string value, string message)
    {
        var (code, _, err) = Run("geology-figure", "--experiment", GenerateCommandTests.RepoFile("experiments", "general.json"),
            option, value, "--out", _folder.File("x.png"));

        Assert.NotEqual(0, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("x.png")));
    }

    [Fact]
    public void An_invalid_experiment_names_the_file_and_the_json_path()
    {
        string bad = _folder.Write("bad.json", "{\"extends\": \"" + GenerateCommandTests.RepoFile("experiments", "general.json").Replace("\\", "/", StringComparison.Ordinal)
            + "\", \"data\": {\"geology\": {\"families\": {\"faults\": {\"weight\": -2}}}}}");

        var (code, _, err) = Run("geology-figure", "--experiment", bad, "--out", _folder.File("x.png"));

        Assert.NotEqual(0, code);
        Assert.Contains($"{bad}: $.data.geology.families.faults.weight: must be a finite number >= 0, got -2", err, StringComparison.Ordinal);
    }
}
