using System.CommandLine;
using Mt.Data.Provenance;
using Mt.Data.Results;
using Mt.Inversion;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt invert-set --experiment EXP.json --results DIR [--data-dir DATA]</c>: the InvertNlcg stage
/// (<see cref="InversionSetStage"/>): NLCG from the experiment's half-space and from the network's prediction for the
/// first <c>inversion.models</c> test models at every evaluation noise level, into DIR/nlcg/, resuming finished runs.
/// </summary>
internal sealed class InvertSetCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file.", Required = true };

    private readonly Option<string> _results = new("--results") { HelpName = "DIR", Description = "The experiment's results folder (data/, predictions/, nlcg/).", Required = true };

    private readonly Option<string?> _data = OptionValues.DataDirOption();

    /// <summary>Creates the verb.</summary>
    public InvertSetCommand()
    {
        Command = new Command("invert-set", "Invert the experiment's test models by NLCG, from a half-space and from the network's prediction.")
        {
            _experiment, _results, _data,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        var layout = new ResultsLayout(parseResult.GetRequiredValue(_results), OptionValues.ExistingDataDir(parseResult.GetValue(_data)));
        var experiment = OptionValues.Experiment(experimentPath);
        var recorder = new StageRecorder("invert", StageParameters.Of(experiment, Mt.Data.Experiments.ExperimentSection.Inversion, Mt.Data.Experiments.ExperimentSection.Evaluation),
            typeof(InversionSetStage), typeof(Mt.Forward.Forward2D), typeof(Mt.Data.Datasets.DataSet));
        InversionSetResult result = InversionSetStage.Run(Path.GetFileNameWithoutExtension(experimentPath), experiment, layout, stdout.WriteLine);
        if (result.Run > 0)
            recorder.Finish(layout.NlcgDir, [.. Directory.EnumerateFiles(layout.DataDir, "test*.h5"), .. Directory.Exists(layout.PredictionsDir) ? Directory.EnumerateFiles(layout.PredictionsDir, "*.h5") : []],
                Directory.EnumerateFiles(layout.NlcgDir, "*.json", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != StageRecord.FolderRecordName),
                resumed: result.AlreadyFinished > 0);
        stdout.WriteLine($"{result.Run} inversions run, {result.AlreadyFinished} already finished");
        return ExitCode.Ok;
    }
}
