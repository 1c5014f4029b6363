using System.CommandLine;
using Mt.Data.Provenance;
using Mt.Reporting;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt geology-figure --experiment EXP.json [--per-family N] [--max-depth-km D] --out FIGURE.png</c>: examples of
/// each geology family of an experiment (the first N training models of each, generated from the experiment's seed,
/// no forward modelling), one row per family (<see cref="GeologyFamiliesFigure"/>); a CSV of the drawn cells goes
/// beside the PNG.
/// </summary>
internal sealed class GeologyFigureCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<int> _perFamily = new("--per-family") { HelpName = "N", Description = "Examples per family (default 3).", DefaultValueFactory = _ => 3 };

    private readonly Option<double?> _maxDepth = new("--max-depth-km") { HelpName = "D", Description = "Deepest depth shown (km; default the grid bottom)." };

    private readonly Option<string> _out = new("--out") { HelpName = "FIGURE.png", Description = "PNG to write.", Required = true };

    /// <summary>Creates the verb.</summary>
    public GeologyFigureCommand()
    {
        Command = new Command("geology-figure", "Draw example models of every geology family of an experiment (PNG and CSV).")
        {
            _experiment, _perFamily, _maxDepth, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        var experiment = OptionValues.Experiment(experimentPath);
        int perFamily = parseResult.GetValue(_perFamily);
        if (perFamily is < 1 or > 20) throw new UsageException($"{_perFamily.Name}: {perFamily} is not in 1..20");
        double? maxDepthKm = parseResult.GetValue(_maxDepth) is { } depth ? OptionValues.Positive(depth, _maxDepth.Name) : null;
        string outPath = OptionValues.OutputFileInNewFolder(parseResult.GetRequiredValue(_out), _out.Name);

        var recorder = new StageRecorder(Stages.GeologyFigure, experiment);
        string csv = GeologyFamiliesFigure.RenderExperiment(Path.GetFileNameWithoutExtension(experimentPath), experiment.Data, perFamily, outPath, maxDepthKm);
        stdout.WriteLine($"wrote {outPath} and {csv}");
        recorder.Finish(outPath, [experimentPath], [outPath, csv]);
        return ExitCode.Ok;
    }
}
