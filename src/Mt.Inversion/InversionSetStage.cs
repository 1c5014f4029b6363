using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Responses;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>What the InvertNlcg stage did.</summary>
/// <param name="Run">Inversions run now.</param>
/// <param name="AlreadyFinished">Inversions whose folder already held a summary with the same inputs.</param>
/// <param name="LevelsWithoutPrediction">Noise levels without a network prediction (no hybrid runs there).</param>
public sealed record InversionSetResult(int Run, int AlreadyFinished, IReadOnlyList<double> LevelsWithoutPrediction);

/// <summary>
/// The InvertNlcg stage: inverts the first <c>inversion.models</c> test models (all when absent) at every evaluation
/// noise level, from the experiment's half-space and, where the network's prediction of the same file exists, from
/// that prediction (the hybrid), each regularised towards its start, into
/// <c>nlcg/noise-LEVEL/START/sample-IIII/</c> (<see cref="ResultsLayout.NlcgSample"/>). A folder whose summary records
/// the same inputs (settings, data, errors, start model: <see cref="InputKey"/>) is finished and skipped, so an
/// interrupted stage resumes with the next model and a changed setting or prediction reruns exactly the inversions it
/// affects.
/// </summary>
public static class InversionSetStage
{
    /// <summary>The modes every inversion of the stage fits.</summary>
    public static IReadOnlyList<Mode> Modes { get; } = [Mode.TE, Mode.TM];

    /// <summary>Runs the stage, or with <paramref name="task"/> only that contiguous part of its inversions (in the order
    /// noise level, model, start; one Slurm array task each: <see cref="Count"/>); <paramref name="log"/> receives
    /// progress lines. A missing test file or a prediction of another size is a <see cref="DataFileException"/>.</summary>
    public static InversionSetResult Run(string experimentName, Experiment experiment, ResultsLayout layout, Action<string>? log = null,
        Shard? task = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(layout);
        log ??= _ => { };
        InversionSection inv = experiment.Inversion;
        var options = NlcgOptions.From(inv);
        var withoutPrediction = new List<double>();
        IndexRange range = (task ?? Shard.All).Range(task is null ? 0 : Count(experiment, layout));
        int done = 0, skipped = 0, j = -1;
        foreach (var (level, dataPath, i, data, start, model) in Plan(experiment, layout, withoutPrediction, log))
        {
            j++;
            if (task is not null && (j < range.Start || j >= range.End)) continue;
            string folder = layout.NlcgSample(level, start, i);
            string key = InputKey(experiment, data, model);
            if (InversionFolder.TryReadSummary(folder)?.Inputs.InputKey == key)
            {
                skipped++;
                continue;
            }
            log($"noise {Level(level)}, sample {i}, start {start.Folder()}:");
            var inputs = new InversionInputs($"{dataPath}#{i}", start.Folder(), "the start model", options.TargetRms, options.InitialTradeOff,
                inv.ErrorFloors.ApparentResistivityFraction, inv.ErrorFloors.PhaseDeg)
            {
                Experiment = experimentName,
                InversionSectionSha256 = ExperimentJson.SectionHash(experiment, ExperimentSection.Inversion),
                NoiseLevel = level,
                InputKey = key,
            };
            var (_, summary, _) = InversionRun.Run(data, model, model, options, folder, inputs, line => log("  " + line));
            log($"  {summary.ExitReason}: rms {summary.FinalRms:F3} after {summary.Iterations} iterations, {summary.WallTimeSeconds:F1} s");
            done++;
        }
        return new InversionSetResult(done, skipped, withoutPrediction);
    }

    /// <summary>How many inversions the stage has: models times starts at every evaluation noise level.</summary>
    public static int Count(Experiment experiment, ResultsLayout layout) => Plan(experiment, layout, [], _ => { }).Count();

    /// <summary>The stage's inversions in order (noise level, model, start), with their observed data and start model.</summary>
    private static IEnumerable<(double Level, string DataPath, int Index, ObservedData Data, NlcgStart Start, ResistivityModel Model)> Plan(
        Experiment experiment, ResultsLayout layout, List<double> withoutPrediction, Action<string> log)
    {
        InversionSection inv = experiment.Inversion;
        foreach (double level in experiment.Evaluation.NoiseLevels)
        {
            string dataPath = layout.TestData(level);
            if (!File.Exists(dataPath)) throw new DataFileException(dataPath, null, "does not exist: generate the data first (./build.sh GenerateData)");
            DataSet set = DataSetFile.Read(dataPath);
            string predictionPath = layout.Prediction(level);
            DataSet? predictions = File.Exists(predictionPath) ? DataSetFile.Read(predictionPath) : null;
            if (predictions is not null && predictions.Count != set.Count)
                throw new DataFileException(predictionPath, null, $"holds {predictions.Count} samples, {dataPath} {set.Count}");
            if (predictions is null)
            {
                withoutPrediction.Add(level);
                log($"{predictionPath} is absent: no hybrid inversions at noise level {Level(level)}");
            }
            int count = Math.Min(inv.Models ?? set.Count, set.Count);
            for (int i = 0; i < count; i++)
            {
                ObservedData data = Observations.FromSample(set, i, Modes, inv.ErrorFloors);
                ResistivityModel grid = set.Model(i);
                yield return (level, dataPath, i, data, NlcgStart.Halfspace, ResistivityModel.Uniform(grid.YEdgesM, grid.ZEdgesM, inv.HalfSpaceResistivityOhmM));
                if (predictions is not null) yield return (level, dataPath, i, data, NlcgStart.Hybrid, predictions.Model(i));
            }
        }
    }

    /// <summary>SHA-256 of what an inversion depends on: the inversion settings, the observed data and errors, and the
    /// start model. A finished folder whose key differs (a changed setting, data or prediction) is inverted again.</summary>
    public static string InputKey(Experiment experiment, ObservedData data, ResistivityModel start)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(start);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(ExperimentJson.SectionHash(experiment, ExperimentSection.Inversion)));
        foreach (double[] values in new[] { data.Values(), data.Errors(), start.ToParameters(), data.StationsM, data.FrequenciesHz })
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Level(double level) => level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
