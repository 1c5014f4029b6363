using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.IO;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt generate --experiment EXP.json --split train|test [--shard k/n] --out FILE.h5</c>: draws the split's random
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

    private readonly Option<string> _out = new("--out")
    {
        HelpName = "FILE.h5",
        Description = "Data set to write (HDF5).",
        Required = true,
    };

    /// <summary>Creates the verb.</summary>
    public GenerateCommand()
    {
        Command = new Command("generate", "Generate a synthetic data set (random models and their TE/TM responses).")
        {
            _experiment, _split, _shard, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        DataSplit split = parseResult.GetRequiredValue(_split).ToLowerInvariant() switch
        {
            "train" => DataSplit.Train,
            "test" => DataSplit.Test,
            var other => throw new UsageException($"{_split.Name}: \"{other}\" is neither train nor test"),
        };
        Shard shard;
        try
        {
            shard = Shard.Parse(parseResult.GetRequiredValue(_shard));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{_shard.Name}: {ex.Message}");
        }
        string outPath = OptionValues.OutputFile(parseResult.GetRequiredValue(_out), _out.Name);
        Experiment experiment = OptionValues.Experiment(experimentPath);

        var generator = GeologyGenerator.FromData(experiment.Data);
        var grid = generator.Grid;
        double[] stations = [.. grid.StationYM];
        double[] frequencies = [.. grid.FrequenciesHz];
        int total = split == DataSplit.Train ? experiment.Data.TrainModels : experiment.Data.TestModels;
        IndexRange range = shard.Range(total);
        string dataHash = ExperimentJson.SectionHash(experiment, ExperimentSection.Data);
        string codeVersion = CodeVersion();
        var journal = SampleJournal.Open(outPath, JournalKey(experiment, split, shard), grid.Nz, grid.Ny, frequencies.Length, stations.Length);

        int done = range.Indices.Count(journal.Has);
        var progress = new Progress(stdout, $"generate {split} {shard}", range.Count, done);
        var clock = Stopwatch.StartNew();
        foreach (int i in range.Indices)
        {
            if (journal.Has(i)) continue;
            var sample = generator.Generate(split, i);
            journal.Add(SampleData.Compute(i, sample.Model, stations, frequencies));
            progress.Step();
        }

        var samples = range.Indices.Select(journal.Read).ToList();
        var attributes = new DataSetAttributes(
            Path.GetFileNameWithoutExtension(experimentPath), experiment.Data.Seed, split, GeologyGenerator.Name, codeVersion,
            new Dictionary<string, string>
            {
                ["data_section_sha256"] = dataHash,
                ["shard"] = shard.ToString(),
                ["first_index"] = range.Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["split_count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var dataSet = SampleData.ToDataSet(samples, frequencies, stations, [.. grid.YEdgesM], [.. grid.ZEdgesM], attributes);
        DataSetFile.Write(outPath, dataSet);
        journal.Delete();
        stdout.WriteLine($"wrote {outPath}: {samples.Count} samples of {split} ({shard}) in {clock.Elapsed.TotalSeconds:F1} s");
        if (split == DataSplit.Test)
        {
            // Noisy copies of the test set at the experiment's levels, each seeded from the data seed and the level.
            long noiseSeed = unchecked((long)SampleSeed.SplitMix64((ulong)experiment.Data.Seed ^ 0x6E6F697365UL)); // "noise"
            foreach (double level in experiment.Data.NoiseLevels.Where(l => l > 0))
            {
                string noisyPath = NoisyPath(outPath, level);
                DataSetFile.Write(noisyPath, new NoiseModel().Apply(dataSet, level, noiseSeed, range.Start));
                stdout.WriteLine($"wrote {noisyPath}: noise level {level:P0}");
            }
        }
        return ExitCode.Ok;
    }

    /// <summary>The file of the copy of <paramref name="path"/> with noise at <paramref name="level"/>, e.g.
    /// <c>test.h5</c> at 0.02 gives <c>test-noise-0.02.h5</c>.</summary>
    internal static string NoisyPath(string path, double level) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", Mt.Evaluation.ResultsLayout.NoisyFileName(Path.GetFileName(path), level));

    /// <summary>What a journal belongs to: the data section, the split, the shard and the code version. A journal left
    /// by another job is cleared rather than resumed.</summary>
    internal static string JournalKey(Experiment experiment, DataSplit split, Shard shard) =>
        $"{ExperimentJson.SectionHash(experiment, ExperimentSection.Data)} {split} {shard} {CodeVersion()}";

    /// <summary>The code version: the informational version of the data library (with the git commit when built from a
    /// repository).</summary>
    internal static string CodeVersion() =>
        typeof(SampleData).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>A progress line with rate and ETA: redrawn in place on a terminal, every 5 % otherwise.</summary>
    private sealed class Progress(TextWriter writer, string label, int total, int alreadyDone)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        private int _done = alreadyDone;
        private int _computed;
        private int _lastPercent = -1;

        public void Step()
        {
            _done++;
            _computed++;
            double perSample = _clock.Elapsed.TotalSeconds / _computed;
            var eta = TimeSpan.FromSeconds(perSample * (total - _done));
            int percent = total == 0 ? 100 : 100 * _done / total;
            string line = $"{label}: {_done}/{total} ({percent}%), {perSample:F2} s/sample, ETA {eta:hh\\:mm\\:ss}";
            if (_interactive) writer.Write($"\r{line}   " + (_done == total ? "\n" : ""));
            else if (percent / 5 != _lastPercent / 5 || _done == total) writer.WriteLine(line);
            _lastPercent = percent;
        }
    }
}
