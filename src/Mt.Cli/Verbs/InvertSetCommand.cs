using System.CommandLine;
using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Evaluation;
using Mt.Forward;
using Mt.Inversion;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt invert-set --experiment EXP.json --results DIR [--data-dir DATA]</c>: the InvertNlcg stage. Inverts the first
/// <c>inversion.models</c> test models (all when absent) at every evaluation noise level (DATA/test.h5 for 0,
/// DATA/test-noise-LEVEL.h5 otherwise; DATA defaults to DIR/data), from the experiment's half-space and, when DIR/predictions holds the
/// network's prediction of the same file, from that prediction (the hybrid), into
/// DIR/nlcg/noise-LEVEL/{halfspace,hybrid}/sample-IIII/. A folder whose summary.json records the same inputs (settings,
/// data, start model) is finished and skipped, so an interrupted stage resumes with the next model and a changed
/// setting or prediction reruns exactly the inversions it affects.
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

    /// <summary>The name of a noise level's folder and file suffix, e.g. 0, 0.02.</summary>
    public static string LevelText(double level) => level.ToString(CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of what an inversion depends on: the inversion settings, the observed data and errors, and the
    /// start model. A finished folder whose key differs (a changed setting, data or prediction) is inverted again.</summary>
    private static string InputKey(Experiment experiment, ObservedData data, ResistivityModel start)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(ExperimentJson.SectionHash(experiment, ExperimentSection.Inversion)));
        foreach (double[] values in new[] { data.Values(), data.Errors(), MeshedForward.ToParameters(start), data.StationsM, data.FrequenciesHz })
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool Finished(string folder, string key)
    {
        string summary = Path.Combine(folder, "summary.json");
        if (!File.Exists(summary)) return false;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
            return doc.RootElement.TryGetProperty("input_key", out var k) && k.GetString() == key;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        string results = parseResult.GetRequiredValue(_results);
        var layout = new ResultsLayout(results, OptionValues.ExistingDataDir(parseResult.GetValue(_data)));
        Experiment experiment = OptionValues.Experiment(experimentPath);
        InversionSection inv = experiment.Inversion;
        var options = new NlcgOptions { TargetRms = inv.TargetRms, MaxIterations = inv.MaxIterations, InitialTradeOff = inv.InitialTradeOff };
        int done = 0, skipped = 0;
        foreach (double level in experiment.Evaluation.NoiseLevels)
        {
            string dataPath = layout.TestData(level);
            if (!File.Exists(dataPath)) throw new UsageException($"{dataPath} does not exist: generate the data first (./build.sh GenerateData)");
            DataSet set = DataSetFile.Read(dataPath);
            string predictionPath = layout.Prediction(level);
            DataSet? predictions = File.Exists(predictionPath) ? DataSetFile.Read(predictionPath) : null;
            if (predictions is not null && predictions.Count != set.Count)
                throw new UsageException($"{predictionPath} holds {predictions.Count} samples, {dataPath} {set.Count}");
            if (predictions is null) stdout.WriteLine($"{predictionPath} is absent: no hybrid inversions at noise level {LevelText(level)}");
            int count = Math.Min(inv.Models ?? set.Count, set.Count);
            for (int i = 0; i < count; i++)
            {
                ObservedData data = InversionIO.FromSample(set, i, [Mode.TE, Mode.TM], inv.ErrorFloors.ApparentResistivityFraction, inv.ErrorFloors.PhaseDeg);
                var grid = InversionIO.TrueModel(set, i);
                var starts = new List<(string Name, ResistivityModel Model)> { ("halfspace", InversionIO.Uniform(grid, inv.HalfSpaceResistivityOhmM)) };
                if (predictions is not null) starts.Add(("hybrid", InversionIO.TrueModel(predictions, i)));
                foreach (var (name, start) in starts)
                {
                    string folder = layout.NlcgSample(level, name, i);
                    string key = InputKey(experiment, data, start);
                    if (Finished(folder, key))
                    {
                        skipped++;
                        continue;
                    }
                    stdout.WriteLine($"noise {LevelText(level)}, sample {i}, start {name}:");
                    var result = Nlcg.Run(data, start, start, options, r => stdout.WriteLine(
                        $"  iteration {r.Iteration,3}: rms {r.Rms:F3}, trade-off {r.TradeOff:G3}, {r.Seconds:F1} s"));
                    double rms = InversionIO.Write(folder, result, data, new Dictionary<string, object>
                    {
                        ["experiment"] = Path.GetFileNameWithoutExtension(experimentPath),
                        ["inversion_section_sha256"] = ExperimentJson.SectionHash(experiment, ExperimentSection.Inversion),
                        ["observed"] = $"{dataPath}#{i}",
                        ["noise_level"] = level,
                        ["start"] = name,
                        ["input_key"] = key,
                    });
                    stdout.WriteLine($"  {result.ExitReason}: rms {rms:F3} after {result.History[^1].Iteration} iterations, {result.History[^1].Seconds:F1} s");
                    done++;
                }
            }
        }
        stdout.WriteLine($"{done} inversions run, {skipped} already finished");
        return ExitCode.Ok;
    }
}
