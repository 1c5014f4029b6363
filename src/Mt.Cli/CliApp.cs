using System.CommandLine;
using Mt.Cli.Verbs;
using Mt.Data.IO;

namespace Mt.Cli;

/// <summary>The <c>mt</c> command line: parses arguments, runs a verb, and turns every failure into one line on
/// stderr (<c>mt VERB: error: ...</c>) and a non-zero <see cref="ExitCode"/>, never a stack trace.</summary>
public static class CliApp
{
    private const string ProgramName = "mt";

    /// <summary>Runs <c>mt</c> in-process with the given arguments and output writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, () =>
        [
            new ForwardCommand(),
            new GenerateCommand(),
            new StampCommand(),
            new TrainingSetFigureCommand(),
            new GeologyFigureCommand(),
            new MergeCommand(),
            new TrainCommand(),
            new PredictCommand(),
            new CalibrateCommand(),
            new EnsembleCommand(),
            new InvertCommand(),
            new InvertSetCommand(),
            new FieldDataCommand(),
            new FieldCommand(),
            new FiguresCommand(),
            new EvaluateCommand(),
            new ManifestCommand(),
            new VerifyCommand(),
        ]);

    /// <summary>Runs <c>mt</c> with the verbs made by <paramref name="createVerbs"/> (tests substitute verbs).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<IVerb[]> createVerbs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            IVerb[] verbs = createVerbs();
            var root = new RootCommand("Deep-learning inversion of magnetotelluric data.");
            foreach (IVerb verb in verbs)
            {
                verb.Command.SetAction(parseResult => Execute(verb, parseResult, stdout, stderr));
                root.Subcommands.Add(verb.Command);
            }

            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                Command command = parsed.CommandResult.Command;
                string prefix = command is RootCommand ? ProgramName : $"{ProgramName} {command.Name}";
                return Report(stderr, prefix, parsed.Errors[0].Message, ExitCode.BadInput);
            }
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return Report(stderr, ProgramName, DescribeInternal(ex), ExitCode.InternalFailure);
        }
    }

    private static int Execute(IVerb verb, ParseResult parseResult, TextWriter stdout, TextWriter stderr)
    {
        string prefix = $"{ProgramName} {verb.Command.Name}";
        try
        {
            return verb.Execute(parseResult, stdout);
        }
        catch (Exception ex) when (ex is UsageException or DataFileException)
        {
            return Report(stderr, prefix, ex.Message, ExitCode.BadInput);
        }
        catch (RunFailedException ex)
        {
            return Report(stderr, prefix, ex.Message, ExitCode.RunFailed);
        }
        catch (Exception ex)
        {
            return Report(stderr, prefix, DescribeInternal(ex), ExitCode.InternalFailure);
        }
    }

    private static string DescribeInternal(Exception ex) => $"internal failure ({ex.GetType().Name}): {ex.Message}";

    private static int Report(TextWriter stderr, string prefix, string message, int exitCode)
    {
        string oneLine = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        stderr.WriteLine($"{prefix}: error: {oneLine}");
        return exitCode;
    }
}
