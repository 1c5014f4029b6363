using System.CommandLine;
using Mt.Data.Provenance;
using Mt.Data.Results;
using Mt.Reporting;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt figures --experiment EXP.json [--results DIR] [--data-dir DATA]</c> (DIR defaults to <c>results/EXP</c>): draws
/// the experiment's figures into <c>DIR/figures/</c> from whatever results exist (<see cref="ExperimentFigures"/>) and
/// says which it skipped and why.
/// </summary>
internal sealed class FiguresCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<string?> _results = new("--results") { HelpName = "DIR", Description = "Results folder (default results/EXP)." };

    private readonly Option<string?> _data = OptionValues.DataDirOption();

    /// <summary>Creates the verb.</summary>
    public FiguresCommand()
    {
        Command = new Command("figures", "Draw the comparison, loss, pseudo-section and error-histogram figures of an experiment (PNG and CSV).")
        {
            _experiment, _results, _data,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        var (name, experiment, layout) = OptionValues.ExperimentResults(parseResult.GetRequiredValue(_experiment), parseResult.GetValue(_results), _results.Name,
            parseResult.GetValue(_data));
        var recorder = new StageRecorder(Stages.Figures, experiment);
        FiguresResult result = ExperimentFigures.Draw(name, experiment, layout, stdout.WriteLine);
        foreach ((string figure, string reason) in result.Skipped) stdout.WriteLine($"skipped {figure}: {reason}");
        if (result.Drawn.Count == 0)
            throw new UsageException($"nothing to draw in {layout.Root}: {string.Join("; ", result.Skipped.Select(s => s.Reason).Distinct())}");
        recorder.Finish(layout.FiguresDir, [layout.TestData(0), layout.Prediction(0), layout.LossCsv],
            result.Drawn.SelectMany(f => new[] { Path.Combine(layout.FiguresDir, f), Path.ChangeExtension(Path.Combine(layout.FiguresDir, f), ".csv") }));
        return ExitCode.Ok;
    }
}
