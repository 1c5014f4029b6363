using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Provenance;
using Mt.Data.Results;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt merge --out FILE.h5 [--experiment EXP.json] SHARD.h5 ...</c>: joins the shards of one data set (written by
/// <c>mt generate --shard k/n</c>, in any order) into the file a whole run writes: same arrays, bit for bit, and the
/// attributes of shard 1/1. Refuses shards of different jobs, overlapping or missing sample ranges, with the file and
/// the reason. With the experiment, it finishes a sharded GenerateData stage as <c>mt generate</c> would have: the
/// noisy copies beside each test shard are merged too, and the generate stage record is written beside the output.
/// </summary>
internal sealed class MergeCommand : IVerb
{
    private readonly Argument<string[]> _shards = new("SHARD.h5") { Arity = ArgumentArity.OneOrMore, Description = "Shard files." };

    private readonly Option<string> _out = new("--out") { HelpName = "FILE.h5", Description = "Merged data set to write.", Required = true };

    private readonly Option<string?> _experiment = new("--experiment")
    {
        HelpName = "EXP.json",
        Description = "The experiment the shards were generated for: also merge the test shards' noisy copies and write the generate stage record.",
    };

    /// <summary>Creates the verb.</summary>
    public MergeCommand()
    {
        Command = new Command("merge", "Join the shards of a data set into one file, identical to a whole run.") { _shards, _out, _experiment };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string outPath = OptionValues.OutputFile(parseResult.GetRequiredValue(_out), _out.Name);
        string[] shards = parseResult.GetRequiredValue(_shards);
        string? experimentPath = parseResult.GetValue(_experiment);
        if (experimentPath is null)
        {
            stdout.WriteLine($"wrote {outPath}: {DataSetBuilder.Merge(shards, outPath)} samples from {shards.Length} shards");
            return ExitCode.Ok;
        }

        Experiment experiment = OptionValues.Experiment(experimentPath);
        DataSetAttributes attributes = DataSetFile.ReadAttributes(shards[0]);
        if (attributes.Extra.GetValueOrDefault("data_section_sha256") != ExperimentJson.SectionHash(experiment, ExperimentSection.Data))
            throw new Mt.Data.IO.DataFileException(shards[0], null, $"was not generated from the data section of {experimentPath}");
        DataSplit split = attributes.Split;
        var recorder = new StageRecorder(Stages.GenerateData, experiment, $"generate-{split.ToString().ToLowerInvariant()}");
        stdout.WriteLine($"wrote {outPath}: {DataSetBuilder.Merge(shards, outPath)} samples from {shards.Length} shards");
        var outputs = new List<string> { outPath };
        if (split == DataSplit.Test)
            foreach (double level in experiment.Data.NoiseLevels.Where(l => l > 0))
            {
                string noisyPath = DataSetBuilder.NoisyPath(outPath, level);
                DataSetBuilder.Merge([.. shards.Select(s => DataSetBuilder.NoisyPath(s, level))], noisyPath);
                stdout.WriteLine($"wrote {noisyPath}: noise level {level:P0}");
                outputs.Add(noisyPath);
            }
        // The shards' own records hold the generation time; this run's record adds it up.
        double shardSeconds = shards.Select(StageRecord.PathFor).Where(File.Exists).Sum(r => StageRecord.Read(r).WallTimeSeconds);
        recorder.Finish(outPath, [experimentPath, .. shards], outputs, resumed: false, totalWorkSeconds: Math.Round(shardSeconds, 3),
            notes: new Dictionary<string, string> { ["merged_shards"] = shards.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return ExitCode.Ok;
    }
}
