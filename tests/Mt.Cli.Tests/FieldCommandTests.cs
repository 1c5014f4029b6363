using System.Numerics;
using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Data.Models;
using Mt.Forward;

namespace Mt.Cli.Tests;

/// <summary><c>mt field</c> end to end on synthetic EDI stations of a 2D model, with a tiny network trained in the test.</summary>
public sealed class FieldCommandTests : IDisposable
{
    private static readonly double[] Frequencies = [100, 10, 1, 0.1, 0.01];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    /// <summary>Five stations on a meridian (profile azimuth 0, about 11 km apart) over a 10 ohm-m block in a 100 ohm-m
    /// half-space striking east (90 degrees): the TE and TM impedances of the forward engine placed as Zxy and Zyx in the
    /// strike frame and rotated into north-east axes; variances 5 % of |Z| squared.</summary>
    private string EdiFolder()
    {
        string folder = Directory.CreateDirectory(_folder.File("edi")).FullName;
        double[] stations = [0, 11_000, 22_000, 33_000, 44_000];
        var rho = new double[3, 4];
        for (int k = 0; k < 3; k++) for (int j = 0; j < 4; j++) rho[k, j] = k == 1 && j is 1 or 2 ? 10 : 100;
        var model = new ResistivityModel([-20_000, 10_000, 22_000, 34_000, 70_000], [0, 2_000, 10_000, 30_000], rho);
        ForwardResponse response = Forward2D.Compute(model, stations, [.. Frequencies.Order()], [Mode.TE, Mode.TM]);
        double[] ascending = [.. Frequencies.Order()];
        for (int s = 0; s < stations.Length; s++)
        {
            var tensors = Frequencies.Select(f =>
            {
                int fi = Array.IndexOf(ascending, f);
                return new ImpedanceTensor(Complex.Zero, response.Z(Mode.TE, fi, s), response.Z(Mode.TM, fi, s), Complex.Zero).Rotate(-90);
            }).ToArray();
            EdiImpedanceComponent C(Func<ImpedanceTensor, Complex> component) =>
                EdiImpedanceComponent.FromOhm([.. tensors.Select(component)], [.. tensors.Select(t => Math.Pow(0.05 * t.Xy.Magnitude, 2))]);
            EdiFile.Create($"S{s}", new EdiCoordinates(-24 + stations[s] / 111_000, 117, 0), Frequencies, C(t => t.Xx), C(t => t.Xy), C(t => t.Yx), C(t => t.Yy))
                .Write(Path.Combine(folder, $"s{s}.edi"));
        }
        return folder;
    }

    private static JsonElement Summary(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement;

    [Fact]
    public void Inverts_the_line_by_nlcg_network_and_hybrid_and_draws_the_figure()
    {
        string edi = EdiFolder(), experiment = FieldDataCommandTests.TinyExperiment(_folder);
        Assert.Equal(0, Run("field-data", "--edi", edi, "--experiment", experiment, "--out", _folder.File("prep")).Code);
        string weights = FieldDataCommandTests.TrainTinyNetwork(_folder, experiment, DataSetFile.Read(Path.Combine(_folder.File("prep"), "network-input.h5")));
        string output = _folder.File("field");

        var (code, stdout, stderr) = Run("field", "--edi", edi, "--experiment", experiment, "--weights", weights, "--max-iterations", "2", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        Assert.Contains("NLCG from a 100 ohm-m half-space", stdout);
        Assert.Contains("NLCG from the network's prediction (hybrid)", stdout);
        Assert.Equal(["field.csv", "field.png", "grid.json", "network-input.h5", "network-model.json", "network-prediction.h5", "network-response.csv",
                      "observed.csv", "profile.json", "quality-sections.csv", "quality-sections.png", "quality.csv", "summary.json"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string run in new[] { "nlcg-halfspace", "nlcg-hybrid" })
            Assert.Equal(["history.csv", "model.json", "response.csv", "summary.json"], Directory.GetFiles(Path.Combine(output, run)).Select(Path.GetFileName).Order());

        JsonElement summary = Summary(output);
        Assert.Equal(90, summary.GetProperty("strike_deg").GetDouble(), 3);
        Assert.Equal("estimated", summary.GetProperty("strike_source").GetString());
        Assert.Equal(0, summary.GetProperty("azimuth_deg").GetDouble(), 3);
        Assert.Equal(2 * 5 * 5, summary.GetProperty("data").GetInt32()); // modes x stations x frequencies
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "profile.json")));
        JsonElement network = profile.RootElement.GetProperty("network");
        Assert.Equal(network.GetProperty("mask_fraction").GetDouble(), summary.GetProperty("mask_fraction").GetDouble(), 12);
        Assert.Equal(network.GetProperty("offset_m").GetDouble(), summary.GetProperty("network_offset_m").GetDouble(), 12);
        Assert.Contains("no_data_mask", summary.GetProperty("masked").GetString());
        JsonElement methods = summary.GetProperty("methods");
        Assert.Equal(["hybrid", "network", "nlcg_halfspace"], methods.EnumerateObject().Select(p => p.Name).Order());
        foreach (JsonProperty method in methods.EnumerateObject())
        {
            double rms = method.Value.GetProperty("data_rms").GetDouble();
            Assert.True(double.IsFinite(rms) && rms > 0, $"{method.Name}: data RMS {rms}");
            Assert.InRange(method.Value.GetProperty("iterations").GetInt32(), 0, 2);
            Assert.True(method.Value.GetProperty("wall_time_seconds").GetDouble() > 0);
        }
        // The typed summary reads back what was written.
        var typed = Mt.Workflows.Field.FieldSummary.Read(Path.Combine(output, "summary.json"));
        Assert.Equal(summary.GetProperty("strike_deg").GetDouble(), typed.StrikeDeg);
        Assert.Equal(MisfitMeasure.RhoPhase, typed.MisfitMeasure);
        Assert.Equal(["hybrid", "network", "nlcg_halfspace"], typed.Methods.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(methods.GetProperty("hybrid").GetProperty("data_rms").GetDouble(), typed.Methods["hybrid"].DataRms);
        Assert.Equal(5, typed.Methods["network"].Stations.Count);
        JsonElement clip = methods.GetProperty("network");
        Assert.InRange(clip.GetProperty("clipped_fraction").GetDouble(), 0, 1);
        Assert.Equal([5.0, 5000.0], clip.GetProperty("clipped_into_ohm_m").EnumerateArray().Select(v => v.GetDouble()));
        // The half-space run's RMS is its own summary's, and NLCG lowered the misfit of its uniform start.
        using var halfSpace = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "nlcg-halfspace", "summary.json")));
        double nlcgRms = methods.GetProperty("nlcg_halfspace").GetProperty("data_rms").GetDouble();
        Assert.Equal(halfSpace.RootElement.GetProperty("final_rms").GetDouble(), nlcgRms, 12);
        double startRms = double.Parse(File.ReadAllLines(Path.Combine(output, "nlcg-halfspace", "history.csv"))[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(nlcgRms < startRms, $"NLCG RMS {nlcgRms} not below the start's {startRms}");

        // The network's model is on the line's grid, and it is the hybrid's start.
        ResistivityModel grid = ModelFile.Read(Path.Combine(output, "grid.json")), mapped = ModelFile.Read(Path.Combine(output, "network-model.json"));
        Assert.Equal(grid.YEdgesM, mapped.YEdgesM);
        Assert.Equal(grid.ZEdgesM, mapped.ZEdgesM);
        Assert.All(mapped.ResistivityOhmM.Cast<double>(), r => Assert.InRange(r, 5, 5000));
        Assert.Equal(8, DataSetFile.Read(Path.Combine(output, "network-prediction.h5")).Nz);

        byte[] png = File.ReadAllBytes(Path.Combine(output, "field.png"));
        Assert.Equal(0x89, png[0]);
        string[] csv = File.ReadAllLines(Path.Combine(output, "field.csv"));
        foreach (string method in new[] { "nlcg_halfspace", "network", "hybrid" })
            Assert.Contains(csv, l => l.StartsWith($"cell,{method},", StringComparison.Ordinal));
        Assert.Equal(4 * 2 * 5, csv.Count(l => l.StartsWith("observed,", StringComparison.Ordinal)));
        Assert.Equal(2 * 4 * 2 * 5, csv.Count(l => l.StartsWith("predicted,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_weights_in_the_default_folder_the_network_and_hybrid_are_skipped_with_a_message()
    {
        string output = _folder.File("field");
        string experiment = FieldDataCommandTests.TinyExperiment(_folder);

        var (code, stdout, stderr) = Run("field", "--edi", EdiFolder(), "--experiment", experiment, "--max-iterations", "1", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("no trained network in " + Path.Combine("results", "tiny", "weights"), stdout);
        Assert.Contains("./build.sh Train --experiment tiny", stdout);
        JsonElement summary = Summary(output);
        Assert.Equal(["nlcg_halfspace"], summary.GetProperty("methods").EnumerateObject().Select(p => p.Name));
        Assert.Contains("not run", summary.GetProperty("network_skipped").GetString());
        Assert.False(Directory.Exists(Path.Combine(output, "nlcg-hybrid")));
        Assert.True(File.Exists(Path.Combine(output, "field.png")));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(output, "field.csv")), l => l.StartsWith("cell,network,", StringComparison.Ordinal));
    }

    /// <summary>The error model and the measure are options: the summary states them, reports every method's RMS in
    /// both measures and per station (the per-station squares add up to the whole), and the estimated static shifts.</summary>
    [Theory]
    [InlineData("impedance", "none")]
    [InlineData("rho-phase", "estimate")]
    public void The_error_model_measure_and_static_shifts_are_stated_and_both_rms_reported(string measure, string shifts)
    {
        string output = _folder.File("field");
        string experiment = FieldDataCommandTests.TinyExperiment(_folder);

        var (code, stdout, stderr) = Run("field", "--edi", EdiFolder(), "--experiment", experiment, "--max-iterations", "2", "--measure", measure,
            "--impedance-floor", "0.1", "--impedance-floor-of", "geometric-mean", "--static-shifts", shifts, "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("error model: errors at least 5 % of rho_a and 1.43 degrees, then at least 10 % of sqrt(|Zxy Zyx|) (the impedance floor)", stdout);
        JsonElement summary = Summary(output);
        Assert.Equal(0.1, summary.GetProperty("error_floors").GetProperty("impedance_fraction").GetDouble());
        Assert.Equal("geometric-mean", summary.GetProperty("error_floors").GetProperty("impedance_fraction_of").GetString());
        Assert.Equal(measure, summary.GetProperty("misfit_measure").GetString());
        Assert.Equal(shifts, summary.GetProperty("static_shifts").GetString());
        JsonElement nlcg = summary.GetProperty("methods").GetProperty("nlcg_halfspace");
        double rhoPhase = nlcg.GetProperty("rms_rho_phase").GetDouble(), impedance = nlcg.GetProperty("rms_impedance").GetDouble();
        Assert.Equal(nlcg.GetProperty("data_rms").GetDouble(), rhoPhase, 12);
        Assert.True(impedance > 0 && double.IsFinite(impedance));
        var stations = nlcg.GetProperty("stations").EnumerateArray().ToList();
        Assert.Equal(5, stations.Count);
        int data = summary.GetProperty("data").GetInt32();
        double squares = stations.Sum(st => Math.Pow(st.GetProperty("rms_rho_phase").GetDouble(), 2) * st.GetProperty("data").GetInt32());
        Assert.Equal(rhoPhase * rhoPhase * data, squares, 6);
        if (shifts == "estimate")
        {
            Assert.True(nlcg.TryGetProperty("rms_rho_phase_static_shifts_removed", out _));
            Assert.All(stations, st => Assert.Equal(JsonValueKind.Number, st.GetProperty("static_shift_log10_te").ValueKind));
        }
        else Assert.All(stations, st => Assert.Equal(JsonValueKind.Null, st.GetProperty("static_shift_log10_te").ValueKind));
    }

    public static TheoryData<string> BadCaseNames => ["weights folder without a network", "negative iterations", "missing EDI folder", "out is a file",
        "unknown measure", "static shifts under the impedance measure", "negative impedance floor"];

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void Bad_input_gives_one_line_and_writes_nothing(string caseName)
    {
        string edi = caseName == "missing EDI folder" ? _folder.File("no-such-folder") : EdiFolder();
        string output = caseName == "out is a file" ? _folder.Write("out.txt", "x") : _folder.File("out");
        string weights = Directory.CreateDirectory(_folder.File("empty-weights")).FullName;
        List<string> args = ["field", "--edi", edi, "--out", output];
        if (caseName == "weights folder without a network") args.AddRange(["--weights", weights]);
        if (caseName == "negative iterations") args.AddRange(["--max-iterations", "-1"]);
        if (caseName == "unknown measure") args.AddRange(["--measure", "tipper"]);
        if (caseName == "static shifts under the impedance measure") args.AddRange(["--measure", "impedance", "--static-shifts", "estimate"]);
        if (caseName == "negative impedance floor") args.AddRange(["--impedance-floor", "-0.1"]);

        var (code, stdout, stderr) = Run([.. args]);

        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mt field: error: ", line);
        Assert.Contains(caseName switch
        {
            "weights folder without a network" => "holds no trained network (model-card.json); train first (./build.sh Train --experiment paper)",
            "negative iterations" => "--max-iterations: -1 must be >= 0",
            "missing EDI folder" => "does not exist",
            "unknown measure" => "--measure: 'tipper' is not rho-phase or impedance",
            "static shifts under the impedance measure" => "--static-shifts estimate needs --measure rho-phase",
            "negative impedance floor" => "--impedance-floor: -0.1 must be at least 0 and below 1",
            _ => "is a file",
        }, line);
        Assert.False(Directory.Exists(_folder.File("out")));
    }
}
