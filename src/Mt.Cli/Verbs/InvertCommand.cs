using System.CommandLine;
using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;
using Mt.Inversion;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt invert --observed DATA --grid GRID.json [--start halfspace:RHO | --start MODEL.json] [--target-rms 1.0]
/// [--max-iterations N] --out DIR</c>: NLCG inversion of one data set (a response CSV, optionally with error columns,
/// or sample I of a data-set file as <c>FILE.h5#I</c>) on the grid of GRID.json, whose resistivities are the
/// reference model and the default start. DIR receives model.json, response.csv, history.csv and summary.json.
/// </summary>
internal sealed class InvertCommand : IVerb
{
    private readonly Option<string> _observed = new("--observed") { HelpName = "DATA", Description = "Response CSV (mt forward format, optional error columns) or FILE.h5#INDEX.", Required = true };

    private readonly Option<string> _grid = new("--grid") { HelpName = "GRID.json", Description = "Inversion grid (model JSON; its resistivities are the reference and default start), or FILE.h5: a data set's grid at 100 ohm-m.", Required = true };

    private readonly Option<string?> _start = new("--start") { HelpName = "halfspace:RHO|MODEL.json", Description = "Starting model (default: the grid's resistivities)." };

    private readonly Option<double> _targetRms = new("--target-rms") { Description = "Stop at this normalised RMS (default 1.0).", DefaultValueFactory = _ => 1.0 };

    private readonly Option<int> _maxIterations = new("--max-iterations") { HelpName = "N", Description = "Largest number of iterations (default 100).", DefaultValueFactory = _ => 100 };

    private readonly Option<string> _modes = new("--modes") { HelpName = "TE,TM", Description = "Modes of a data-set sample to invert (default TE,TM).", DefaultValueFactory = _ => "TE,TM" };

    private readonly Option<double> _rhoFloor = new("--rho-floor") { Description = "Apparent-resistivity error floor, a fraction (default 0.05).", DefaultValueFactory = _ => 0.05 };

    private readonly Option<double> _phaseFloor = new("--phase-floor") { Description = "Phase error floor in degrees (default 1.43).", DefaultValueFactory = _ => 1.43 };

    private readonly Option<double> _tradeOff = new("--trade-off") { Description = "Initial trade-off parameter (default 10).", DefaultValueFactory = _ => 10 };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Folder to write (created if needed).", Required = true };

    /// <summary>Creates the verb.</summary>
    public InvertCommand()
    {
        Command = new Command("invert", "Invert MT data for a 2D resistivity model by nonlinear conjugate gradients.")
        {
            _observed, _grid, _start, _targetRms, _maxIterations, _modes, _rhoFloor, _phaseFloor, _tradeOff, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string observedText = parseResult.GetRequiredValue(_observed);
        string gridPath = parseResult.GetRequiredValue(_grid);
        string outDir = parseResult.GetRequiredValue(_out);
        double targetRms = parseResult.GetValue(_targetRms);
        int maxIterations = parseResult.GetValue(_maxIterations);
        double rhoFloor = parseResult.GetValue(_rhoFloor), phaseFloor = parseResult.GetValue(_phaseFloor);
        double tradeOff = parseResult.GetValue(_tradeOff);
        if (!(targetRms > 0)) throw new UsageException($"{_targetRms.Name}: must be positive");
        if (maxIterations < 0) throw new UsageException($"{_maxIterations.Name}: must be >= 0");
        if (!(rhoFloor > 0) || !(phaseFloor > 0)) throw new UsageException($"{_rhoFloor.Name} and {_phaseFloor.Name} must be positive");
        if (!(tradeOff > 0)) throw new UsageException($"{_tradeOff.Name}: must be positive");
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        Mode[] modes = OptionValues.Modes(parseResult.GetRequiredValue(_modes), _modes.Name);

        ResistivityModel grid = ReadGrid(gridPath);
        ObservedData data = ReadObserved(observedText, modes, rhoFloor, phaseFloor);
        foreach (double s in data.StationsM)
            if (s < grid.YEdgesM[0] || s > grid.YEdgesM[^1])
                throw new UsageException($"{observedText}: station at {InvariantNumber.Format(s)} m lies outside the grid of {gridPath} " +
                                         $"([{InvariantNumber.Format(grid.YEdgesM[0])}, {InvariantNumber.Format(grid.YEdgesM[^1])}] m)");
        ResistivityModel start = ReadStart(parseResult.GetValue(_start), grid);

        var options = new NlcgOptions { TargetRms = targetRms, MaxIterations = maxIterations, InitialTradeOff = tradeOff };
        var result = Nlcg.Run(data, start, grid, options, r => stdout.WriteLine(
            $"iteration {r.Iteration,3}: rms {r.Rms:F3}, objective {r.Objective:G5}, trade-off {r.TradeOff:G3}, {r.Seconds:F1} s"));
        double finalRms = InversionIO.Write(outDir, result, data, new Dictionary<string, object>
        {
            ["observed"] = observedText,
            ["grid"] = gridPath,
            ["start"] = parseResult.GetValue(_start) ?? "grid",
            ["target_rms"] = targetRms,
            ["rho_floor_fraction"] = rhoFloor,
            ["phase_floor_deg"] = phaseFloor,
            ["initial_trade_off"] = tradeOff,
        });
        stdout.WriteLine($"{result.ExitReason}: rms {finalRms:F3} (forward engine) after {result.History[^1].Iteration} iterations, " +
                         $"{result.History[^1].Seconds:F1} s; results in {outDir}");
        return ExitCode.Ok;
    }

    private ObservedData ReadObserved(string text, Mode[] modes, double rhoFloor, double phaseFloor)
    {
        int hash = text.LastIndexOf('#');
        try
        {
            if (hash > 0 && text[..hash].EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
            {
                string path = text[..hash];
                if (!int.TryParse(text[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    throw new UsageException($"{_observed.Name}: \"{text[(hash + 1)..]}\" is not a sample index");
                if (!File.Exists(path)) throw new UsageException($"{_observed.Name}: {path} does not exist");
                DataSet set = DataSetFile.Read(path);
                if (index >= set.Count) throw new UsageException($"{_observed.Name}: {path} holds {set.Count} samples, no sample {index}");
                return InversionIO.FromSample(set, index, modes, rhoFloor, phaseFloor);
            }
            return InversionIO.FromRows(ResponseCsv.Read(text), rhoFloor, phaseFloor);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{text}: {ex.Message}");
        }
    }

    /// <summary>A model JSON, or the grid of a data-set file (FILE.h5) with a uniform 100 ohm-m.</summary>
    private ResistivityModel ReadGrid(string path)
    {
        if (!path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase)) return ModelFile.Read(path);
        if (!File.Exists(path)) throw new UsageException($"{_grid.Name}: {path} does not exist");
        DataSet set = DataSetFile.Read(path);
        return InversionIO.Uniform(set.YEdgesM, set.ZEdgesM, 100);
    }

    private ResistivityModel ReadStart(string? text, ResistivityModel grid)
    {
        if (text is null) return grid;
        if (text.StartsWith("halfspace:", StringComparison.Ordinal))
        {
            if (!InvariantNumber.TryParseFinite(text["halfspace:".Length..], out double rho) || rho <= 0)
                throw new UsageException($"{_start.Name}: \"{text}\" needs a positive resistivity, e.g. halfspace:100");
            return InversionIO.Uniform(grid, rho);
        }
        ResistivityModel start = ModelFile.Read(text);
        if (!start.YEdgesM.SequenceEqual(grid.YEdgesM) || !start.ZEdgesM.SequenceEqual(grid.ZEdgesM))
            throw new UsageException($"{_start.Name}: {text} is not on the grid of the inversion (its edges differ)");
        return start;
    }
}

