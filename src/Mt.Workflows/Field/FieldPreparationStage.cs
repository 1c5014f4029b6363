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

namespace Mt.Workflows.Field;

/// <summary>What the preparation of a field line is given (checked by the caller, e.g. <c>mt field-data</c>).</summary>
/// <param name="EdiFolder">Folder of EDI files (one station each).</param>
/// <param name="AzimuthDeg">Profile azimuth, degrees clockwise from north, or null: fitted to the stations.</param>
/// <param name="StrikeDeg">Strike, degrees clockwise from north, or null: estimated by <paramref name="StrikeMethod"/>.</param>
/// <param name="StrikeMethod">How the strike is estimated when it is not given.</param>
/// <param name="QualityRules">The quality rules (thresholds and whether they mask).</param>
/// <param name="SkipBad">Go on with the good files when some cannot be read.</param>
/// <param name="Experiment">The experiment whose geometry, floors and start resistivity to use, or null: the paper's settings.</param>
/// <param name="ExperimentPath">The experiment's file (its name without extension names the network input), or null.</param>
/// <param name="OutFolder">The output folder (created if missing).</param>
public sealed record FieldPreparationOptions(string EdiFolder, double? AzimuthDeg, double? StrikeDeg, StrikeMethod StrikeMethod,
    QualityRules QualityRules, bool SkipBad, Experiment? Experiment, string? ExperimentPath, string OutFolder);

/// <summary>What the field-data preparation made (and wrote into <see cref="OutFolder"/>).</summary>
/// <param name="OutFolder">The output folder.</param>
/// <param name="Experiment">The experiment given, or null (the paper's settings).</param>
/// <param name="ExperimentName">The experiment file's name without extension, or "paper (defaults)".</param>
/// <param name="Profile">The 2D profile.</param>
/// <param name="ProfileOptions">Azimuth, strike and error floors used.</param>
/// <param name="Grid">The inversion grid and uniform start.</param>
/// <param name="Network">The network input with its mask and offset.</param>
public sealed record PreparedField(string OutFolder, Experiment? Experiment, string ExperimentName, FieldProfile Profile,
    FieldProfileOptions ProfileOptions, ResistivityModel Grid, NetworkInput Network);

/// <summary>
/// The preparation of a field line (<c>mt field-data</c>, and the first part of <c>mt field</c>): reads the EDI folder,
/// builds the profile (see <see cref="FieldProfile"/>), the inversion grid and the network input, writes
/// <c>observed.csv</c>, <c>grid.json</c>, <c>network-input.h5</c>, <c>profile.json</c>, <c>quality.csv</c> and
/// <c>quality-sections.png</c> into the output folder and reports on the log. Input the user can correct throws
/// <see cref="FieldInputException"/>.
/// </summary>
public static class FieldPreparationStage
{
    /// <summary>The files written into the output folder.</summary>
    public const string ObservedFile = "observed.csv", GridFile = "grid.json", NetworkFile = "network-input.h5", ProfileFile = "profile.json",
        QualityFile = "quality.csv", QualityFigureFile = "quality-sections.png";

    /// <summary>Prepares the field line of <paramref name="options"/>, writes its files and reports on <paramref name="log"/>.</summary>
    public static PreparedField Run(FieldPreparationOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        (string ediFolder, string outFolder, Experiment? experiment) = (options.EdiFolder, options.OutFolder, options.Experiment);
        ModelGrid networkGrid = experiment is null ? FieldDefaults.NetworkGrid() : ModelGrid.FromData(experiment.Data);
        var profileOptions = new FieldProfileOptions
        {
            AzimuthDeg = options.AzimuthDeg,
            StrikeDeg = options.StrikeDeg,
            StrikeMethod = options.StrikeMethod,
            Quality = options.QualityRules,
            RhoAppFloorFraction = experiment?.Inversion.ErrorFloors.ApparentResistivityFraction ?? new FieldProfileOptions().RhoAppFloorFraction,
            PhaseFloorDeg = experiment?.Inversion.ErrorFloors.PhaseDeg ?? new FieldProfileOptions().PhaseFloorDeg,
        };
        var gridOptions = new InversionGridOptions
        {
            Depth = experiment?.Data.ZGrid ?? FieldDefaults.Depth,
            StartResistivityOhmM = experiment?.Inversion.HalfSpaceResistivityOhmM ?? new InversionGridOptions().StartResistivityOhmM,
        };

        IReadOnlyList<EdiFile> stations = ReadStations(ediFolder, options.SkipBad, log);
        FieldProfile profile;
        try
        {
            profile = FieldProfile.Build(stations, profileOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new FieldInputException("edi", ex.Message);
        }
        if (profile.DataCount == 0) throw new FieldInputException("edi", $"no usable impedance in {ediFolder}");
        var (longestPeriod, meanRho) = InversionGrid.LongPeriodResistivity(profile.ToResponseRows());
        var grid = InversionGrid.Build(profile.DistancesM, gridOptions with { LongestPeriodS = longestPeriod, MeanResistivityOhmM = meanRho });
        string experimentName = options.ExperimentPath is null ? "paper (defaults)" : Path.GetFileNameWithoutExtension(options.ExperimentPath);
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
            throw new FieldInputException("out", $"cannot write into {outFolder}: {ex.Message}");
        }

        Report(log, profile, network, grid.Ny, clock.Elapsed.TotalSeconds, outFolder);
        return new PreparedField(outFolder, experiment, experimentName, profile, profileOptions, grid, network);
    }

    private static IReadOnlyList<EdiFile> ReadStations(string folder, bool skipBad, TextWriter log)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder)) throw new FieldInputException("edi", $"folder {folder} does not exist");
        EdiFolderReadResult read;
        try
        {
            read = EdiFile.ReadFolder(folder, skipBad);
        }
        catch (EdiFolderException ex)
        {
            throw new FieldInputException("edi", $"{ex.Message} (give --skip-bad to go on with the good files)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FieldInputException("edi", $"cannot read {folder}: {ex.Message}");
        }
        int total = read.Files.Count + read.Problems.Count;
        if (total == 0) throw new FieldInputException("edi", $"no .edi files in {folder}");
        if (read.Files.Count == 0)
            throw new FieldInputException("edi", $"none of the {total} EDI files in {folder} could be read; first: {read.Problems[0].Message}");
        foreach (EdiFormatException problem in read.Problems) log.WriteLine($"skipped {problem.Message}");
        return read.Files;
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
