using System.Numerics;
using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Data.Geology;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Cli.Tests;

/// <summary><c>mt field-data</c> on synthetic EDI stations of a 2D earth with a known strike.</summary>
public sealed class FieldDataCommandTests : IDisposable
{
    private const double StrikeDeg = 100;
    private static readonly double[] Frequencies = [300, 30, 3, 0.3, 0.03, 0.003];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    /// <summary>Four stations roughly along azimuth 10 degrees, each a 2D tensor (TE != TM) rotated from strike 100 degrees
    /// into north-east axes. Every component has the variance (0.1 |Z_TM|)^2, which rotation keeps: TM errors are 10 %
    /// of |Z|, TE errors 10 % of |Z_TM|.</summary>
    private string EdiFolder(int stations = 4)
    {
        string folder = Path.Combine(_folder.Path, "edi");
        Directory.CreateDirectory(folder);
        for (int s = 0; s < stations; s++)
        {
            double lat = -24 + 0.2 * s, lon = 117 + 0.035 * s + (s % 2 == 0 ? 0.005 : -0.005);
            var tensors = Frequencies.Select(f =>
            {
                Complex te = Layered1D.HalfSpace(100 + 20 * s).SurfaceImpedance(f), tm = -Layered1D.HalfSpace(30).SurfaceImpedance(f);
                return new ImpedanceTensor(Complex.Zero, te, tm, Complex.Zero).Rotate(-StrikeDeg);
            }).ToArray();
            EdiImpedanceComponent C(Func<ImpedanceTensor, Complex> component) => EdiImpedanceComponent.FromOhm([.. tensors.Select(component)],
                [.. Frequencies.Select(f => 0.01 * Math.Pow(Layered1D.HalfSpace(30).SurfaceImpedance(f).Magnitude, 2))]);
            EdiFile.Create($"S{s}", new EdiCoordinates(lat, lon, 0), Frequencies, C(t => t.Xx), C(t => t.Xy), C(t => t.Yx), C(t => t.Yy)).Write(Path.Combine(folder, $"s{s}.edi"));
        }
        return folder;
    }

    [Fact]
    public void Writes_observed_data_grid_network_input_and_profile_with_the_estimated_strike()
    {
        string edi = EdiFolder(), output = Path.Combine(_folder.Path, "out", "nested");

        var (code, stdout, stderr) = Run("field-data", "--edi", edi, "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        Assert.Contains("strike: 100.0 deg (estimated", stdout);
        Assert.Equal(["grid.json", "network-input.h5", "observed.csv", "profile.json", "quality-sections.csv", "quality-sections.png", "quality.csv"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var rows = ResponseCsv.Read(Path.Combine(output, "observed.csv"));
        Assert.Equal(2 * 4 * Frequencies.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal(45, r.PhaseDeg, 6));
        Assert.All(rows.Where(r => r.Mode == Mode.TM), r => Assert.Equal(30, r.RhoAppOhmM, 6));
        Assert.All(rows.Where(r => r.Mode == Mode.TM), r => Assert.Equal(0.2 * r.RhoAppOhmM, r.RhoAppErrOhmM!.Value, 6));
        Assert.All(rows.Where(r => r.Mode == Mode.TM), r => Assert.Equal(0.1 * 180 / Math.PI, r.PhaseErrDeg!.Value, 6));
        Assert.All(rows.Where(r => r.Mode == Mode.TE), r => Assert.Equal(0.2 * Math.Sqrt(30 / r.RhoAppOhmM) * r.RhoAppOhmM, r.RhoAppErrOhmM!.Value, 6));
        Assert.Equal(0, rows[0].StationM);

        var grid = ModelFile.Read(Path.Combine(output, "grid.json"));
        Assert.Equal(60, grid.Nz);
        Assert.InRange(grid.YEdgesM[0], double.MinValue, 0);
        Assert.InRange(grid.YEdgesM[^1], rows.Max(r => r.StationM), double.MaxValue);

        var data = DataSetFile.Read(Path.Combine(output, "network-input.h5"));
        Assert.Equal((1, 60, 121, 60, 121), (data.Count, data.Nf, data.Ns, data.Nz, data.Ny));
        var mask = DataSetFile.ReadExtra<double[,,,]>(Path.Combine(output, "network-input.h5"), "no_data_mask");
        Assert.Equal(2 * 60 * 121, mask.Length);

        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "profile.json")));
        var root = profile.RootElement;
        Assert.Equal(StrikeDeg, root.GetProperty("strike_deg").GetDouble(), 6);
        Assert.Equal("estimated", root.GetProperty("strike_source").GetString());
        Assert.Equal(4, root.GetProperty("stations").GetArrayLength());
        Assert.Equal(Frequencies.Length, root.GetProperty("stations")[0].GetProperty("te_count").GetInt32());
        double fraction = root.GetProperty("network").GetProperty("mask_fraction_te").GetDouble();
        Assert.Equal(mask.Cast<double>().Take(60 * 121).Average(), fraction, 12);
        Assert.InRange(fraction, 0.9, 1.0); // 67 km of 600 and 5 of 7 decades
        Assert.Contains("transverse Mercator", root.GetProperty("projection").GetString());
    }

    [Fact]
    public void Given_azimuth_and_strike_are_used_and_reported()
    {
        string output = _folder.File("out");

        var (code, _, stderr) = Run("field-data", "--edi", EdiFolder(), "--azimuth", "15", "--strike", "-80", "--out", output);

        Assert.True(code == 0, stderr);
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "profile.json")));
        Assert.Equal(15, profile.RootElement.GetProperty("azimuth_deg").GetDouble());
        Assert.Equal("given", profile.RootElement.GetProperty("azimuth_source").GetString());
        Assert.Equal(100, profile.RootElement.GetProperty("strike_deg").GetDouble(), 9);
        Assert.Equal("given", profile.RootElement.GetProperty("strike_source").GetString());
        Assert.False(profile.RootElement.TryGetProperty("strike_estimate", out _));
    }

    [Fact]
    public void Skip_bad_goes_on_with_the_good_files_and_says_which_it_skipped()
    {
        string edi = EdiFolder(3);
        File.WriteAllText(Path.Combine(edi, "broken.edi"), ">HEAD\n DATAID=\"X\"\n");
        string output = _folder.File("out");

        var (failCode, _, failErr) = Run("field-data", "--edi", edi, "--out", output);
        var (code, stdout, stderr) = Run("field-data", "--edi", edi, "--skip-bad", "--out", output);

        Assert.Equal(ExitCode.BadInput, failCode);
        Assert.Contains("--skip-bad", failErr);
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped broken.edi", stdout);
        Assert.Equal(2 * 3 * Frequencies.Length, ResponseCsv.Read(Path.Combine(output, "observed.csv")).Count);
    }

    [Fact]
    public void Quality_thresholds_are_options_and_masked_data_stay_out_of_the_observed_data()
    {
        // Station 1 gets a 3D tensor (|beta| about 7.5 degrees) at 3 Hz and a reversed TE sign at 0.03 Hz.
        string edi = EdiFolder();
        var station = EdiFile.Read(Path.Combine(edi, "s1.edi"));
        var tensors = FieldProfile.GeographicTensors(station);
        int threeHz = Array.IndexOf(Frequencies, 3), low = Array.IndexOf(Frequencies, 0.03);
        double scale = tensors[threeHz].Xy.Magnitude;
        tensors[threeHz] = new ImpedanceTensor(scale * new Complex(0.8, 0.1), scale * new Complex(2.0, 1.5), scale * new Complex(-1.1, -1.3),
            scale * new Complex(-0.3, 0.9), 0, 0, 0, 0);
        var inStrike = tensors[low].Rotate(StrikeDeg);
        tensors[low] = (inStrike with { Xy = -inStrike.Xy }).Rotate(-StrikeDeg);
        EdiImpedanceComponent C(Func<ImpedanceTensor, Complex> c) => EdiImpedanceComponent.FromOhm([.. tensors.Select(c)], new double[tensors.Length]);
        EdiFile.Create("S1", station.Position, Frequencies, C(t => t.Xx), C(t => t.Xy), C(t => t.Yx), C(t => t.Yy)).Write(Path.Combine(edi, "s1.edi"));
        string strict = _folder.File("strict"), tolerant = _folder.File("tolerant");

        var (code, stdout, stderr) = Run("field-data", "--edi", edi, "--strike", "100", "--out", strict);
        var (code2, _, stderr2) = Run("field-data", "--edi", edi, "--strike", "100", "--max-skew", "10", "--max-error-to-value", "0.5", "--phase-range", "-10,95",
            "--strike-method", "swift", "--out", tolerant);

        Assert.True(code == 0, stderr);
        Assert.True(code2 == 0, stderr2);
        Assert.Contains("quality: 3 of 48 masked: skew 2, phase_out_of_quadrant 0, phase_third_quadrant 1, error_to_value 0", stdout);
        Assert.Equal(2 * 4 * Frequencies.Length - 3, ResponseCsv.Read(Path.Combine(strict, "observed.csv")).Count);
        Assert.Equal(2 * 4 * Frequencies.Length - 1, ResponseCsv.Read(Path.Combine(tolerant, "observed.csv")).Count);
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(tolerant, "profile.json")));
        var rules = profile.RootElement.GetProperty("quality").GetProperty("rules");
        Assert.Equal((10.0, 0.5, -10.0, 95.0), (rules.GetProperty("max_skew_deg").GetDouble(), rules.GetProperty("max_error_to_value").GetDouble(),
            rules.GetProperty("min_phase_deg").GetDouble(), rules.GetProperty("max_phase_deg").GetDouble()));
        Assert.Equal("swift", profile.RootElement.GetProperty("strike_method_requested").GetString());
        string[] table = File.ReadAllLines(Path.Combine(strict, "quality.csv"));
        Assert.Equal(1 + 2 * 4 * Frequencies.Length, table.Length);
        Assert.Equal(2, table.Count(l => l.StartsWith("S1,", StringComparison.Ordinal) && l.EndsWith(",0,skew", StringComparison.Ordinal)));
    }

    public static TheoryData<string> BadCaseNames => ["missing folder", "no EDI files", "all files bad", "azimuth not a number", "out is a file", "bad experiment",
        "bad skew", "bad phase range", "bad strike method"];

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void Bad_input_gives_one_line_and_writes_nothing(string caseName)
    {
        string edi = caseName switch
        {
            "missing folder" => _folder.File("no-such-folder"),
            "no EDI files" => Directory.CreateDirectory(_folder.File("empty")).FullName,
            "all files bad" => Directory.CreateDirectory(_folder.File("bad")).FullName,
            _ => EdiFolder(),
        };
        if (caseName == "all files bad") File.WriteAllText(Path.Combine(edi, "a.edi"), "not an EDI file\n");
        string output = caseName == "out is a file" ? _folder.Write("out.txt", "x") : _folder.File("out");
        List<string> args = ["field-data", "--edi", edi, "--out", output];
        if (caseName == "all files bad") args.Add("--skip-bad");
        if (caseName == "azimuth not a number") args.AddRange(["--azimuth", "north"]);
        if (caseName == "bad experiment") args.AddRange(["--experiment", _folder.Write("exp.json", "{")]);
        if (caseName == "bad skew") args.AddRange(["--max-skew", "-1"]);
        if (caseName == "bad phase range") args.AddRange(["--phase-range", "90,0"]);
        if (caseName == "bad strike method") args.AddRange(["--strike-method", "tipper"]);

        var (code, stdout, stderr) = Run([.. args]);

        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mt field-data: error: ", line);
        string expected = caseName switch
        {
            "missing folder" => "does not exist",
            "no EDI files" => "no .edi files",
            "all files bad" => "none of the 1 EDI files",
            "azimuth not a number" => "--azimuth",
            "out is a file" => "is a file",
            "bad skew" => "--max-skew: \"-1\"",
            "bad phase range" => "--phase-range",
            "bad strike method" => "--strike-method",
            _ => "exp.json",
        };
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Fact]
    public void Network_input_on_an_experiment_grid_is_predicted_by_mt_predict_unchanged()
    {
        string experiment = TinyExperiment(_folder);
        string fieldOut = _folder.File("field"), prediction = _folder.File("pred.h5");
        var (code, _, err) = Run("field-data", "--edi", EdiFolder(), "--experiment", experiment, "--out", fieldOut);
        Assert.True(code == 0, err);
        string input = Path.Combine(fieldOut, "network-input.h5");
        var field = DataSetFile.Read(input);
        Assert.Equal((8, 12, 8, 12), (field.Nf, field.Ns, field.Nz, field.Ny));
        string weights = TrainTinyNetwork(_folder, experiment, field);

        (code, _, err) = Run("predict", "--weights", weights, "--data", input, "--out", prediction, "--device", "cpu", "--threads", "1");

        Assert.True(code == 0, err);
        var predicted = DataSetFile.Read(prediction);
        Assert.All(predicted.Log10Resistivity.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(field.Log10RhoApp, predicted.Log10RhoApp);
    }

    /// <summary>A tiny experiment (12 stations 10 km apart, 8 frequencies 1e-3 to 100 Hz, 8 depth cells to 50 km, U-Net
    /// base width 2 and depth 2, 2 epochs) extending ci.json, written into <paramref name="folder"/>.</summary>
    internal static string TinyExperiment(TempFolder folder)
    {
        string ci = GenerateCommandTests.RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        return folder.Write("tiny.json", "{\"extends\": \"" + ci + "\", \"data\": {\"stations\": {\"count\": 12, \"start_m\": 0, \"spacing_m\": 10000},"
            + " \"z_grid\": {\"cells\": 8, \"bottom_m\": 50000, \"first_thickness_m\": 500}, \"frequencies\": {\"min_hz\": 0.001, \"max_hz\": 100, \"count\": 8}},"
            + " \"network\": {\"base_width\": 2, \"depth\": 2}, \"training\": {\"epochs\": 2, \"batch_size\": 2, \"checkpoint_every\": 1}}");
    }

    /// <summary>Trains the tiny experiment's network for 2 epochs on 4 made-up samples on the geometry of
    /// <paramref name="field"/> (a network input of that experiment); returns the weights folder.</summary>
    internal static string TrainTinyNetwork(TempFolder folder, string experiment, DataSet field)
    {
        int nf = field.Nf, ns = field.Ns;
        var train = new DataSet(field.FrequenciesHz, field.StationsM, field.YEdgesM, field.ZEdgesM, new double[4, field.Nz, field.Ny],
            new double[4, 2, nf, ns], new double[4, 2, nf, ns], new DataSetAttributes("tiny", 1, DataSplit.Train, "test", "test"));
        for (int i = 0; i < 4; i++)
        {
            for (int k = 0; k < field.Nz; k++) for (int j = 0; j < field.Ny; j++) train.Log10Resistivity[i, k, j] = 1 + 0.1 * i + 0.01 * j;
            for (int f = 0; f < nf; f++) for (int s = 0; s < ns; s++)
                for (int m = 0; m < 2; m++) (train.Log10RhoApp[i, m, f, s], train.PhaseDeg[i, m, f, s]) = (1 + 0.1 * i + 0.02 * f, 40 + i + s);
        }
        string data = folder.File("train.h5"), weights = folder.File("weights");
        DataSetFile.Write(data, train);
        var (code, _, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        return weights;
    }
}
