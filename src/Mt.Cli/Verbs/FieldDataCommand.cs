using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Edi;
using Mt.Data.Experiments;
using Mt.Data.Field;
using Mt.Data.Geology;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt field-data --edi DIR [--azimuth DEG] [--strike DEG] [--skip-bad] [--experiment EXP.json] --out DIR</c>: turns a
/// folder of EDI stations into a 2D profile (see <see cref="FieldProfile"/>) and writes into the output folder
/// <c>observed.csv</c> (response CSV with error columns, station_m = distance along the profile), <c>grid.json</c>
/// (inversion grid and uniform start, the <c>mt forward</c> model schema), <c>network-input.h5</c> (one-sample data set
/// on the network geometry, with the mask dataset <c>no_data_mask</c>), <c>profile.json</c>, <c>quality.csv</c> (the
/// quality rules' table) and <c>quality-sections.png</c> (+ <c>.csv</c>). The strike method and the quality thresholds
/// are options. Geometry, floors and start resistivity come from the experiment when given, else from the paper's settings.
/// </summary>
internal sealed class FieldDataCommand : IVerb
{
    private readonly FieldPreparation _preparation = new();

    /// <summary>Creates the verb.</summary>
    public FieldDataCommand()
    {
        Command = new Command("field-data", "Project EDI stations onto a 2D profile, rotate to strike, and write observed data, grid and network input.");
        _preparation.AddTo(Command);
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        _preparation.Run(parseResult, stdout);
        return ExitCode.Ok;
    }
}

/// <summary>What the field-data preparation made (and wrote into <see cref="OutFolder"/>).</summary>
/// <param name="OutFolder">The output folder.</param>
/// <param name="Experiment">The experiment given, or null (the paper's settings).</param>
/// <param name="ExperimentName">The experiment file's name without extension, or "paper (defaults)".</param>
/// <param name="Profile">The 2D profile.</param>
/// <param name="ProfileOptions">Azimuth, strike and error floors used.</param>
/// <param name="Grid">The inversion grid and uniform start.</param>
/// <param name="Network">The network input with its mask and offset.</param>
internal sealed record PreparedField(string OutFolder, Experiment? Experiment, string ExperimentName, FieldProfile Profile,
    FieldProfileOptions ProfileOptions, ResistivityModel Grid, NetworkInput Network);

/// <summary>
/// The options and the work of <c>mt field-data</c>, shared with <c>mt field</c>: reads the EDI folder, builds the
/// profile, the inversion grid and the network input, writes <c>observed.csv</c>, <c>grid.json</c>,
/// <c>network-input.h5</c> and <c>profile.json</c> into <c>--out</c> and reports on stdout.
/// </summary>
internal sealed class FieldPreparation
{
    /// <summary>The files written into the output folder.</summary>
    public const string ObservedFile = "observed.csv", GridFile = "grid.json", NetworkFile = "network-input.h5", ProfileFile = "profile.json",
        QualityFile = "quality.csv", QualityFigureFile = "quality-sections.png";

    private readonly Option<string> _edi = new("--edi") { HelpName = "DIR", Description = "Folder of EDI files (one station each).", Required = true };

    private readonly Option<string> _azimuth = new("--azimuth")
    {
        HelpName = "DEG",
        Description = "Profile azimuth in degrees clockwise from north (default: fitted to the stations by total least squares).",
    };

    private readonly Option<string> _strike = new("--strike")
    {
        HelpName = "DEG",
        Description = "Strike in degrees clockwise from north (default: estimated from the impedances).",
    };

    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "Go on with the good files when some cannot be read." };

    private readonly Option<string> _strikeMethod = new("--strike-method")
    {
        HelpName = "phase-tensor|swift",
        Description = "How the strike is estimated when --strike is not given (default phase-tensor).",
    };

    private readonly Option<string> _maxSkew = new("--max-skew")
    {
        HelpName = "DEG",
        Description = "Largest phase-tensor |beta| of 2D data; larger is masked as 3D (default 5).",
    };

    private readonly Option<string> _maxErrorToValue = new("--max-error-to-value")
    {
        HelpName = "R",
        Description = "Largest |dZ|/|Z| kept (default 0.3).",
    };

    private readonly Option<string> _phaseRange = new("--phase-range")
    {
        HelpName = "MIN,MAX",
        Description = "Phases (degrees, after rotation) kept (default 0,90; third-quadrant phases are always masked).",
    };

    private readonly Option<bool> _noQualityMask = new("--no-quality-mask") { Description = "Report the quality rules' findings but mask nothing." };

    private readonly Option<string> _experiment = new("--experiment")
    {
        HelpName = "EXP.json",
        Description = "Experiment whose network geometry, error floors and start resistivity to use (default: the paper's).",
    };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Output folder (created if missing).", Required = true };

    /// <summary>Name of the output option (for messages).</summary>
    public string OutName => _out.Name;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _edi, _azimuth, _strike, _strikeMethod, _maxSkew, _maxErrorToValue, _phaseRange, _noQualityMask, _skipBad, _experiment, _out })
            command.Options.Add(option);
    }

    /// <summary>The output folder and the experiment (null: the paper's settings) of a command line, checked, before
    /// any work is done.</summary>
    public (string OutFolder, Experiment? Experiment, string? ExperimentPath) Check(ParseResult parseResult)
    {
        string outFolder = parseResult.GetRequiredValue(_out);
        if (string.IsNullOrWhiteSpace(outFolder)) throw new UsageException($"{_out.Name}: empty folder name");
        if (File.Exists(outFolder)) throw new UsageException($"{_out.Name}: {outFolder} is a file, expected a folder");
        string? experimentPath = parseResult.GetValue(_experiment);
        return (outFolder, experimentPath is null ? null : OptionValues.Experiment(experimentPath), experimentPath);
    }

    /// <summary>Prepares the field line of the command line, writes its files and reports.</summary>
    public PreparedField Run(ParseResult parseResult, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        string ediFolder = parseResult.GetRequiredValue(_edi);
        double? azimuth = Angle(parseResult.GetValue(_azimuth), _azimuth.Name);
        double? strike = Angle(parseResult.GetValue(_strike), _strike.Name);
        QualityRules rules = Rules(parseResult);
        StrikeMethod strikeMethod = parseResult.GetValue(_strikeMethod) switch
        {
            null or "phase-tensor" => StrikeMethod.PhaseTensor,
            "swift" => StrikeMethod.Swift,
            string other => throw new UsageException($"{_strikeMethod.Name}: \"{other}\" is not phase-tensor or swift"),
        };
        (string outFolder, Experiment? experiment, string? experimentPath) = Check(parseResult);

        ModelGrid networkGrid = experiment is null ? FieldDefaults.NetworkGrid() : ModelGrid.FromData(experiment.Data);
        var profileOptions = new FieldProfileOptions
        {
            AzimuthDeg = azimuth,
            StrikeDeg = strike,
            StrikeMethod = strikeMethod,
            Quality = rules,
            RhoAppFloorFraction = experiment?.Inversion.ErrorFloors.ApparentResistivityFraction ?? new FieldProfileOptions().RhoAppFloorFraction,
            PhaseFloorDeg = experiment?.Inversion.ErrorFloors.PhaseDeg ?? new FieldProfileOptions().PhaseFloorDeg,
        };
        var gridOptions = new InversionGridOptions
        {
            Depth = experiment?.Data.ZGrid ?? FieldDefaults.Depth,
            StartResistivityOhmM = experiment?.Inversion.HalfSpaceResistivityOhmM ?? new InversionGridOptions().StartResistivityOhmM,
        };

        IReadOnlyList<EdiFile> stations = ReadStations(ediFolder, parseResult.GetValue(_skipBad), stdout);
        FieldProfile profile;
        try
        {
            profile = FieldProfile.Build(stations, profileOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new UsageException($"{_edi.Name}: {ex.Message}");
        }
        if (profile.DataCount == 0) throw new UsageException($"{_edi.Name}: no usable impedance in {ediFolder}");
        var (longestPeriod, meanRho) = InversionGrid.LongPeriodResistivity(profile.ToResponseRows());
        var grid = InversionGrid.Build(profile.DistancesM, gridOptions with { LongestPeriodS = longestPeriod, MeanResistivityOhmM = meanRho });
        string experimentName = experimentPath is null ? "paper (defaults)" : Path.GetFileNameWithoutExtension(experimentPath);
        NetworkInput network = NetworkResampler.Resample(profile, networkGrid, experimentName, CodeVersion.Current,
            new Dictionary<string, string> { ["field_source"] = Path.GetFullPath(ediFolder), ["mask_dataset"] = FieldProfileJson.MaskDatasetName });

        try
        {
            Directory.CreateDirectory(outFolder);
            ResponseCsv.Write(Path.Combine(outFolder, ObservedFile), profile.ToResponseRows());
            ModelFile.Write(Path.Combine(outFolder, GridFile), grid);
            DataSetFile.Write(Path.Combine(outFolder, NetworkFile), network.Data,
                extraDatasets: new Dictionary<string, Array> { [FieldProfileJson.MaskDatasetName] = network.MaskAsDataset() });
            FieldProfileJson.Write(Path.Combine(outFolder, ProfileFile), profile, network, Path.GetFullPath(ediFolder));
            FieldQualityCsv.Write(Path.Combine(outFolder, QualityFile), profile);
            FieldQualityFigure.Draw(Path.Combine(outFolder, QualityFigureFile), profile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{_out.Name}: cannot write into {outFolder}: {ex.Message}");
        }

        Report(stdout, profile, network, grid.Ny, clock.Elapsed.TotalSeconds, outFolder);
        return new PreparedField(outFolder, experiment, experimentName, profile, profileOptions, grid, network);
    }

    private IReadOnlyList<EdiFile> ReadStations(string folder, bool skipBad, TextWriter stdout)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder)) throw new UsageException($"{_edi.Name}: folder {folder} does not exist");
        EdiFolderReadResult read;
        try
        {
            read = EdiFile.ReadFolder(folder, skipBad);
        }
        catch (EdiFolderException ex)
        {
            throw new UsageException($"{_edi.Name}: {ex.Message} (give {_skipBad.Name} to go on with the good files)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{_edi.Name}: cannot read {folder}: {ex.Message}");
        }
        int total = read.Files.Count + read.Problems.Count;
        if (total == 0) throw new UsageException($"{_edi.Name}: no .edi files in {folder}");
        if (read.Files.Count == 0)
            throw new UsageException($"{_edi.Name}: none of the {total} EDI files in {folder} could be read; first: {read.Problems[0].Message}");
        foreach (EdiFormatException problem in read.Problems) stdout.WriteLine($"skipped {problem.Message}");
        return read.Files;
    }

    /// <summary>The quality rules of the command line (defaults for what is not given).</summary>
    private QualityRules Rules(ParseResult parseResult)
    {
        var rules = new QualityRules();
        if (parseResult.GetValue(_maxSkew) is string skew)
            rules = rules with { MaxSkewDeg = Positive(skew, _maxSkew.Name, "a number of degrees >= 0", allowZero: true) };
        if (parseResult.GetValue(_maxErrorToValue) is string ratio)
            rules = rules with { MaxErrorToValue = Positive(ratio, _maxErrorToValue.Name, "a ratio > 0", allowZero: false) };
        if (parseResult.GetValue(_phaseRange) is string range)
        {
            string[] parts = range.Split(',');
            if (parts.Length != 2 || !InvariantNumber.TryParseFinite(parts[0].Trim(), out double min) || !InvariantNumber.TryParseFinite(parts[1].Trim(), out double max) || !(min < max))
                throw new UsageException($"{_phaseRange.Name}: \"{range}\" is not MIN,MAX in degrees with MIN < MAX");
            rules = rules with { MinPhaseDeg = min, MaxPhaseDeg = max };
        }
        return rules with { Apply = !parseResult.GetValue(_noQualityMask) };
    }

    private static double Positive(string text, string option, string what, bool allowZero) =>
        InvariantNumber.TryParseFinite(text, out double value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new UsageException($"{option}: \"{text}\" is not {what}");

    private static double? Angle(string? text, string option)
    {
        if (text is null) return null;
        return InvariantNumber.TryParseFinite(text, out double value) ? value : throw new UsageException($"{option}: \"{text}\" is not a number of degrees");
    }

    private static void Report(TextWriter w, FieldProfile p, NetworkInput network, int gridColumns, double seconds, string outFolder)
    {
        string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);
        w.WriteLine($"{p.Stations.Count} stations, {p.FrequenciesHz.Length} frequencies ({F(p.FrequenciesHz[0], "G4")} to {F(p.FrequenciesHz[^1], "G4")} Hz)");
        w.WriteLine($"profile: azimuth {F(p.Line.AzimuthDeg)} deg ({(p.Line.Fitted ? "fitted" : "given")}), length {F(p.LengthM / 1000)} km, " +
                    $"offsets {F(p.Stations.Min(s => s.OffsetM) / 1000)} to {F(p.Stations.Max(s => s.OffsetM) / 1000)} km");
        w.WriteLine(p.Strike is { } e
            ? $"strike: {F(p.StrikeDeg)} deg (estimated; spread {F(e.StationSpreadDeg)} deg over stations, {F(e.DatumSpreadDeg)} deg over tensors, diagonal power {F(e.DiagonalFraction, "F3")})"
            : $"strike: {F(p.StrikeDeg)} deg (given)");
        foreach (StrikeEstimate x in p.StrikeEstimates)
            w.WriteLine($"  {(x.Method == StrikeMethod.PhaseTensor ? "phase tensor" : "Swift")}: {F(x.StrikeDeg)} deg (or {F(x.Ambiguity.AlternativeDeg)}, " +
                        $"ambiguity resolved by {(x.Ambiguity.ResolvedBy == StrikeAmbiguityResolution.InductionArrows ? "induction arrows" : "profile geometry")}), " +
                        $"spread {F(x.StationSpreadDeg)} deg over stations, bands " + string.Join(" ", x.Bands.Select(b => $"{b.MinPeriodS:G2}-{b.MaxPeriodS:G2}s:{F(b.StrikeDeg, "F0")}")));
        FieldQuality q = p.Quality;
        w.WriteLine($"quality: {q.MaskedCount} of {q.Total} masked{(q.Rules.Apply ? "" : " (reported only, none masked)")}: " +
                    string.Join(", ", FieldQuality.MaskingReasons.Select(r => $"{FieldQuality.Name(r)} {q.Count(r)}")));
        foreach (PhaseConventionCheck c in q.Conventions.Where(c => c.Verdict != PhaseConventionVerdict.Consistent))
            w.WriteLine($"warning: {(c.Station is int s ? p.Stations[s].Name : "the line")} {c.Mode}: {c.QuadrantCounts[c.Verdict == PhaseConventionVerdict.ThirdQuadrant ? 2 : 3]} of " +
                        $"{c.QuadrantCounts.Sum()} phases in the {(c.Verdict == PhaseConventionVerdict.ThirdQuadrant ? "third quadrant (sign convention or mode assignment)" : "fourth quadrant (time convention?)")}");
        w.WriteLine($"data: {p.DataCount} kept (TE {p.Stations.Sum(s => s.TeCount)}, TM {p.Stations.Sum(s => s.TmCount)}), {p.DroppedCount} dropped");
        w.WriteLine($"network input: profile at {F((p.Stations[0].DistanceM + network.OffsetM) / 1000)} to {F((p.Stations[^1].DistanceM + network.OffsetM) / 1000)} km, " +
                    $"masked TE {F(100 * network.MaskFraction(0))} %, TM {F(100 * network.MaskFraction(1))} %");
        w.WriteLine($"wrote {outFolder}: {ObservedFile}, {GridFile} ({gridColumns} columns), {NetworkFile}, {ProfileFile}, {QualityFile}, {QualityFigureFile} in {F(seconds, "F2")} s");
    }
}
