using System.Text.Json;
using Mt.Data.Models;

namespace Mt.Cli.Tests;

public sealed class InvertCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 10 ohm-m block under the middle of a 100 ohm-m section, and a uniform grid of the same cells.</summary>
    private static string Model(bool block) =>
        $$"""{"y_edges_m": [-6000, -3000, -1000, 1000, 3000, 6000], "z_edges_m": [0, 500, 1500, 3000, 6000], "resistivity_ohm_m": [[100, 100, 100, 100, 100], [100, 100, {{(block ? 10 : 100)}}, 100, 100], [100, 100, 100, 100, 100], [100, 100, 100, 100, 100]]}""";

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Observed()
    {
        string truth = _folder.Write("truth.json", Model(block: true));
        string observed = _folder.File("observed.csv");
        var r = Run("forward", "--model", truth, "--stations", "-2000,0,2000", "--periods", "0.01,0.1,1,10", "--out", observed);
        Assert.Equal(0, r.ExitCode);
        return observed;
    }

    [Fact]
    public void Inverts_forward_data_and_writes_the_four_files()
    {
        string observed = Observed();
        string grid = _folder.Write("grid.json", Model(block: false));
        string outDir = _folder.File("inv");
        var r = Run("invert", "--observed", observed, "--grid", grid, "--max-iterations", "30", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (string name in new[] { "model.json", "response.csv", "history.csv", "summary.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        double rms = summary.RootElement.GetProperty("final_rms").GetDouble();
        Assert.True(rms < 1.5, $"final RMS {rms}");
        // The starting misfit was far larger: the history starts high and ends at the reported inversion RMS.
        var lines = File.ReadAllLines(Path.Combine(outDir, "history.csv"));
        Assert.StartsWith("iteration,rms,", lines[0]);
        double first = double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(first > 2 * rms, $"first RMS {first}, final {rms}");
        var model = ModelFile.Read(Path.Combine(outDir, "model.json"));
        Assert.True(model.ResistivityOhmM[1, 2] < 60, $"the block cell has {model.ResistivityOhmM[1, 2]} ohm-m");
    }

    public static TheoryData<string, string, string> BadCases() => new()
    {
        { "station outside the grid", "grid-narrow", "outside the grid" },
        { "non-positive error", "zero-error", "must be positive" },
        { "missing grid", "no-grid", "grid.json" },
        { "bad start", "bad-start", "halfspace:" },
        { "bad target", "bad-target", "--target-rms" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Bad_input_gives_one_line_and_writes_nothing(string name, string kind, string mention)
    {
        _ = name;
        string observed = Observed();
        string grid = _folder.Write("grid.json", Model(block: false));
        var args = new List<string> { "invert", "--observed", observed, "--grid", grid, "--out", _folder.File("inv") };
        switch (kind)
        {
            case "grid-narrow":
                _folder.Write("grid.json", """{"y_edges_m": [-1000, 0, 1000], "z_edges_m": [0, 1000], "resistivity_ohm_m": [[100, 100]]}""");
                break;
            case "zero-error":
                var lines = File.ReadAllLines(observed);
                File.WriteAllLines(observed, [lines[0] + ",rho_app_err_ohm_m,phase_err_deg", .. lines.Skip(1).Select((l, i) => l + (i == 2 ? ",0,1" : ",1,1"))]);
                break;
            case "no-grid":
                File.Delete(grid);
                break;
            case "bad-start":
                args.AddRange(["--start", "halfspace:-5"]);
                break;
            case "bad-target":
                args.AddRange(["--target-rms", "0"]);
                break;
        }
        var r = Run([.. args]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains(mention, r.Stderr);
        Assert.False(Directory.Exists(_folder.File("inv")), "nothing may be written on bad input");
    }
}
