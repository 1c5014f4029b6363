using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.Datasets;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt merge --out FILE.h5 SHARD.h5 ...</c>: joins the shards of one data set (written by <c>mt generate --shard k/n</c>,
/// in any order) into the file a whole run writes: same arrays, bit for bit, and the attributes of shard 1/1. Refuses
/// shards of different jobs, overlapping or missing sample ranges, with the file and the reason.
/// </summary>
internal sealed class MergeCommand : IVerb
{
    private readonly Argument<string[]> _shards = new("SHARD.h5") { Arity = ArgumentArity.OneOrMore, Description = "Shard files." };

    private readonly Option<string> _out = new("--out") { HelpName = "FILE.h5", Description = "Merged data set to write.", Required = true };

    /// <summary>Creates the verb.</summary>
    public MergeCommand()
    {
        Command = new Command("merge", "Join the shards of a data set into one file, identical to a whole run.") { _shards, _out };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string outPath = OptionValues.OutputFile(parseResult.GetRequiredValue(_out), _out.Name);
        string[] shards = parseResult.GetRequiredValue(_shards);
        int samples = DataSetBuilder.Merge(shards, outPath);
        stdout.WriteLine($"wrote {outPath}: {samples} samples from {shards.Length} shards");
        return ExitCode.Ok;
    }
}
