using Mt.Data.Results;
using Mt.Data.Provenance;
using System.CommandLine;
using Mt.Evaluation;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt evaluate --experiment EXP.json [--results DIR] [--data-dir DATA]</c>: measures the network's predictions and the NLCG runs
/// found under DIR (default <c>results/EXP</c>) against the true test models and the observed data at each
/// evaluation noise level (see <see cref="Evaluator"/>) and writes DIR/metrics.json and the Markdown table
/// DIR/README.md. Methods whose files are absent are reported as missing, not as errors.
/// </summary>
internal sealed class EvaluateCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<string?> _results = new("--results") { HelpName = "DIR", Description = "Results folder of the experiment (default results/EXP)." };

    private readonly Option<string?> _data = OptionValues.DataDirOption();

    /// <summary>Creates the verb.</summary>
    public EvaluateCommand()
    {
        Command = new Command("evaluate", "Measure the network and the NLCG inversions on the test set: RMSE, SSIM, data RMS, time.") { _experiment, _results, _data };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        var (name, experiment, layout) = OptionValues.ExperimentResults(parseResult.GetRequiredValue(_experiment), parseResult.GetValue(_results), _results.Name,
            parseResult.GetValue(_data));

        var recorder = new StageRecorder(Stages.Evaluate, experiment);
        EvaluationReport report = Evaluator.Run(name, experiment, layout, line => stdout.WriteLine($"evaluate: {line}"));
        ReportWriter.WriteJson(layout.MetricsJson, report);
        ReportWriter.WriteMarkdown(layout.ReadmeMd, report, File.Exists(layout.EnsembleJson) ? EnsembleReport.Read(layout.EnsembleJson) : null);
        recorder.Finish(layout.MetricsJson, report.Inputs.Select(f => layout.Resolve(f.File)), [layout.MetricsJson, layout.ReadmeMd]);
        foreach (string missing in report.Missing) stdout.WriteLine($"evaluate: not evaluated: {missing}");
        stdout.WriteLine($"wrote {layout.MetricsJson} and {layout.ReadmeMd}: {report.Results.Count} method and noise-level rows");
        return ExitCode.Ok;
    }
}
