using System.CommandLine;
using Mt.Data.Provenance;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.IO;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt generate --experiment EXP.json --split train|test [--shard k/n] --out FILE.h5</c> (or <c>--count</c>: the
/// split's number of models): draws the split's random
/// models (sample i from its own seed), forward-models each (both modes, the experiment's stations and frequencies),
/// and writes the data set. Progress and an ETA go to stdout; finished samples are journaled beside the output, so an
/// interrupted run resumes where it stopped; the data set appears atomically when every sample is done.
/// </summary>
internal sealed class GenerateCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment")
    {
        HelpName = "EXP.json",
        Description = "Experiment file (experiments/*.json).",
        Required = true,
    };

    private readonly Option<string> _split = new("--split")
    {
        HelpName = "train|test",
        Description = "Which set to generate.",
        Required = true,
    };

    private readonly Option<string> _shard = new("--shard")
    {
        HelpName = "k/n",
        Description = "Generate only shard k of n (contiguous sample ranges; default 1/1).",
        DefaultValueFactory = _ => "1/1",
    };

    private readonly Option<string?> _out = new("--out")
    {
        HelpName = "FILE.h5",
        Description = "Data set to write (HDF5); required unless --count.",
    };

    private readonly Option<bool> _count = new("--count") { Description = "Print the number of models in the split and exit (a scheduler's shard count)." };

    /// <summary>Creates the verb.</summary>
    public GenerateCommand()
    {
        Command = new Command("generate", "Generate a synthetic data set (random models and their TE/TM responses).")
        {
            _experiment, _split, _shard, _out, _count,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        DataSplit split = DataSetAttributes.TryParseSplit(parseResult.GetRequiredValue(_split).ToLowerInvariant(), out var s)
            ? s
            : throw new UsageException($"{_split.Name}: \"{parseResult.GetRequiredValue(_split)}\" is neither train nor test");
        Shard shard;
        try
        {
            shard = Shard.Parse(parseResult.GetRequiredValue(_shard));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{_shard.Name}: {ex.Message}");
        }
        Experiment experiment = OptionValues.Experiment(experimentPath);
        if (parseResult.GetValue(_count))
        {
            stdout.WriteLine(split == DataSplit.Train ? experiment.Data.TrainModels : experiment.Data.TestModels);
            return ExitCode.Ok;
        }
        string outPath = OptionValues.OutputFile(parseResult.GetValue(_out) ?? throw new UsageException($"{_out.Name} is required"), _out.Name);
        var progress = new Progress(stdout, $"generate {split} {shard}");
        var recorder = new StageRecorder(Stages.GenerateData, experiment, $"generate-{split.ToString().ToLowerInvariant()}");
        var result = DataSetBuilder.Generate(Path.GetFileNameWithoutExtension(experimentPath), experiment, split, shard, outPath, progress.Report);
        stdout.WriteLine($"wrote {outPath}: {result.Samples} samples of {split} ({shard}) in {result.Seconds:F1} s");
        foreach (var (path, level) in result.NoisyCopies) stdout.WriteLine($"wrote {path}: noise level {level:P0}");
        recorder.Finish(outPath, [experimentPath], [outPath, .. result.NoisyCopies.Select(c => c.Path)], resumed: result.Computed < result.Samples);
        return ExitCode.Ok;
    }

    /// <summary>A progress line with rate and ETA: redrawn in place on a terminal, every 5 % otherwise.</summary>
    private sealed class Progress(TextWriter writer, string label)
    {
        private readonly bool _interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        private int _lastPercent = -1;

        public void Report(GenerationProgress p)
        {
            var eta = TimeSpan.FromSeconds(p.SecondsPerSample * (p.Total - p.Done));
            int percent = p.Total == 0 ? 100 : 100 * p.Done / p.Total;
            string line = $"{label}: {p.Done}/{p.Total} ({percent}%), {p.SecondsPerSample:F2} s/sample, ETA {eta:hh\\:mm\\:ss}";
            if (_interactive) writer.Write($"\r{line}   " + (p.Done == p.Total ? "\n" : ""));
            else if (percent / 5 != _lastPercent / 5 || p.Done == p.Total) writer.WriteLine(line);
            _lastPercent = percent;
        }
    }
}
