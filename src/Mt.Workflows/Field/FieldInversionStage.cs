using System.Diagnostics;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Field;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;
using Mt.Inversion;
using Mt.Learning;
using Mt.Learning.Training;
using Mt.Reporting;

namespace Mt.Workflows.Field;

/// <summary>How a prepared field line is inverted (checked by the caller, e.g. <c>mt field</c>).</summary>
/// <param name="Weights">The U-Net's training folder, or null: the network and the hybrid are skipped.</param>
/// <param name="WeightsSkipped">The line written when <paramref name="Weights"/> is null (why they are skipped), or null.</param>
/// <param name="Nlcg">The NLCG options of both inversions; their <see cref="NlcgOptions.Measure"/> and
/// <see cref="NlcgOptions.EstimateStaticShifts"/> are the error model's too.</param>
/// <param name="ImpedanceFloor">The error floor on the impedance applied after the rho_a and phase floors, or null: none.</param>
/// <param name="StartTimestamp">The <see cref="Stopwatch.GetTimestamp"/> the run began at: the summary's wall time
/// counts from it (the preparation included).</param>
public sealed record FieldInversionOptions(string? Weights, string? WeightsSkipped, NlcgOptions Nlcg, ImpedanceErrorFloor? ImpedanceFloor,
    long StartTimestamp);

/// <summary>
/// The inversion of a prepared field line (<c>mt field</c> after <see cref="FieldPreparationStage"/>): NLCG of the
/// observed data from the experiment's half-space (<c>nlcg-halfspace/</c>); with weights the trained U-Net's prediction
/// of the network input (<c>network-prediction.h5</c>), mapped onto the line's inversion grid (<c>network-model.json</c>,
/// its response <c>network-response.csv</c>), and NLCG from it (<c>nlcg-hybrid/</c>); then <c>summary.json</c> and the
/// figure <c>field.png</c> (+ <c>.csv</c>). Weights that do not fit the network input throw <see cref="FieldInputException"/>.
/// </summary>
public static class FieldInversionStage
{
    /// <summary>Files and folders written besides those of <see cref="FieldPreparationStage"/>.</summary>
    public const string HalfSpaceFolder = "nlcg-halfspace", HybridFolder = "nlcg-hybrid", PredictionFile = "network-prediction.h5",
        NetworkModelFile = "network-model.json", NetworkResponseFile = "network-response.csv", SummaryFile = FieldSummary.FileName, FigureFile = "field.png";

    /// <summary>Inverts <paramref name="field"/> as <paramref name="options"/> say, writes the results into its output
    /// folder and reports on <paramref name="log"/>.</summary>
    public static void Run(PreparedField field, FieldInversionOptions options, TextWriter log)
    {
        (string? weights, NlcgOptions nlcg, ImpedanceErrorFloor? impedanceFloor) = (options.Weights, options.Nlcg, options.ImpedanceFloor);
        if (options.WeightsSkipped is { } skipped) log.WriteLine(skipped);
        string outFolder = field.OutFolder;
        var floors = ErrorFloors.Of(field.ProfileOptions.RhoAppFloorFraction, field.ProfileOptions.PhaseFloorDeg);
        ObservedData data = Observations.FromRows(field.Profile.ToResponseRows(), floors);
        if (impedanceFloor is not null) data = impedanceFloor.Apply(data);
        var errorModel = new FieldErrorModel(field.ProfileOptions.RhoAppFloorFraction, field.ProfileOptions.PhaseFloorDeg, impedanceFloor, nlcg.Measure,
            nlcg.EstimateStaticShifts);
        log.WriteLine($"error model: {errorModel}");
        ResistivityModel start = field.Grid;

        log.WriteLine($"NLCG from a {start.ResistivityOhmM[0, 0]:G4} ohm-m half-space ({data.Data.Count} data, {start.Nz} x {start.Ny} cells)");
        var halfSpace = Invert(data, floors, start, nlcg, Path.Combine(outFolder, HalfSpaceFolder), "half-space", log);

        MethodResult? network = null, hybrid = null;
        ResistivityModel? mapped = null;
        if (weights is not null)
        {
            (mapped, network) = PredictNetwork(field, data, weights, log);
            log.WriteLine("NLCG from the network's prediction (hybrid)");
            hybrid = Invert(data, floors, mapped, nlcg, Path.Combine(outFolder, HybridFolder), "network prediction", log);
        }

        WriteSummary(Path.Combine(outFolder, SummaryFile), field, data, errorModel, weights, nlcg, halfSpace, network, hybrid,
            Stopwatch.GetElapsedTime(options.StartTimestamp).TotalSeconds);
        string figure = Path.Combine(outFolder, FigureFile);
        DrawFigure(figure, field, data, halfSpace, network, mapped, hybrid);
        foreach (var r in new[] { ("NLCG", halfSpace), ("network", network), ("hybrid", hybrid) })
            if (r.Item2 is { } m)
                log.WriteLine($"{r.Item1}: rms {m.Fit.RhoPhase:F3} (log10 rho_a and phase), {m.Fit.Impedance:F3} (impedance)" +
                              (m.Fit.RhoPhaseShiftsRemoved is { } w ? $", {w:F3} with the static shifts removed" : ""));
        log.WriteLine($"RMS: NLCG {halfSpace.Rms:F3}" + (network is null ? "" : $", network {network.Rms:F3}, hybrid {hybrid!.Rms:F3}")
                      + $"; wrote {SummaryFile} and {FigureFile} in {outFolder} ({Stopwatch.GetElapsedTime(options.StartTimestamp).TotalSeconds:F1} s)");
    }

    /// <summary>One method's result: its model, predicted data, data RMS and how it ran.</summary>
    private sealed record MethodResult(ResistivityModel Model, double[] Predicted, double Rms, int Iterations, double Seconds, string ExitReason,
        DataFit Fit, NetworkClip? Clip = null);

    /// <summary>How the line's data errors were set and which misfit NLCG minimised.</summary>
    private sealed record FieldErrorModel(double RhoAppFloorFraction, double PhaseFloorDeg, ImpedanceErrorFloor? ImpedanceFloor, MisfitMeasure Measure, bool StaticShifts)
    {
        public override string ToString() =>
            $"errors at least {RhoAppFloorFraction * 100:G4} % of rho_a and {PhaseFloorDeg:G4} degrees" +
            (ImpedanceFloor is { } f ? $", then at least {f} (the impedance floor)" : "") +
            $"; NLCG minimises the {(Measure == MisfitMeasure.RhoPhase ? "log10 rho_a and phase" : "impedance")} misfit" +
            (StaticShifts ? ", static shifts estimated per station and mode" : "");
    }

    /// <summary>A method's data fit: RMS in both measures, per station, and with its static shifts removed.</summary>
    private sealed record DataFit(double RhoPhase, double Impedance, double[] RhoPhaseByStation, double[] ImpedanceByStation,
        double? RhoPhaseShiftsRemoved, StaticShifts? Shifts)
    {
        public static DataFit Of(ObservedData data, double[] predicted, StaticShifts? shifts) => new(
            DataMisfits.Of(data, MisfitMeasure.RhoPhase).Rms(predicted), DataMisfits.Of(data, MisfitMeasure.Impedance).Rms(predicted),
            DataMisfits.RmsByStation(data, predicted, MisfitMeasure.RhoPhase), DataMisfits.RmsByStation(data, predicted, MisfitMeasure.Impedance),
            shifts is null ? null : new DataMisfit(shifts.RemoveFrom(data)).Rms(predicted), shifts);
    }

    /// <summary>The raw range of a prediction (log10 ohm-m), the training range it was clipped into (ohm-m) and the
    /// fraction of the line's cells clipped.</summary>
    private sealed record NetworkClip(double RawMinLog10, double RawMaxLog10, double MinOhmM, double MaxOhmM, double Fraction);

    private static MethodResult Invert(ObservedData data, ErrorFloors floors, ResistivityModel start, NlcgOptions options, string folder, string startName, TextWriter log)
    {
        var inputs = new InversionInputs("the field line's observed.csv", startName, "the start model", options.TargetRms, options.InitialTradeOff,
            floors.ApparentResistivityFraction, floors.PhaseDeg);
        var (result, summary, predicted) = InversionRun.Run(data, start, start, options, folder, inputs, log.WriteLine);
        log.WriteLine($"{summary.ExitReason}: rms {summary.FinalRms:F3} after {summary.Iterations} iterations, {summary.WallTimeSeconds:F1} s; results in {folder}");
        return new MethodResult(result.Model, predicted, summary.FinalRms, summary.Iterations, summary.WallTimeSeconds,
            System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(summary.ExitReason.ToString()), DataFit.Of(data, predicted, result.Shifts));
    }

    private static (ResistivityModel Mapped, MethodResult Result) PredictNetwork(PreparedField field, ObservedData data, string weights, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        DataSet input = field.Network.Data;
        Prediction prediction;
        string inputPath = Path.Combine(field.OutFolder, FieldPreparationStage.NetworkFile);
        using (Predictor predictor = Predictor.Load(weights, TorchSettings.ResolveDevice("auto")))
        {
            try
            {
                prediction = predictor.PredictFile(input, inputPath, Path.Combine(field.OutFolder, PredictionFile), weights);
            }
            catch (ArgumentException ex)
            {
                throw new FieldInputException("weights", $"the network of {weights} does not fit the network input of the experiment: {ex.Message}");
            }
        }
        var section = new double[input.Nz, input.Ny];
        for (int k = 0; k < input.Nz; k++)
            for (int j = 0; j < input.Ny; j++) section[k, j] = prediction.Log10Resistivity[0, k, j];
        double rawMin = section.Cast<double>().Min(), rawMax = section.Cast<double>().Max();
        (double minOhmM, double maxOhmM) = field.Experiment is { } e
            ? (e.Data.Geology.ResistivityOhmM.Min, e.Data.Geology.ResistivityOhmM.Max)
            : FieldDefaults.ResistivityOhmM;
        var (mapped, clipped) = SectionMapping.Clip(
            SectionMapping.ToGrid(section, input.YEdgesM, input.ZEdgesM, field.Network.OffsetM, field.Grid), minOhmM, maxOhmM);
        var clip = new NetworkClip(rawMin, rawMax, minOhmM, maxOhmM, (double)clipped / (mapped.Nz * mapped.Ny));
        log.WriteLine($"network: predicted log10 resistivity {rawMin:F2} to {rawMax:F2}; {100 * clip.Fraction:F1} % of the line's cells clipped " +
                      $"into the training range {minOhmM:G4} to {maxOhmM:G4} ohm-m");
        ModelFile.Write(Path.Combine(field.OutFolder, NetworkModelFile), mapped);
        ForwardResponse response = new Simulation(data.Survey).Response(mapped);
        double[] predicted = data.Survey.DataVector(response);
        ResponseCsv.Write(Path.Combine(field.OutFolder, NetworkResponseFile), InversionFolder.ResponseRows(data.Survey, response));
        double rms = new DataMisfit(data).Rms(predicted);
        double seconds = clock.Elapsed.TotalSeconds;
        bool sameDepths = input.ZEdgesM.SequenceEqual(field.Grid.ZEdgesM);
        log.WriteLine($"network: predicted in {prediction.SecondsPerSample:F2} s, mapped onto the line's grid ({(sameDepths ? "same depth cells" : "depth interpolated")}), " +
                      $"rms {rms:F3} (forward engine), {seconds:F1} s");
        return (mapped, new MethodResult(mapped, predicted, rms, 0, seconds, "prediction", DataFit.Of(data, predicted, null), clip));
    }

    private static void WriteSummary(string path, PreparedField field, ObservedData data, FieldErrorModel errorModel, string? weights, NlcgOptions options,
        MethodResult halfSpace, MethodResult? network, MethodResult? hybrid, double seconds)
    {
        FieldProfile p = field.Profile;
        NetworkInput n = field.Network;
        string[] names = StationNames(field, data);
        FieldMethodSummary Method(MethodResult r, string folder) => new()
        {
            DataRms = r.Rms,
            RmsRhoPhase = r.Fit.RhoPhase,
            RmsImpedance = r.Fit.Impedance,
            RmsRhoPhaseStaticShiftsRemoved = r.Fit.RhoPhaseShiftsRemoved,
            Stations = [.. Enumerable.Range(0, names.Length).Select(s => new FieldStationFit(names[s], data.StationsM[s], data.Data.Count(d => d.StationIndex == s),
                Finite(r.Fit.RhoPhaseByStation[s]), Finite(r.Fit.ImpedanceByStation[s]),
                r.Fit.Shifts is { } sh && data.Modes.Contains(Mode.TE) ? sh.Log10(Mode.TE, s) : null,
                r.Fit.Shifts is { } sm && data.Modes.Contains(Mode.TM) ? sm.Log10(Mode.TM, s) : null))],
            Iterations = r.Iterations,
            WallTimeSeconds = r.Seconds,
            ExitReason = r.ExitReason,
            Folder = folder,
            RawLog10ResistivityRange = r.Clip is { } c ? [c.RawMinLog10, c.RawMaxLog10] : null,
            ClippedIntoOhmM = r.Clip is { } d ? [d.MinOhmM, d.MaxOhmM] : null,
            ClippedFraction = r.Clip?.Fraction,
        };
        var methods = new Dictionary<string, FieldMethodSummary> { [Mt.Data.Results.Method.NlcgHalfspace.Key()] = Method(halfSpace, HalfSpaceFolder) };
        if (network is not null) methods[Mt.Data.Results.Method.Network.Key()] = Method(network, NetworkModelFile);
        if (hybrid is not null) methods[Mt.Data.Results.Method.Hybrid.Key()] = Method(hybrid, HybridFolder);
        new FieldSummary
        {
            Experiment = field.ExperimentName,
            Weights = weights is null ? null : Path.GetFullPath(weights),
            NetworkSkipped = weights is null ? "no trained network: the network and the hybrid were not run" : null,
            Stations = p.Stations.Count,
            Frequencies = p.FrequenciesHz.Length,
            Data = data.Data.Count,
            AzimuthDeg = p.Line.AzimuthDeg,
            AzimuthSource = p.Line.Fitted ? "fitted" : "given",
            StrikeDeg = p.StrikeDeg,
            StrikeSource = p.Strike is null ? "given" : "estimated",
            ErrorFloors = new FieldErrorFloors(errorModel.RhoAppFloorFraction, errorModel.PhaseFloorDeg, errorModel.ImpedanceFloor?.Fraction,
                errorModel.ImpedanceFloor is null ? null : errorModel.ImpedanceFloor.Basis == ImpedanceFloorBasis.Component ? "component" : "geometric-mean"),
            ErrorModel = errorModel.ToString(),
            MisfitMeasure = errorModel.Measure,
            StaticShifts = errorModel.StaticShifts ? "estimate" : "none",
            MaskFractionTe = n.MaskFraction(0),
            MaskFractionTm = n.MaskFraction(1),
            MaskFraction = 0.5 * (n.MaskFraction(0) + n.MaskFraction(1)),
            Masked = "data: the quality rules' masked data (counts per reason in profile.json 'quality', every datum in " +
                     $"{FieldPreparationStage.QualityFile}) are left out of the observed data, the network input, the NLCG runs and every data RMS; " +
                     "network input: the cells [mode, frequency, station] of the network's grid outside the stations' extent along " +
                     "the profile or outside each station's measured band, or masked, hold no datum and were filled with the nearest value along frequency, " +
                     $"then along the profile (dataset {FieldProfileJson.MaskDatasetName} of {FieldPreparationStage.NetworkFile})",
            QualityMasked = field.Profile.Quality.MaskedCount,
            QualityKept = field.Profile.Quality.KeptCount,
            NetworkOffsetM = n.OffsetM,
            NetworkMapping = "prediction read at profile distance + network_offset_m, log10 resistivity interpolated linearly between cell centres " +
                             "(laterally and in depth; held beyond the outermost centres), then clipped into the training models' resistivity range " +
                             "(the network's predictions outside it are extrapolations)",
            DataRms = "normalised RMS of log10 apparent resistivity and phase, TE and TM, against the observed data under their errors " +
                      "(forward engine on its own meshes); rms_impedance: of the real and imaginary parts of the impedance under |Z|-relative " +
                      "errors equivalent to those errors; per station under 'stations'",
            MaxIterations = options.MaxIterations,
            TargetRms = options.TargetRms,
            Methods = methods,
            WallTimeSeconds = seconds,
        }.Write(path);
    }

    /// <summary>The data's stations are the profile's distances, sorted; the names follow that order.</summary>
    private static string[] StationNames(PreparedField field, ObservedData data) =>
        [.. data.StationsM.Select(s => field.Profile.Stations.First(st => st.DistanceM == s).Name)];

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static void DrawFigure(string path, PreparedField field, ObservedData data, MethodResult halfSpace, MethodResult? network,
        ResistivityModel? mapped, MethodResult? hybrid)
    {
        var sections = new List<FieldSection> { new("nlcg_halfspace", "NLCG (half-space start)", halfSpace.Model.Log10(), halfSpace.Rms) };
        var fits = new List<FieldFit> { Fit("nlcg_halfspace", "NLCG", halfSpace) };
        if (network is not null && mapped is not null && hybrid is not null)
        {
            sections.Add(new("network", "network", mapped.Log10(), network.Rms));
            sections.Add(new("hybrid", "hybrid (NLCG from network)", hybrid.Model.Log10(), hybrid.Rms));
            fits.Add(Fit("hybrid", "hybrid", hybrid));
        }
        var observed = data.Data.Select(d => new FieldDatum(d.StationIndex, d.Mode.ToString(), data.FrequenciesHz[d.FrequencyIndex], d.Log10RhoApp, d.PhaseDeg,
            d.Log10RhoAppError, d.PhaseErrorDeg)).ToList();
        string[] names = StationNames(field, data);
        var input = new FieldFigureInput(
            $"Field line ({field.Profile.Stations.Count} stations, strike {field.Profile.StrikeDeg:F0}\u00B0): recovered sections and data fit",
            field.Grid.YEdgesM, field.Grid.ZEdgesM, data.StationsM, names, sections, observed, fits, FieldFigure.SpreadStations(data.StationsM.Length));
        FieldFigure.Render(input, path);

        FieldFit Fit(string key, string label, MethodResult r) =>
            new(key, label, [.. Enumerable.Range(0, data.Data.Count).Select(i => r.Predicted[2 * i])], [.. Enumerable.Range(0, data.Data.Count).Select(i => r.Predicted[2 * i + 1])]);
    }
}
