using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Data.Responses;
using Mt.Data.Results;
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
        // The baseline: the training models' mean log10 resistivity in every cell (when the training set is there).
        double? trainingMean = File.Exists(layout.TrainData) ? TrainingMean(ReadModels(layout.TrainData, layout, inputs)) : null;
        if (trainingMean is null) missing.Add($"{Method.TrainingMean.Key()}: {Relative(layout, layout.TrainData)} not found");
        // NLCG inverts the first inversion.models test models (all when absent).
        int inverted = Math.Min(experiment.Inversion.Models ?? truth.Count, truth.Count);
        foreach (double level in experiment.Evaluation.NoiseLevels)
        {
            string levelText = level.ToString(CultureInfo.InvariantCulture);
            DataSet observed = level == 0 ? truth : Read(layout.TestData(level), layout, inputs);
            CheckMatches(observed, truth, layout.TestData(level), truthPath);
            if (observed.NoiseLevel != level)
                throw new DataFileException(layout.TestData(level), null, $"its noise level attribute is {observed.NoiseLevel}, expected {levelText}");
            DataErrors errors = floors.At(level);
            // The observed data of each test model (errors of this level) and its misfit; the true models' own data.
            var misfits = Enumerable.Range(0, truth.Count).Select(i => new DataMisfit(Observations.FromSample(observed, i, ResponseMisfit.Modes, floors))).ToList();
            levels.Add(new NoiseLevelInfo(level, errors.Log10RhoApp, errors.PhaseDeg, Summary.Of(
                [.. Enumerable.Range(0, truth.Count).Select(i => misfits[i].Rms(Observations.FromSample(truth, i, ResponseMisfit.Modes, floors).Values()))])));

            string predictionPath = layout.Prediction(level);
            var checkSeconds = new double[truth.Count];
            MethodResult? onInverted = null, hybrid = null;
            if (File.Exists(predictionPath))
            {
                DataSet prediction = Read(predictionPath, layout, inputs);
                CheckMatches(prediction, truth, predictionPath, truthPath);
                double? seconds = prediction.Attributes.Extra.TryGetValue(PredictionAttributes.SecondsPerSample, out string? text)
                    ? InvariantNumber.TryParseFinite(text, out double s) && s >= 0
                        ? s
                        : throw new DataFileException(predictionPath, null, $"attribute '{PredictionAttributes.SecondsPerSample}' is '{text}', expected seconds >= 0")
                    : null;
                if (seconds is null) missing.Add($"{Method.Network.Key()} at noise {levelText}: no prediction time in {Relative(layout, predictionPath)}");
                // The data RMS of each prediction: on the models NLCG inverted, recomputed here and timed (the time of the
                // automatic method's physics check); on the others, the physics check that mt predict stored in the file
                // when it is the same computation (see StoredCheck), and recomputed otherwise.
                double[]? stored = StoredCheck.DataRms(prediction, observed, floors, predictionPath);
                var network = new MethodResult(Method.Network, level, [.. Enumerable.Range(0, truth.Count).Select(i =>
                {
                    double[,] model = prediction.Sample(i).Log10Resistivity;
                    if (i >= inverted && stored is not null) return Measure(i, model, truth, stored[i], ssim, seconds, null);
                    log($"{Method.Network.Key()}, noise {levelText}, sample {i + 1}/{truth.Count}");
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    double rms = DataRms(model, truth, misfits[i], forwardOptions);
                    checkSeconds[i] = clock.Elapsed.TotalSeconds;
                    if (stored is not null && stored[i] != rms)
                        throw new DataFileException(predictionPath, null, FormattableString.Invariant(
                            $"its stored physics check gives sample {i} a data RMS of {stored[i]:R}, but the same misfit recomputed here is {rms:R}; the file was checked by other code: predict it again (./build.sh Predict)"));
                    return Measure(i, model, truth, rms, ssim, seconds, null);
                })]);
                results.Add(network);
                onInverted = inverted < truth.Count ? new MethodResult(Method.NetworkOnInverted, level, [.. network.Samples.Take(inverted)]) : network;
                if (inverted < truth.Count) results.Add(onInverted);
            }
            else
            {
                missing.Add($"{Method.Network.Key()} at noise {levelText}: {Relative(layout, predictionPath)} not found");
            }

            if (trainingMean is double mean)
            {
                var constant = new double[truth.Nz, truth.Ny];
                foreach (int k in Enumerable.Range(0, truth.Nz))
                    foreach (int j in Enumerable.Range(0, truth.Ny)) constant[k, j] = mean;
                // One model for every sample: its responses are computed once per survey and measured against each.
                var responses = new List<(Mt.Forward.Survey Survey, double[] Predicted)>();
                results.Add(new MethodResult(Method.TrainingMean, level, [.. Enumerable.Range(0, truth.Count).Select(i =>
                {
                    Mt.Forward.Survey survey = misfits[i].Data.Survey;
                    double[]? predicted = responses.FirstOrDefault(r => SameSurvey(r.Survey, survey)).Predicted;
                    if (predicted is null)
                    {
                        predicted = new Mt.Forward.Simulation(survey, forwardOptions).Dpred(ResistivityModel.FromLog10(truth.YEdgesM, truth.ZEdgesM, constant));
                        responses.Add((survey, predicted));
                    }
                    return Measure(i, constant, truth, misfits[i].Rms(predicted), ssim, 0, null);
                })]));
            }

            foreach (NlcgStart start in Enum.GetValues<NlcgStart>())
            {
                Method method = start.ToMethod();
                string runs = layout.NlcgRuns(level, start);
                if (!Directory.Exists(runs))
                {
                    missing.Add($"{method.Key()} at noise {levelText}: {Relative(layout, runs)} not found");
                    continue;
                }
                var runResult = new MethodResult(method, level, [.. Enumerable.Range(0, inverted).Select(i =>
                {
                    string folder = layout.NlcgSample(level, start, i);
                    NlcgRun run = NlcgRun.Read(folder, truth);
                    foreach (string file in new[] { ResultsLayout.InversionModel(folder), ResultsLayout.InversionSummaryFile(folder) })
                        inputs.Add(new InputFile(Relative(layout, file), FileHash.Sha256(file)));
                    log($"{method.Key()}, noise {levelText}, sample {i + 1}/{inverted}");
                    InversionSummary summary = run.Summary;
                    return Measure(i, run.Log10Resistivity, truth, DataRms(run.Log10Resistivity, truth, misfits[i], forwardOptions), ssim,
                        summary.WallTimeSeconds, new NlcgDetails(summary.FinalRms, summary.Iterations, summary.ExitReason, summary.ForwardSolves));
                })]);
                results.Add(runResult);
                if (start == NlcgStart.Hybrid) hybrid = runResult;
            }

            // The automatic method, on the models NLCG inverted: from the network's results and the hybrid runs.
            if (onInverted is not null && inverted > 0)
            {
                MethodResult? auto = AutoMethod.Combine(AutoPolicy.ForTarget(experiment.Inversion.TargetRms), onInverted, hybrid, checkSeconds[..inverted]);
                if (auto is not null && auto.Samples.Count == inverted) results.Add(auto);
                else missing.Add($"{Method.Auto.Key()} at noise {levelText}: predictions above the acceptance level have no hybrid run");
            }
        }

        if (results.Count == 0)
            throw new DataFileException(layout.PredictionsDir, null, "no method to evaluate: no predictions and no NLCG runs found");
        var sections = Enum.GetValues<ExperimentSection>().ToDictionary(
            s => s.ToString().ToLowerInvariant(), s => ExperimentJson.SectionHash(experiment, s));
        return new EvaluationReport(experimentName, sections, new SsimSettings(ssim.WindowText, ssim.DataRange, ssim.K1, ssim.K2),
            levels, [.. results.OrderBy(r => r.Method).ThenBy(r => r.NoiseLevel)], missing, inputs);
    }

    private static SampleMetrics Measure(int index, double[,] model, DataSet truth, double dataRms, SsimOptions ssim,
        double? seconds, NlcgDetails? nlcg)
    {
        double[,] t = truth.Sample(index).Log10Resistivity;
        return new SampleMetrics(index, Mt.Data.Models.SectionError.Rmse(model, t), SectionMetrics.Ssim(model, t, ssim), dataRms, seconds, nlcg);
    }

    /// <summary>The data RMS of the log10 section <paramref name="model"/> (on the test set's grid) under
    /// <paramref name="misfit"/>: one forward run.</summary>
    private static double DataRms(double[,] model, DataSet truth, DataMisfit misfit, ForwardOptions? forwardOptions) =>
        ResponseMisfit.DataRms(ResistivityModel.FromLog10(truth.YEdgesM, truth.ZEdgesM, model), misfit, forwardOptions);

    /// <summary>Whether two surveys have the same stations, frequencies and receivers in the same order, so that one
    /// forward response serves both.</summary>
    internal static bool SameSurvey(Mt.Forward.Survey a, Mt.Forward.Survey b) =>
        a.StationsM.SequenceEqual(b.StationsM) && a.FrequenciesHz.SequenceEqual(b.FrequenciesHz) && a.Receivers.SequenceEqual(b.Receivers);

    /// <summary>The mean log10 resistivity over every cell of every model.</summary>
    internal static double TrainingMean(double[,,] models)
    {
        double sum = 0;
        foreach (double v in models) sum += v;
        return sum / models.Length;
    }

    private static double[,,] ReadModels(string path, ResultsLayout layout, List<InputFile> inputs)
    {
        double[,,] models = DataSetFile.ReadModels(path);
        inputs.Add(new InputFile(Relative(layout, path), FileHash.Sha256(path)));
        return models;
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
