using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Evaluation.Metrics;
using Mt.Forward;

namespace Mt.Evaluation;

/// <summary>
/// Measures the network, NLCG from a half-space and the hybrid on the test set at each of the experiment's evaluation
/// noise levels: RMSE and SSIM of log10 resistivity against the true models, the data RMS misfit of each model (its
/// responses recomputed here with the same forward engine for every method, under the data errors of the inversion's
/// floors and the noise level), and the time each method took. Methods whose files are absent are listed as missing.
/// </summary>
public static class Evaluator
{
    /// <summary>Name of the prediction-file attribute holding the network's prediction time per sample (seconds,
    /// invariant culture), written by <c>mt predict</c>.</summary>
    public const string SecondsPerSampleAttribute = "prediction_seconds_per_sample";

    /// <summary>Evaluates the results under <paramref name="layout"/>; bad or missing required files are
    /// <see cref="DataFileException"/>s naming the file.</summary>
    public static EvaluationReport Run(string experimentName, Experiment experiment, ResultsLayout layout, Action<string>? log = null,
        ForwardOptions? forwardOptions = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(layout);
        log ??= _ => { };
        var inputs = new List<InputFile>();
        var missing = new List<string>();
        var results = new List<MethodResult>();
        var levels = new List<NoiseLevelInfo>();
        var geology = experiment.Data.Geology.ResistivityOhmM;
        SsimOptions ssim = SsimOptions.Default with { DataRange = Math.Log10(geology.Max / geology.Min) };
        ErrorFloors floors = experiment.Inversion.ErrorFloors;

        string truthPath = layout.TestData(0);
        DataSet truth = Read(truthPath, layout, inputs);
        // NLCG inverts the first inversion.models test models (all when absent).
        int inverted = Math.Min(experiment.Inversion.Models ?? truth.Count, truth.Count);
        foreach (double level in experiment.Evaluation.NoiseLevels)
        {
            string levelText = level.ToString(CultureInfo.InvariantCulture);
            DataSet observed = level == 0 ? truth : Read(layout.TestData(level), layout, inputs);
            CheckMatches(observed, truth, layout.TestData(level), truthPath);
            DataErrors errors = DataErrors.From(floors.ApparentResistivityFraction, floors.PhaseDeg, level);
            levels.Add(new NoiseLevelInfo(level, errors.Log10RhoApp, errors.PhaseDeg, Summary.Of(
                [.. Enumerable.Range(0, truth.Count).Select(i =>
                {
                    DataSample t = truth.Sample(i), o = observed.Sample(i);
                    return errors.Rms(t.Log10RhoApp, t.PhaseDeg, o.Log10RhoApp, o.PhaseDeg);
                })])));

            string predictionPath = layout.Prediction(level);
            if (File.Exists(predictionPath))
            {
                DataSet prediction = Read(predictionPath, layout, inputs);
                CheckMatches(prediction, truth, predictionPath, truthPath);
                double? seconds = prediction.Attributes.Extra.TryGetValue(SecondsPerSampleAttribute, out string? text)
                    ? InvariantNumber.TryParseFinite(text, out double s) && s >= 0
                        ? s
                        : throw new DataFileException(predictionPath, null, $"attribute '{SecondsPerSampleAttribute}' is '{text}', expected seconds >= 0")
                    : null;
                if (seconds is null) missing.Add($"{Methods.Network} at noise {levelText}: no prediction time in {Relative(layout, predictionPath)}");
                var network = new MethodResult(Methods.Network, level, [.. Enumerable.Range(0, truth.Count).Select(i =>
                {
                    log($"{Methods.Network}, noise {levelText}, sample {i + 1}/{truth.Count}");
                    return Measure(i, prediction.Sample(i).Log10Resistivity, truth, observed, errors, ssim, seconds, null, forwardOptions);
                })]);
                results.Add(network);
                if (inverted < truth.Count)
                    results.Add(new MethodResult(Methods.NetworkOnInverted, level, [.. network.Samples.Take(inverted)]));
            }
            else
            {
                missing.Add($"{Methods.Network} at noise {levelText}: {Relative(layout, predictionPath)} not found");
            }

            foreach (string start in ResultsLayout.NlcgStarts)
            {
                string method = Methods.OfNlcgStart(start);
                string runs = layout.NlcgRuns(level, start);
                if (!Directory.Exists(runs))
                {
                    missing.Add($"{method} at noise {levelText}: {Relative(layout, runs)} not found");
                    continue;
                }
                results.Add(new MethodResult(method, level, [.. Enumerable.Range(0, inverted).Select(i =>
                {
                    string folder = layout.NlcgSample(level, start, i);
                    NlcgRun run = NlcgRun.Read(folder, truth);
                    foreach (string name in new[] { NlcgRun.ModelFileName, NlcgRun.SummaryFileName })
                        inputs.Add(new InputFile(Relative(layout, Path.Combine(folder, name)), FileHash.Sha256(Path.Combine(folder, name))));
                    log($"{method}, noise {levelText}, sample {i + 1}/{inverted}");
                    return Measure(i, run.Log10Resistivity, truth, observed, errors, ssim, run.WallTimeSeconds,
                        new NlcgDetails(run.FinalRms, run.Iterations, run.ExitReason, run.ForwardSolves), forwardOptions);
                })]));
            }
        }

        if (results.Count == 0)
            throw new DataFileException(layout.PredictionsDir, null, "no method to evaluate: no predictions and no NLCG runs found");
        var sections = Enum.GetValues<ExperimentSection>().ToDictionary(
            s => s.ToString().ToLowerInvariant(), s => ExperimentJson.SectionHash(experiment, s));
        return new EvaluationReport(experimentName, sections, new SsimSettings(ssim.WindowText, ssim.DataRange, ssim.K1, ssim.K2),
            levels, [.. results.OrderBy(r => IndexOf(r.Method)).ThenBy(r => r.NoiseLevel)], missing, inputs);
    }

    private static SampleMetrics Measure(int index, double[,] model, DataSet truth, DataSet observed, DataErrors errors, SsimOptions ssim,
        double? seconds, NlcgDetails? nlcg, ForwardOptions? forwardOptions)
    {
        DataSample t = truth.Sample(index), o = observed.Sample(index);
        return new SampleMetrics(index,
            SectionMetrics.Rmse(model, t.Log10Resistivity),
            SectionMetrics.Ssim(model, t.Log10Resistivity, ssim),
            ResponseMisfit.DataRms(model, truth, o.Log10RhoApp, o.PhaseDeg, errors, forwardOptions),
            seconds, nlcg);
    }

    private static int IndexOf(string method)
    {
        int i = Methods.All.ToList().IndexOf(method);
        return i < 0 ? int.MaxValue : i;
    }

    private static DataSet Read(string path, ResultsLayout layout, List<InputFile> inputs)
    {
        DataSet data = DataSetFile.Read(path);
        inputs.Add(new InputFile(Relative(layout, path), FileHash.Sha256(path)));
        return data;
    }

    /// <summary>Checks that <paramref name="other"/> holds as many samples as the test set, on its grid, stations and
    /// frequencies.</summary>
    private static void CheckMatches(DataSet other, DataSet truth, string otherPath, string truthPath)
    {
        if (other.Count != truth.Count)
            throw new DataFileException(otherPath, null, $"holds {other.Count} samples, expected {truth.Count} as {truthPath}");
        if (!other.YEdgesM.SequenceEqual(truth.YEdgesM) || !other.ZEdgesM.SequenceEqual(truth.ZEdgesM))
            throw new DataFileException(otherPath, null, $"its grid ({other.Nz} x {other.Ny} cells) is not that of {truthPath} ({truth.Nz} x {truth.Ny})");
        if (!other.StationsM.SequenceEqual(truth.StationsM) || !other.FrequenciesHz.SequenceEqual(truth.FrequenciesHz))
            throw new DataFileException(otherPath, null, $"its stations or frequencies are not those of {truthPath}");
    }

    /// <summary>A path relative to the results folder, with forward slashes.</summary>
    internal static string Relative(ResultsLayout layout, string path) =>
        Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
