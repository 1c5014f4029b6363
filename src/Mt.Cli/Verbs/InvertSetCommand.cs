using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.Provenance;
using Mt.Data.Results;
using Mt.Inversion;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt invert-set --experiment EXP.json --results DIR [--data-dir DATA] [--task k/n | --count | --after-tasks]</c>:
/// the InvertNlcg stage (<see cref="InversionSetStage"/>): NLCG from the experiment's half-space and from the network's
/// prediction for the first <c>inversion.models</c> test models at every evaluation noise level, into DIR/nlcg/,
/// resuming finished runs. For a scheduler: <c>--count</c> prints how many inversions there are, <c>--task k/n</c>
/// runs part k of n of them (no stage record: tasks run at once), and <c>--after-tasks</c> closes the array, checking
/// that every inversion is finished and writing the stage record of the whole set.
/// </summary>
internal sealed class InvertSetCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file.", Required = true };

    private readonly Option<string> _results = new("--results") { HelpName = "DIR", Description = "The experiment's results folder (data/, predictions/, nlcg/).", Required = true };

    private readonly Option<string?> _data = OptionValues.DataDirOption();

    private readonly Option<string?> _task = new("--task") { HelpName = "k/n", Description = "Run only part k of n of the inversions (level, model, start order); writes no stage record." };

    private readonly Option<bool> _count = new("--count") { Description = "Print the number of inversions and exit." };

    private readonly Option<bool> _afterTasks = new("--after-tasks") { Description = "After --task runs: finish what is missing and write the stage record although nothing was left to run." };

    /// <summary>Creates the verb.</summary>
    public InvertSetCommand()
    {
        Command = new Command("invert-set", "Invert the experiment's test models by NLCG, from a half-space and from the network's prediction.")
        {
            _experiment, _results, _data, _task, _count, _afterTasks,
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
        Shard? task = parseResult.GetValue(_task) is { } text ? ParseTask(text) : null;
        if (parseResult.GetValue(_count))
        {
            stdout.WriteLine(InversionSetStage.Count(experiment, layout));
            return ExitCode.Ok;
        }
        var recorder = new StageRecorder(Stages.Invert, experiment);
        InversionSetResult result = InversionSetStage.Run(Path.GetFileNameWithoutExtension(experimentPath), experiment, layout, stdout.WriteLine, task);
        if (task is null && (result.Run > 0 || parseResult.GetValue(_afterTasks)))
            recorder.Finish(layout.NlcgDir, [.. Directory.EnumerateFiles(layout.DataDir, "test*.h5"), .. Directory.Exists(layout.PredictionsDir) ? Directory.EnumerateFiles(layout.PredictionsDir, "*.h5") : []],
                Directory.EnumerateFiles(layout.NlcgDir, "*.json", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != StageRecord.FolderRecordName),
                resumed: result.AlreadyFinished > 0);
        stdout.WriteLine($"{result.Run} inversions run, {result.AlreadyFinished} already finished" + (task is null ? "" : $" (task {task})"));
        return ExitCode.Ok;
    }

    private Shard ParseTask(string text)
    {
        try
        {
            return Shard.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{_task.Name}: {ex.Message.Replace("shard", "task", StringComparison.Ordinal)}");
        }
    }
}
