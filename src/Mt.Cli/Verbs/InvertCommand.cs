using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Field;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Data.Results;
using Mt.Forward;
using Mt.Inversion;
using Mt.Workflows.Inversion;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt invert --observed DATA --grid GRID.json [--start halfspace:RHO | --start MODEL.json] [--target-rms R]
/// [--max-iterations N] --out DIR</c>: NLCG inversion of one data set (a response CSV, optionally with error columns,
/// or sample I of a data-set file as <c>FILE.h5#I</c>) on the grid of GRID.json, whose resistivities are the
/// reference model and the default start. DIR receives model.json, response.csv, history.csv and summary.json.
/// <c>--method network|hybrid|auto --weights DIR</c> uses a trained network on a data-set sample instead
/// (<see cref="MethodRun"/>: its prediction, NLCG from it, or the prediction when it explains the data and NLCG from it
/// otherwise), on the data set's grid; DIR then also receives method.json (path, reason, time of each part).
/// </summary>
internal sealed class InvertCommand : IVerb
{
    private static readonly NlcgOptions Defaults = new();

    private readonly Option<string> _observed = new("--observed") { HelpName = "DATA", Description = "Response CSV (mt forward format, optional error columns) or FILE.h5#INDEX.", Required = true };

    private readonly Option<string?> _grid = new("--grid") { HelpName = "GRID.json", Description = $"Inversion grid (model JSON; its resistivities are the reference and default start), or FILE.h5: a data set's grid at {FieldDefaults.HalfSpaceResistivityOhmM} ohm-m. Required for --method nlcg; the network methods use the data set's grid." };

    private readonly Option<string?> _method = new("--method") { HelpName = "nlcg|network|hybrid|auto", Description = $"nlcg (default): NLCG from --start; network: the network's prediction; hybrid: NLCG from the prediction; auto: the prediction when its data RMS is within {AutoPolicy.TargetMargin} x the target, NLCG from it otherwise." };

    private readonly Option<string?> _weights = new("--weights") { HelpName = "DIR", Description = "Training folder of the network (mt train --out), for --method network|hybrid|auto." };

    private readonly Option<string> _device = OptionValues.DeviceOption();

    private readonly Option<string?> _start = new("--start") { HelpName = "halfspace:RHO|MODEL.json", Description = "Starting model (default: the grid's resistivities)." };

    private readonly Option<double> _targetRms = new("--target-rms") { Description = $"Stop at this normalised RMS (default {Defaults.TargetRms}).", DefaultValueFactory = _ => Defaults.TargetRms };

    private readonly Option<int> _maxIterations = new("--max-iterations") { HelpName = "N", Description = $"Largest number of iterations (default {Defaults.MaxIterations}).", DefaultValueFactory = _ => Defaults.MaxIterations };

    private readonly Option<string> _modes = new("--modes") { HelpName = "TE,TM", Description = "Modes of a data-set sample to invert (default TE,TM).", DefaultValueFactory = _ => "TE,TM" };

    private readonly Option<double> _rhoFloor = OptionValues.RhoFloorOption();

    private readonly Option<double> _phaseFloor = OptionValues.PhaseFloorOption();

    private readonly Option<double> _tradeOff = new("--trade-off") { Description = $"Initial trade-off parameter (default {Defaults.InitialTradeOff}).", DefaultValueFactory = _ => Defaults.InitialTradeOff };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Folder to write (created if needed).", Required = true };

    /// <summary>Creates the verb.</summary>
    public InvertCommand()
    {
        Command = new Command("invert", "Invert MT data for a 2D resistivity model by nonlinear conjugate gradients.")
        {
            _observed, _grid, _start, _targetRms, _maxIterations, _modes, _rhoFloor, _phaseFloor, _tradeOff, _method, _weights, _device, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string observedText = parseResult.GetRequiredValue(_observed), outDir = parseResult.GetRequiredValue(_out);
        InvertMethod method = OptionValues.Choice(parseResult.GetValue(_method), _method.Name,
            ("nlcg", InvertMethod.Nlcg), ("network", InvertMethod.Network), ("hybrid", InvertMethod.Hybrid), ("auto", InvertMethod.Auto));
        var options = Defaults with
        {
            TargetRms = OptionValues.Positive(parseResult.GetValue(_targetRms), _targetRms.Name),
            MaxIterations = OptionValues.NonNegative(parseResult.GetValue(_maxIterations), _maxIterations.Name),
            InitialTradeOff = OptionValues.Positive(parseResult.GetValue(_tradeOff), _tradeOff.Name),
        };
        var floors = OptionValues.Floors(parseResult, _rhoFloor, _phaseFloor);
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        Mode[] modes = OptionValues.Modes(parseResult.GetRequiredValue(_modes), _modes.Name);

        if (method != InvertMethod.Nlcg) return RunWithNetwork(parseResult, method, observedText, modes, floors, options, outDir, stdout);
        string gridPath = parseResult.GetValue(_grid) ?? throw new UsageException($"{_grid.Name} is required for --method nlcg");
        ResistivityModel grid = ReadGrid(gridPath);
        ObservedData data = Observations.Read(observedText, modes, floors);
        OptionValues.StationsInside(data.StationsM, grid, gridPath, observedText);
        ResistivityModel start = ReadStart(parseResult.GetValue(_start), grid);

        var inputs = new InversionInputs(observedText, parseResult.GetValue(_start) ?? "grid", "the grid", options.TargetRms, options.InitialTradeOff,
            floors.ApparentResistivityFraction, floors.PhaseDeg) { Grid = gridPath };
        var (_, summary, _) = InversionRun.Run(data, start, grid, options, outDir, inputs, stdout.WriteLine);
        stdout.WriteLine($"{summary.ExitReason}: rms {summary.FinalRms:F3} (forward engine) after {summary.Iterations} iterations, {summary.WallTimeSeconds:F1} s; results in {outDir}");
        return ExitCode.Ok;
    }

    /// <summary>The network methods on sample I of a data set (<c>FILE.h5#I</c>), on its grid.</summary>
    private int RunWithNetwork(ParseResult parseResult, InvertMethod method, string observedText, Mode[] modes, ErrorFloors floors,
        NlcgOptions options, string outDir, TextWriter stdout)
    {
        string name = method.ToString().ToLowerInvariant();
        string weights = parseResult.GetValue(_weights) ?? throw new UsageException($"--method {name} needs {_weights.Name} DIR (a training folder)");
        if (parseResult.GetValue(_start) is not null) throw new UsageException($"{_start.Name}: --method {name} starts from the network's prediction");
        var (set, index) = Observations.ReadSample(observedText)
            ?? throw new UsageException($"{_observed.Name}: --method {name} needs a data-set sample FILE.h5#INDEX (the network's input), not {observedText}");
        if (parseResult.GetValue(_grid) is string gridPath)
        {
            ResistivityModel grid = ReadGrid(gridPath);
            if (!grid.YEdgesM.SequenceEqual(set.YEdgesM) || !grid.ZEdgesM.SequenceEqual(set.ZEdgesM))
                throw new UsageException($"{_grid.Name}: {gridPath} is not the grid of {observedText}, on which the network predicts");
        }
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        OptionValues.RequireTrainedNetwork(weights, _weights.Name);
        ObservedData data = Observations.FromSample(set, index, modes, floors);

        var inputs = new InversionInputs(observedText, "network", "the network's prediction", options.TargetRms, options.InitialTradeOff,
            floors.ApparentResistivityFraction, floors.PhaseDeg);
        MethodRecord record = NetworkMethodStage.Run(method, observedText, set, index, data, weights, device, options, inputs, outDir, stdout.WriteLine);
        string how = record.Path == AutoPath.Network ? "the prediction" : "NLCG from the prediction";
        stdout.WriteLine(FormattableString.Invariant($"{name}: {how}, rms {record.FinalRms:F3} (forward engine), {record.TotalSeconds:F1} s ({record.Reason}); results in {outDir}"));
        return ExitCode.Ok;
    }

    /// <summary>A model JSON, or the grid of a data-set file (FILE.h5) as a uniform half-space.</summary>
    private static ResistivityModel ReadGrid(string path)
    {
        if (!path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase)) return ModelFile.Read(path);
        DataSet set = DataSetFile.Read(path);
        return ResistivityModel.Uniform(set.YEdgesM, set.ZEdgesM, FieldDefaults.HalfSpaceResistivityOhmM);
    }

    private ResistivityModel ReadStart(string? text, ResistivityModel grid)
    {
        if (text is null) return grid;
        if (text.StartsWith("halfspace:", StringComparison.Ordinal))
            return InvariantNumber.TryParseFinite(text["halfspace:".Length..], out double rho) && rho > 0
                ? ResistivityModel.Uniform(grid.YEdgesM, grid.ZEdgesM, rho)
                : throw new UsageException($"{_start.Name}: \"{text}\" needs a positive resistivity, e.g. halfspace:100");
        ResistivityModel start = ModelFile.Read(text);
        return start.YEdgesM.SequenceEqual(grid.YEdgesM) && start.ZEdgesM.SequenceEqual(grid.ZEdgesM)
            ? start
            : throw new UsageException($"{_start.Name}: {text} is not on the grid of the inversion (its edges differ)");
    }
}
