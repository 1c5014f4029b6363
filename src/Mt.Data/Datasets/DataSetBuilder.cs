using System.Diagnostics;
using System.Globalization;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Geology.Families;
using Mt.Data.IO;
using Mt.Data.Results;

namespace Mt.Data.Datasets;

/// <summary>Progress of a data-set generation: samples done (also those found in the journal) of the total, and the
/// wall time per sample computed in this run.</summary>
public sealed record GenerationProgress(int Done, int Total, int Computed, double SecondsPerSample);

/// <summary>What <see cref="DataSetBuilder.Generate"/> wrote.</summary>
/// <param name="Path">The data set.</param>
/// <param name="Samples">Samples in it.</param>
/// <param name="Computed">Samples computed in this run (the rest came from the journal of an interrupted run).</param>
/// <param name="Seconds">Wall time of this run.</param>
/// <param name="NoisyCopies">The noisy copies written beside a test set, with their noise levels.</param>
public sealed record DataSetBuildResult(string Path, int Samples, int Computed, double Seconds, IReadOnlyList<(string Path, double Level)> NoisyCopies);

/// <summary>
/// Builds the synthetic data sets of an experiment: <see cref="Generate"/> draws a split's random models (sample i from
/// its own seed), forward-models each (both modes, the experiment's stations and frequencies), journals every finished
/// sample beside the output (an interrupted run resumes where it stopped) and writes the data set atomically, with the
/// test set's noisy copies at the experiment's noise levels; <see cref="Merge"/> joins shards into the file a whole run
/// writes, bit for bit.
/// </summary>
public static class DataSetBuilder
{
    /// <summary>Generates shard <paramref name="shard"/> of <paramref name="split"/> into <paramref name="outPath"/>.</summary>
    public static DataSetBuildResult Generate(string experimentName, Experiment experiment, DataSplit split, Shard shard, string outPath,
        Action<GenerationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var generator = GeologyMixture.FromData(experiment.Data);
        var grid = generator.Grid;
        double[] stations = [.. grid.StationYM];
        double[] frequencies = [.. grid.FrequenciesHz];
        int total = split == DataSplit.Train ? experiment.Data.TrainModels : experiment.Data.TestModels;
        IndexRange range = shard.Range(total);
        var journal = SampleJournal.Open(outPath, JournalKey(experiment, split, shard), grid.Nz, grid.Ny, frequencies.Length, stations.Length);

        int done = range.Indices.Count(journal.Has), computed = 0;
        var clock = Stopwatch.StartNew();
        foreach (int i in range.Indices)
        {
            if (journal.Has(i)) continue;
            journal.Add(SampleData.Compute(i, generator.Generate(split, i).Model, stations, frequencies));
            done++;
            computed++;
            progress?.Invoke(new GenerationProgress(done, range.Count, computed, clock.Elapsed.TotalSeconds / computed));
        }

        var attributes = new DataSetAttributes(experimentName, experiment.Data.Seed, split, generator.GeneratorName, CodeVersion.Current,
            new Dictionary<string, string>
            {
                ["data_section_sha256"] = ExperimentJson.SectionHash(experiment, ExperimentSection.Data),
                [CodeAttribute] = GenerationCode,
                ["shard"] = shard.ToString(),
                ["first_index"] = range.Start.ToString(CultureInfo.InvariantCulture),
                ["split_count"] = total.ToString(CultureInfo.InvariantCulture),
            });
        var dataSet = SampleData.ToDataSet([.. range.Indices.Select(journal.Read)], frequencies, stations, [.. grid.YEdgesM], [.. grid.ZEdgesM], attributes);
        DataSetFile.Write(outPath, dataSet);
        journal.Delete();
        var noisy = new List<(string, double)>();
        if (split == DataSplit.Test)
        {
            // Noisy copies of the test set at the experiment's levels, each seeded from the data seed and the level.
            long noiseSeed = unchecked((long)SampleSeed.SplitMix64((ulong)experiment.Data.Seed ^ 0x6E6F697365UL)); // "noise"
            foreach (double level in experiment.Data.NoiseLevels.Where(l => l > 0))
            {
                string noisyPath = NoisyPath(outPath, level);
                DataSetFile.Write(noisyPath, new NoiseModel().Apply(dataSet, level, noiseSeed, range.Start));
                noisy.Add((noisyPath, level));
            }
        }
        return new DataSetBuildResult(outPath, dataSet.Count, computed, clock.Elapsed.TotalSeconds, noisy);
    }

    /// <summary>The file of the copy of <paramref name="path"/> with noise at <paramref name="level"/>, e.g.
    /// <c>test.h5</c> at 0.02 gives <c>test-noise-0.02.h5</c>.</summary>
    public static string NoisyPath(string path, double level) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", ResultsLayout.NoisyFileName(Path.GetFileName(path), level));

    /// <summary>What a journal belongs to: the data section, the split, the shard and the generation code. A journal
    /// left by another job is cleared rather than resumed; one left by the same code under another commit is resumed.</summary>
    public static string JournalKey(Experiment experiment, DataSplit split, Shard shard) =>
        $"{ExperimentJson.SectionHash(experiment, ExperimentSection.Data)} {split} {shard} {GenerationCode}";

    /// <summary>The data-set attribute holding <see cref="GenerationCode"/>.</summary>
    public const string CodeAttribute = "code_sha256";

    /// <summary>SHA-256 over the assemblies that compute a data set (the forward engine and this library): shards made by
    /// the same code merge, whatever commit each was made at.</summary>
    public static string GenerationCode { get; } = FileHash.Sha256Text(string.Join("\n",
        Provenance.CodeHashes.Of([typeof(Mt.Forward.Forward2D), typeof(DataSetBuilder)]).Select(p => $"{p.Key}={p.Value}")));

    /// <summary>
    /// Joins the shards of one data set (written by <see cref="Generate"/>, in any order) into <paramref name="outPath"/>:
    /// the arrays of a whole run, bit for bit, with the attributes of shard 1/1. Shards of different jobs, overlapping
    /// or missing sample ranges are a <see cref="DataFileException"/> naming the file and the reason. Returns the
    /// number of samples.
    /// </summary>
    public static int Merge(IReadOnlyList<string> shardPaths, string outPath)
    {
        ArgumentNullException.ThrowIfNull(shardPaths);
        if (shardPaths.Count == 0) throw new ArgumentException("no shards to merge", nameof(shardPaths));
        var shards = shardPaths.Select(path => (Path: path, Data: DataSetFile.Read(path))).OrderBy(s => FirstIndex(s.Path, s.Data)).ToList();
        var first = shards[0];
        int total = Attribute(first.Path, first.Data, "split_count");
        int next = 0;
        foreach (var (path, data) in shards)
        {
            if (!SameJob(data, first.Data))
                throw new DataFileException(path, null, $"not a shard of the same data set as {first.Path} (experiment, split, code, noise or grid differ)");
            int start = FirstIndex(path, data);
            if (start != next)
                throw new DataFileException(path, null, start < next
                    ? $"samples from {start} overlap the previous shard (which ends at {next - 1})"
                    : $"samples {next} to {start - 1} are missing before this shard");
            next = start + data.Count;
        }
        if (next != total) throw new DataFileException(shards[^1].Path, null, $"samples {next} to {total - 1} of {total} are in no shard");

        int n = total, nz = first.Data.Nz, ny = first.Data.Ny, nf = first.Data.Nf, ns = first.Data.Ns;
        var model = new double[n, nz, ny];
        var rho = new double[n, 2, nf, ns];
        var phase = new double[n, 2, nf, ns];
        int offset = 0;
        foreach (var (_, data) in shards)
        {
            Buffer.BlockCopy(data.Log10Resistivity, 0, model, offset * nz * ny * sizeof(double), data.Count * nz * ny * sizeof(double));
            Buffer.BlockCopy(data.Log10RhoApp, 0, rho, offset * 2 * nf * ns * sizeof(double), data.Count * 2 * nf * ns * sizeof(double));
            Buffer.BlockCopy(data.PhaseDeg, 0, phase, offset * 2 * nf * ns * sizeof(double), data.Count * 2 * nf * ns * sizeof(double));
            offset += data.Count;
        }
        var extra = new Dictionary<string, string>(first.Data.Attributes.Extra) { ["shard"] = "1/1", ["first_index"] = "0" };
        DataSetFile.Write(outPath, new DataSet(first.Data.FrequenciesHz, first.Data.StationsM, first.Data.YEdgesM, first.Data.ZEdgesM,
            model, rho, phase, first.Data.Attributes with { Extra = extra }));
        return n;
    }

    private static bool SameJob(DataSet a, DataSet b)
    {
        var (x, y) = (a.Attributes, b.Attributes);
        return x.ExperimentName == y.ExperimentName && x.Seed == y.Seed && x.Split == y.Split && x.Generator == y.Generator
            && Text(a, CodeAttribute) == Text(b, CodeAttribute) && Text(a, "data_section_sha256") == Text(b, "data_section_sha256")
            && Text(a, DataSet.NoiseLevelAttribute) == Text(b, DataSet.NoiseLevelAttribute)
            && a.FrequenciesHz.SequenceEqual(b.FrequenciesHz) && a.StationsM.SequenceEqual(b.StationsM)
            && a.YEdgesM.SequenceEqual(b.YEdgesM) && a.ZEdgesM.SequenceEqual(b.ZEdgesM);
    }

    private static string? Text(DataSet data, string name) => data.Attributes.Extra.TryGetValue(name, out string? v) ? v : null;

    private static int FirstIndex(string path, DataSet data) => Attribute(path, data, "first_index");

    private static int Attribute(string path, DataSet data, string name) =>
        Text(data, name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new DataFileException(path, null, $"no {name} attribute: not written by mt generate");
}
