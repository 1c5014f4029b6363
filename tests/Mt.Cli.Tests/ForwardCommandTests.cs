using System.Globalization;
using System.Numerics;
using Mt.Cli.Verbs;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Cli.Tests;

public sealed class ForwardCommandTests : IDisposable
{
    private const string ModelName = "model.json";
    private const string OutName = "response.csv";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 2-cell-wide, 2-layer model: 10 ohm-m over 100 ohm-m, lateral extent [-1000, 1000] m.</summary>
    private static string ModelJson(
        string yEdges = "[-1000, 0, 1000]", string zEdges = "[0, 100, 1100]", string rows = "[[10, 10], [100, 100]]") =>
        $$"""{"y_edges_m": {{yEdges}}, "z_edges_m": {{zEdges}}, "resistivity_ohm_m": {{rows}}}""";

    /// <summary>Valid arguments; a case replaces the value of an option (null removes the option).</summary>
    private static Dictionary<string, string?> ValidOptions() => new()
    {
        ["--model"] = "{folder}/" + ModelName,
        ["--stations"] = "-500,500",
        ["--periods"] = "0.1,1,10",
        ["--out"] = "{folder}/" + OutName,
    };

    /// <summary>A bad-input case: the model file's text (null: no file), changed options, and what the error names.</summary>
    private sealed record BadCase(string? ModelText, Dictionary<string, string?> Options, params string[] Mentions);

    private static readonly Dictionary<string, BadCase> BadCases = new()
    {
        ["missing model file"] = new(null, [], ModelName, "not found"),
        ["malformed JSON"] = new("""{"y_edges_m": [0, 1""", [], ModelName, "malformed JSON"),
        ["JSON not an object"] = new("[1, 2]", [], ModelName, "object"),
        ["missing key"] = new("""{"y_edges_m": [0, 1], "z_edges_m": [0, 1]}""", [], ModelName, "resistivity_ohm_m"),
        ["edge not a number"] = new(ModelJson(yEdges: """[-1000, "0", 1000]"""), [], ModelName, "y_edges_m[1]"),
        ["ragged rows"] = new(ModelJson(rows: "[[10, 10], [100]]"), [], ModelName, "resistivity_ohm_m row 1 has 1 values, expected 2"),
        ["too few rows"] = new(ModelJson(rows: "[[10, 10]]"), [], ModelName, "resistivity_ohm_m has 1 rows, expected 2"),
        ["zero resistivity"] = new(ModelJson(rows: "[[10, 0], [100, 100]]"), [], ModelName, "resistivity_ohm_m[0][1]"),
        ["negative resistivity"] = new(ModelJson(rows: "[[10, 10], [-100, 100]]"), [], ModelName, "resistivity_ohm_m[1][0]"),
        ["infinite resistivity"] = new(ModelJson(rows: "[[10, 1e999], [100, 100]]"), [], ModelName, "out of range"),
        ["non-increasing y edges"] = new(ModelJson(yEdges: "[-1000, 0, 0]"), [], ModelName, "y_edges_m must be strictly increasing"),
        ["non-increasing z edges"] = new(ModelJson(zEdges: "[0, 100, 50]"), [], ModelName, "z_edges_m must be strictly increasing"),
        ["z edges not from 0"] = new(ModelJson(zEdges: "[10, 100, 1100]"), [], ModelName, "z_edges_m must start at 0"),
        ["station outside"] = new(ModelJson(), new() { ["--stations"] = "-500,1500" }, "--stations", "1500", ModelName),
        ["station not a number"] = new(ModelJson(), new() { ["--stations"] = "-500,east" }, "--stations", "east"),
        ["station given twice"] = new(ModelJson(), new() { ["--stations"] = "500,500" }, "--stations", "twice"),
        ["empty station list item"] = new(ModelJson(), new() { ["--stations"] = "-500,,500" }, "--stations", "empty"),
        ["zero period"] = new(ModelJson(), new() { ["--periods"] = "0.1,0" }, "--periods", "positive"),
        ["negative period"] = new(ModelJson(), new() { ["--periods"] = "-1" }, "--periods", "positive"),
        ["non-numeric period"] = new(ModelJson(), new() { ["--periods"] = "1,ten" }, "--periods", "ten"),
        ["subnormal period"] = new(ModelJson(), new() { ["--periods"] = "1e-320" }, "--periods", "too small"),
        ["NaN period"] = new(ModelJson(), new() { ["--periods"] = "NaN" }, "--periods", "NaN"),
        ["negative frequency"] = new(ModelJson(), new() { ["--periods"] = null, ["--frequencies"] = "1,-2" }, "--frequencies", "positive"),
        ["non-numeric frequency"] = new(ModelJson(), new() { ["--periods"] = null, ["--frequencies"] = "1Hz" }, "--frequencies", "1Hz"),
        ["unknown mode"] = new(ModelJson(), new() { ["--modes"] = "TE,TX" }, "--modes", "TX"),
        ["numeric mode"] = new(ModelJson(), new() { ["--modes"] = "1" }, "--modes"),
        ["both periods and frequencies"] = new(ModelJson(), new() { ["--frequencies"] = "1" }, "--periods", "--frequencies", "not both"),
        ["neither periods nor frequencies"] = new(ModelJson(), new() { ["--periods"] = null }, "--periods", "--frequencies"),
        ["missing out folder"] = new(ModelJson(), new() { ["--out"] = "{folder}/no-such-folder/" + OutName }, "--out", "no-such-folder"),
        ["out is a folder"] = new(ModelJson(), new() { ["--out"] = "{folder}" }, "--out", "folder"),
        ["missing --model option"] = new(ModelJson(), new() { ["--model"] = null }, "--model"),
        ["missing --out option"] = new(ModelJson(), new() { ["--out"] = null }, "--out"),
        ["unknown option"] = new(ModelJson(), new() { ["--depths"] = "1" }, "--depths"),
    };

    public static TheoryData<string> BadCaseNames => [.. BadCases.Keys];

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void BadInputGivesOneLineNamingTheCulpritAndWritesNothing(string caseName)
    {
        BadCase bad = BadCases[caseName];
        if (bad.ModelText is not null) _folder.Write(ModelName, bad.ModelText);
        var options = ValidOptions();
        foreach (var (option, value) in bad.Options) options[option] = value;

        var (exitCode, stdout, stderr) = Run(options);

        Assert.Equal(ExitCode.BadInput, exitCode);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mt forward: error: ", line);
        foreach (string mention in bad.Mentions) Assert.Contains(mention, line);
        Assert.DoesNotContain("   at ", stderr);
        // Nothing at --out, and no temporary file left beside it.
        Assert.Equal(bad.ModelText is null ? [] : [ModelName], _folder.FileNames());
    }

    [Fact]
    public void SolverFailureIsOneInternalErrorLineAndWritesNothing()
    {
        _folder.Write(ModelName, ModelJson());
        var failing = new ForwardCommand((_, _, _, _, _) => throw new InvalidOperationException("matrix is singular\nat frequency 3"));
        var (exitCode, _, stderr) = Run(ValidOptions(), failing);

        Assert.Equal(ExitCode.InternalFailure, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("mt forward: error: internal failure (InvalidOperationException): matrix is singular at frequency 3", line);
        Assert.Equal([ModelName], _folder.FileNames());
    }

    [Fact]
    public void WritesTheSolverResponseInContractOrderReplacingAnOldFile()
    {
        _folder.Write(ModelName, ModelJson());
        _folder.Write(OutName, "old content");
        // A stand-in solver: Z = (station + i * frequency) for TE and its negative for TM, to check order and values.
        var stub = new ForwardCommand((_, stationsM, frequenciesHz, modes, _) => new ForwardResponse(stationsM, frequenciesHz,
            modes.ToDictionary(mode => mode, mode =>
            {
                var z = new Complex[frequenciesHz.Length, stationsM.Length];
                for (int fi = 0; fi < frequenciesHz.Length; fi++)
                    for (int si = 0; si < stationsM.Length; si++)
                        z[fi, si] = (mode == Mode.TE ? 1 : -1) * new Complex(stationsM[si], frequenciesHz[fi]);
                return z;
            })));
        var options = ValidOptions();
        options["--periods"] = null;
        options["--frequencies"] = "3,0.1";
        options["--modes"] = "TM,TE";

        var (exitCode, stdout, stderr) = Run(options, stub);

        Assert.Equal((ExitCode.Ok, "", ""), (exitCode, stdout, stderr));
        string[] lines = File.ReadAllLines(_folder.File(OutName));
        Assert.Equal(ResponseCsv.Header, lines[0]);
        var expected = new List<string>();
        foreach (Mode mode in new[] { Mode.TM, Mode.TE })
            foreach (double stationM in new[] { -500.0, 500.0 })
                foreach (double frequencyHz in new[] { 3, 0.1 })
                {
                    Complex z = (mode == Mode.TE ? 1 : -1) * new Complex(stationM, frequencyHz);
                    double[] numbers = [stationM, frequencyHz, 1 / frequencyHz, Impedance.RhoAppOhmM(z, frequencyHz),
                        Impedance.PhaseDeg(z, mode), z.Real, z.Imaginary];
                    expected.Add(mode + "," + string.Join(",", numbers.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
                }
        Assert.Equal(expected, lines[1..]);
        Assert.Equal([ModelName, OutName], _folder.FileNames());
    }

    [Fact]
    public void TwoLayerModelGivesOneConsistentRowPerModeStationAndPeriod()
    {
        _folder.Write(ModelName, ModelJson());
        var (exitCode, _, stderr) = Run(ValidOptions());

        Assert.True(exitCode == ExitCode.Ok, $"exit code {exitCode}: {stderr}");
        string outPath = _folder.File(OutName);
        Assert.Equal("mode,station_m,frequency_hz,period_s,rho_app_ohm_m,phase_deg,z_re_ohm,z_im_ohm",
            File.ReadLines(outPath).First());
        IReadOnlyList<ResponseRow> rows = ResponseCsv.Read(outPath);
        Assert.Equal(2 * 2 * 3, rows.Count);
        double[] periodsS = [0.1, 1, 10];
        int i = 0;
        foreach (Mode mode in new[] { Mode.TE, Mode.TM })
            foreach (double stationM in new[] { -500.0, 500.0 })
                foreach (double periodS in periodsS)
                {
                    ResponseRow row = rows[i++];
                    Assert.Equal((mode, stationM), (row.Mode, row.StationM));
                    Assert.Equal(periodS, row.PeriodS, 1e-12);
                    double zSquared = row.ZReOhm * row.ZReOhm + row.ZImOhm * row.ZImOhm;
                    double rhoOhmM = zSquared / (2 * Math.PI * row.FrequencyHz * 4e-7 * Math.PI);
                    Assert.Equal(1, row.RhoAppOhmM / rhoOhmM, 1e-12);
                    double phaseDeg = Math.Atan2(row.ZImOhm, row.ZReOhm) * 180 / Math.PI + (mode == Mode.TM ? 180 : 0);
                    phaseDeg = phaseDeg > 180 ? phaseDeg - 360 : phaseDeg;
                    Assert.Equal(phaseDeg, row.PhaseDeg, 1e-9);
                    // Between the two layers' resistivities, as a 2-layer sounding must be.
                    Assert.InRange(row.RhoAppOhmM, 5, 200);
                }
    }

    private (int ExitCode, string Stdout, string Stderr) Run(Dictionary<string, string?> options, ForwardCommand? verb = null)
    {
        var args = new List<string> { "forward" };
        foreach (var (option, value) in options)
            if (value is not null) args.AddRange([option, value.Replace("{folder}", _folder.Path)]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = verb is null
            ? CliApp.Run([.. args], stdout, stderr)
            : CliApp.Run([.. args], stdout, stderr, () => [verb]);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
