using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Field;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;
using Mt.Inversion;
using Mt.Learning.Training;
using Mt.Reporting;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt field --edi DIR [--azimuth DEG] [--strike DEG] [--skip-bad] [--experiment EXP.json] [--weights DIR]
/// [--max-iterations N] --out DIR</c>: the inversion of a real line. Prepares the line as <c>mt field-data</c> does (its
/// files in DIR), inverts the observed data by NLCG from the experiment's half-space (<c>nlcg-halfspace/</c>), predicts
/// the network input with the trained U-Net (<c>network-prediction.h5</c>), maps the prediction onto the line's
/// inversion grid (<c>network-model.json</c>, its response <c>network-response.csv</c>), inverts from it
/// (<c>nlcg-hybrid/</c>), and writes <c>summary.json</c> and the figure <c>field.png</c> (+ <c>.csv</c>). Without
/// <c>--weights</c> the weights are looked for in <c>results/EXPERIMENT/weights</c>; when they are absent there the
/// network and hybrid are skipped with a message (a given <c>--weights</c> that holds no trained network is an error).
/// </summary>
internal sealed class FieldCommand : IVerb
{
    /// <summary>Files and folders written besides those of <c>mt field-data</c>.</summary>
    public const string HalfSpaceFolder = "nlcg-halfspace", HybridFolder = "nlcg-hybrid", PredictionFile = "network-prediction.h5",
        NetworkModelFile = "network-model.json", NetworkResponseFile = "network-response.csv", SummaryFile = "summary.json", FigureFile = "field.png";

    private readonly FieldPreparation _preparation = new();

    private readonly Option<string> _weights = new("--weights")
    {
        HelpName = "DIR",
        Description = "Training folder of the U-Net (default results/EXPERIMENT/weights; the network and hybrid are skipped when that is absent).",
    };

    private readonly Option<int?> _maxIterations = new("--max-iterations") { HelpName = "N", Description = "Largest number of NLCG iterations (default: the experiment's)." };

    private readonly Option<string> _measure = new("--measure")
    {
        HelpName = "rho-phase|impedance",
        Description = "The misfit NLCG minimises: log10 apparent resistivity and phase under their errors (default), or the real and imaginary " +
                      "parts of the impedance under |Z|-relative errors (ModEM's measure). The summary reports the RMS in both.",
    };

    private readonly Option<double?> _impedanceFloor = new("--impedance-floor")
    {
        HelpName = "FRACTION",
        Description = "Error floor on the impedance, as a fraction of |Z| (default 0.05: 10 % in apparent resistivity, 2.9 degrees in phase); " +
                      "it raises the errors left by the apparent-resistivity and phase floors; 0 for none.",
    };

    private readonly Option<string> _impedanceFloorOf = new("--impedance-floor-of")
    {
        HelpName = "component|geometric-mean",
        Description = "What the impedance floor is a fraction of: each mode's own |Z| (default) or sqrt(|Zxy Zyx|), the same for both modes.",
    };

    private readonly Option<string> _staticShifts = new("--static-shifts")
    {
        HelpName = "none|estimate",
        Description = "Estimate one static shift per station and mode with the model (log10 prior 0.5 damping it toward none; rho-phase " +
                      "measure only), or none (default). The shifts and the fit without them are in the summary.",
    };

    /// <summary>Creates the verb.</summary>
    public FieldCommand()
    {
        Command = new Command("field", "Invert a real MT line: NLCG from a half-space, the U-Net's prediction, and NLCG from the prediction (hybrid).");
        _preparation.AddTo(Command);
        Command.Options.Add(_weights);
        Command.Options.Add(_maxIterations);
        Command.Options.Add(_measure);
        Command.Options.Add(_impedanceFloor);
        Command.Options.Add(_impedanceFloorOf);
        Command.Options.Add(_staticShifts);
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        (_, var experiment, string? experimentPath) = _preparation.Check(parseResult);
        string experimentName = experimentPath is null ? "paper" : Path.GetFileNameWithoutExtension(experimentPath);
        var inversion = experiment?.Inversion;
        int maxIterations = parseResult.GetValue(_maxIterations) ?? inversion?.MaxIterations ?? new NlcgOptions().MaxIterations;
        if (maxIterations < 0) throw new UsageException($"{_maxIterations.Name}: {maxIterations} must be >= 0");
        (string? weights, string? skipped) = Weights(parseResult.GetValue(_weights), experimentName);
        MisfitMeasure measure = parseResult.GetValue(_measure) switch
        {
            null or "rho-phase" => MisfitMeasure.RhoPhase,
            "impedance" => MisfitMeasure.Impedance,
            var other => throw new UsageException($"{_measure.Name}: '{other}' is not rho-phase or impedance"),
        };
        bool shifts = parseResult.GetValue(_staticShifts) switch
        {
            null or "none" => false,
            "estimate" => true,
            var other => throw new UsageException($"{_staticShifts.Name}: '{other}' is not none or estimate"),
        };
        if (shifts && measure != MisfitMeasure.RhoPhase)
            throw new UsageException($"{_staticShifts.Name} estimate needs {_measure.Name} rho-phase (the shifts are of log10 apparent resistivity)");
        double floorFraction = parseResult.GetValue(_impedanceFloor) ?? ImpedanceErrorFloor.Default.Fraction;
        if (!(floorFraction >= 0) || !(floorFraction < 1)) throw new UsageException($"{_impedanceFloor.Name}: {floorFraction} must be at least 0 and below 1");
        var basis = parseResult.GetValue(_impedanceFloorOf) switch
        {
            null or "component" => ImpedanceFloorBasis.Component,
            "geometric-mean" => ImpedanceFloorBasis.OffDiagonalGeometricMean,
            var other => throw new UsageException($"{_impedanceFloorOf.Name}: '{other}' is not component or geometric-mean"),
        };
        ImpedanceErrorFloor? impedanceFloor = floorFraction > 0 ? new ImpedanceErrorFloor(floorFraction, basis) : null;
        var options = (inversion is null ? new NlcgOptions { MaxIterations = maxIterations } : NlcgOptions.From(inversion, maxIterations))
            with { Measure = measure, EstimateStaticShifts = shifts };

        PreparedField field = _preparation.Run(parseResult, stdout);
        if (skipped is not null) stdout.WriteLine(skipped);
        string outFolder = field.OutFolder;
        var floors = ErrorFloors.Of(field.ProfileOptions.RhoAppFloorFraction, field.ProfileOptions.PhaseFloorDeg);
        ObservedData data = Observations.FromRows(field.Profile.ToResponseRows(), floors);
        if (impedanceFloor is not null) data = impedanceFloor.Apply(data);
        var errorModel = new FieldErrorModel(field.ProfileOptions.RhoAppFloorFraction, field.ProfileOptions.PhaseFloorDeg, impedanceFloor, measure, shifts);
        stdout.WriteLine($"error model: {errorModel}");
        ResistivityModel start = field.Grid;

        stdout.WriteLine($"NLCG from a {start.ResistivityOhmM[0, 0]:G4} ohm-m half-space ({data.Data.Count} data, {start.Nz} x {start.Ny} cells)");
        var halfSpace = Invert(data, floors, start, options, Path.Combine(outFolder, HalfSpaceFolder), "half-space", stdout);

        MethodResult? network = null, hybrid = null;
        ResistivityModel? mapped = null;
        if (weights is not null)
        {
            (mapped, network) = PredictNetwork(field, data, weights, stdout);
            stdout.WriteLine("NLCG from the network's prediction (hybrid)");
            hybrid = Invert(data, floors, mapped, options, Path.Combine(outFolder, HybridFolder), "network prediction", stdout);
        }

        WriteSummary(Path.Combine(outFolder, SummaryFile), field, data, errorModel, weights, options, halfSpace, network, hybrid, clock.Elapsed.TotalSeconds);
        string figure = Path.Combine(outFolder, FigureFile);
        DrawFigure(figure, field, data, halfSpace, network, mapped, hybrid);
        foreach (var r in new[] { ("NLCG", halfSpace), ("network", network), ("hybrid", hybrid) })
            if (r.Item2 is { } m)
                stdout.WriteLine($"{r.Item1}: rms {m.Fit.RhoPhase:F3} (log10 rho_a and phase), {m.Fit.Impedance:F3} (impedance)" +
                                 (m.Fit.RhoPhaseShiftsRemoved is { } w ? $", {w:F3} with the static shifts removed" : ""));
        stdout.WriteLine($"RMS: NLCG {halfSpace.Rms:F3}" + (network is null ? "" : $", network {network.Rms:F3}, hybrid {hybrid!.Rms:F3}")
                         + $"; wrote {SummaryFile} and {FigureFile} in {outFolder} ({clock.Elapsed.TotalSeconds:F1} s)");
        return ExitCode.Ok;
    }

    /// <summary>The weights folder to use, or null and the message saying why the network is skipped (the default
    /// folder holds no trained network); a given folder without one is an error.</summary>
    private (string? Folder, string? Skipped) Weights(string? given, string experimentName)
    {
        string folder = given ?? Path.Combine("results", experimentName, "weights");
        if (File.Exists(Path.Combine(folder, ModelCard.FileName))) return (folder, null);
        string hint = $"train first (./build.sh Train --experiment {experimentName})";
        if (given is not null) throw new UsageException($"{_weights.Name}: {folder} holds no trained network ({ModelCard.FileName}); {hint}");
        return (null, $"no trained network in {folder}: the network and the hybrid are skipped ({hint}, or give {_weights.Name})");
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

    private static MethodResult Invert(ObservedData data, ErrorFloors floors, ResistivityModel start, NlcgOptions options, string folder, string startName, TextWriter stdout)
    {
        var inputs = new InversionInputs("the field line's observed.csv", startName, "the start model", options.TargetRms, options.InitialTradeOff,
            floors.ApparentResistivityFraction, floors.PhaseDeg);
        var (result, summary, predicted) = InversionRun.Run(data, start, start, options, folder, inputs, stdout.WriteLine);
        stdout.WriteLine($"{summary.ExitReason}: rms {summary.FinalRms:F3} after {summary.Iterations} iterations, {summary.WallTimeSeconds:F1} s; results in {folder}");
        return new MethodResult(result.Model, predicted, summary.FinalRms, summary.Iterations, summary.WallTimeSeconds,
            System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(summary.ExitReason.ToString()), DataFit.Of(data, predicted, result.Shifts));
    }

    private static (ResistivityModel Mapped, MethodResult Result) PredictNetwork(PreparedField field, ObservedData data, string weights, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        DataSet input = field.Network.Data;
        Prediction prediction;
        string inputPath = Path.Combine(field.OutFolder, FieldPreparation.NetworkFile);
        using (Predictor predictor = Predictor.Load(weights, OptionValues.Device("auto", "--device")))
        {
            try
            {
                prediction = predictor.PredictFile(input, inputPath, Path.Combine(field.OutFolder, PredictionFile), weights);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--weights: the network of {weights} does not fit the network input of the experiment: {ex.Message}");
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
        stdout.WriteLine($"network: predicted log10 resistivity {rawMin:F2} to {rawMax:F2}; {100 * clip.Fraction:F1} % of the line's cells clipped " +
                         $"into the training range {minOhmM:G4} to {maxOhmM:G4} ohm-m");
        ModelFile.Write(Path.Combine(field.OutFolder, NetworkModelFile), mapped);
        ForwardResponse response = new Simulation(data.Survey).Response(mapped);
        double[] predicted = data.Survey.DataVector(response);
        ResponseCsv.Write(Path.Combine(field.OutFolder, NetworkResponseFile), InversionFolder.ResponseRows(data.Survey, response));
        double rms = new DataMisfit(data).Rms(predicted);
        double seconds = clock.Elapsed.TotalSeconds;
        bool sameDepths = input.ZEdgesM.SequenceEqual(field.Grid.ZEdgesM);
        stdout.WriteLine($"network: predicted in {prediction.SecondsPerSample:F2} s, mapped onto the line's grid ({(sameDepths ? "same depth cells" : "depth interpolated")}), " +
                         $"rms {rms:F3} (forward engine), {seconds:F1} s");
        return (mapped, new MethodResult(mapped, predicted, rms, 0, seconds, "prediction", DataFit.Of(data, predicted, null), clip));
    }

    private static void WriteSummary(string path, PreparedField field, ObservedData data, FieldErrorModel errorModel, string? weights, NlcgOptions options,
        MethodResult halfSpace, MethodResult? network, MethodResult? hybrid, double seconds)
    {
        FieldProfile p = field.Profile;
        NetworkInput n = field.Network;
        string[] names = StationNames(field, data);
        Dictionary<string, object> Method(MethodResult r, string folder)
        {
            var method = new Dictionary<string, object>
            {
                ["data_rms"] = r.Rms,
                ["rms_rho_phase"] = r.Fit.RhoPhase,
                ["rms_impedance"] = r.Fit.Impedance,
                ["stations"] = Enumerable.Range(0, names.Length).Select(s => new Dictionary<string, object?>
                {
                    ["name"] = names[s],
                    ["distance_m"] = data.StationsM[s],
                    ["data"] = data.Data.Count(d => d.StationIndex == s),
                    ["rms_rho_phase"] = Finite(r.Fit.RhoPhaseByStation[s]),
                    ["rms_impedance"] = Finite(r.Fit.ImpedanceByStation[s]),
                    ["static_shift_log10_te"] = r.Fit.Shifts is { } sh && data.Modes.Contains(Mode.TE) ? sh.Log10(Mode.TE, s) : null,
                    ["static_shift_log10_tm"] = r.Fit.Shifts is { } sm && data.Modes.Contains(Mode.TM) ? sm.Log10(Mode.TM, s) : null,
                }).ToList(),
                ["iterations"] = r.Iterations,
                ["wall_time_seconds"] = r.Seconds,
                ["exit_reason"] = r.ExitReason,
                ["folder"] = folder,
            };
            if (r.Fit.RhoPhaseShiftsRemoved is { } removed) method["rms_rho_phase_static_shifts_removed"] = removed;
            if (r.Clip is { } c)
            {
                method["raw_log10_resistivity_range"] = new[] { c.RawMinLog10, c.RawMaxLog10 };
                method["clipped_into_ohm_m"] = new[] { c.MinOhmM, c.MaxOhmM };
                method["clipped_fraction"] = c.Fraction;
            }
            return method;
        }
        var methods = new Dictionary<string, object> { ["nlcg_halfspace"] = Method(halfSpace, HalfSpaceFolder) };
        if (network is not null) methods["network"] = Method(network, NetworkModelFile);
        if (hybrid is not null) methods["hybrid"] = Method(hybrid, HybridFolder);
        var summary = new Dictionary<string, object?>
        {
            ["experiment"] = field.ExperimentName,
            ["weights"] = weights is null ? null : Path.GetFullPath(weights),
            ["network_skipped"] = weights is null ? "no trained network: the network and the hybrid were not run" : null,
            ["stations"] = p.Stations.Count,
            ["frequencies"] = p.FrequenciesHz.Length,
            ["data"] = data.Data.Count,
            ["azimuth_deg"] = p.Line.AzimuthDeg,
            ["azimuth_source"] = p.Line.Fitted ? "fitted" : "given",
            ["strike_deg"] = p.StrikeDeg,
            ["strike_source"] = p.Strike is null ? "given" : "estimated",
            ["error_floors"] = new Dictionary<string, object?>
            {
                ["apparent_resistivity_fraction"] = errorModel.RhoAppFloorFraction,
                ["phase_deg"] = errorModel.PhaseFloorDeg,
                ["impedance_fraction"] = errorModel.ImpedanceFloor?.Fraction,
                ["impedance_fraction_of"] = errorModel.ImpedanceFloor is null ? null
                    : errorModel.ImpedanceFloor.Basis == ImpedanceFloorBasis.Component ? "component" : "geometric-mean",
            },
            ["error_model"] = errorModel.ToString(),
            ["misfit_measure"] = errorModel.Measure == MisfitMeasure.RhoPhase ? "rho-phase" : "impedance",
            ["static_shifts"] = errorModel.StaticShifts ? "estimate" : "none",
            ["mask_fraction_te"] = n.MaskFraction(0),
            ["mask_fraction_tm"] = n.MaskFraction(1),
            ["mask_fraction"] = 0.5 * (n.MaskFraction(0) + n.MaskFraction(1)),
            ["masked"] = "data: the quality rules' masked data (counts per reason in profile.json 'quality', every datum in " +
                         $"{FieldPreparation.QualityFile}) are left out of the observed data, the network input, the NLCG runs and every data RMS; " +
                         "network input: the cells [mode, frequency, station] of the network's grid outside the stations' extent along " +
                         "the profile or outside each station's measured band, or masked, hold no datum and were filled with the nearest value along frequency, " +
                         $"then along the profile (dataset {FieldProfileJson.MaskDatasetName} of {FieldPreparation.NetworkFile})",
            ["quality_masked"] = field.Profile.Quality.MaskedCount,
            ["quality_kept"] = field.Profile.Quality.KeptCount,
            ["network_offset_m"] = n.OffsetM,
            ["network_mapping"] = "prediction read at profile distance + network_offset_m, log10 resistivity interpolated linearly between cell centres " +
                                  "(laterally and in depth; held beyond the outermost centres), then clipped into the training models' resistivity range " +
                                  "(the network's predictions outside it are extrapolations)",
            ["data_rms"] = "normalised RMS of log10 apparent resistivity and phase, TE and TM, against the observed data under their errors " +
                           "(forward engine on its own meshes); rms_impedance: of the real and imaginary parts of the impedance under |Z|-relative " +
                           "errors equivalent to those errors; per station under 'stations'",
            ["max_iterations"] = options.MaxIterations,
            ["target_rms"] = options.TargetRms,
            ["methods"] = methods,
            ["wall_time_seconds"] = seconds,
        };
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true })));
    }

    /// <summary>The data's stations are the profile's distances, sorted; the names follow that order.</summary>
    private static string[] StationNames(PreparedField field, ObservedData data) =>
        [.. data.StationsM.Select(s => field.Profile.Stations.First(st => st.DistanceM == s).Name)];

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static void DrawFigure(string path, PreparedField field, ObservedData data, MethodResult halfSpace, MethodResult? network,
        ResistivityModel? mapped, MethodResult? hybrid)
    {
        static double[,] Log10(ResistivityModel m)
        {
            var v = new double[m.Nz, m.Ny];
            for (int k = 0; k < m.Nz; k++) for (int j = 0; j < m.Ny; j++) v[k, j] = Math.Log10(m.ResistivityOhmM[k, j]);
            return v;
        }
        var sections = new List<FieldSection> { new("nlcg_halfspace", "NLCG (half-space start)", Log10(halfSpace.Model), halfSpace.Rms) };
        var fits = new List<FieldFit> { Fit("nlcg_halfspace", "NLCG", halfSpace) };
        if (network is not null && mapped is not null && hybrid is not null)
        {
            sections.Add(new("network", "network", Log10(mapped), network.Rms));
            sections.Add(new("hybrid", "hybrid (NLCG from network)", Log10(hybrid.Model), hybrid.Rms));
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
