using System.CommandLine;
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
        InversionSetResult result = InversionSetStage.Run(Path.GetFileNameWithoutExtension(experimentPath), experiment, layout, stdout.WriteLine);
        stdout.WriteLine($"{result.Run} inversions run, {result.AlreadyFinished} already finished");
        return ExitCode.Ok;
    }
}
