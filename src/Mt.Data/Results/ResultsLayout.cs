using System.Globalization;

namespace Mt.Data.Results;

/// <summary>
/// Where the stages of an experiment put their files under <c>results/EXPERIMENT/</c>: <c>data/test.h5</c> and its
/// noisy copies <c>data/test-noise-LEVEL.h5</c>, the network's predictions of each under <c>predictions/</c> with the
/// same file names, the NLCG runs under <c>nlcg/noise-LEVEL/START/sample-IIII/</c>, <c>metrics.json</c>,
/// <c>README.md</c>, <c>manifest.json</c> and <c>timings/</c>. The data folder may lie elsewhere: a variant experiment
/// with the same data section uses the data sets of the experiment it varies (build option data-from).
/// </summary>
/// <param name="root">The results folder of the experiment.</param>
/// <param name="dataDir">The data folder; null for <c>ROOT/data</c>.</param>
public sealed class ResultsLayout(string root, string? dataDir = null)
{
    /// <summary>The results folder of the experiment.</summary>
    public string Root { get; } = root;

    /// <summary>The default layout of the experiment named <paramref name="experimentName"/>: <c>results/NAME</c>
    /// relative to the working folder (the repository root in the build), with its data in <c>data/</c>.</summary>
    public static ResultsLayout OfExperiment(string experimentName) => new(Path.Combine("results", experimentName));

    /// <summary>The data folder.</summary>
    public string DataDir { get; } = dataDir ?? Path.Combine(root, "data");

    /// <summary>The path of a file named relative to the results folder: <c>data/NAME</c> lies in
    /// <see cref="DataDir"/>, anything else under <see cref="Root"/>.</summary>
    public string Resolve(string relative) =>
        relative.StartsWith("data/", StringComparison.Ordinal) ? Path.Combine(DataDir, relative["data/".Length..]) : Path.Combine(Root, relative);

    /// <summary>The predictions folder.</summary>
    public string PredictionsDir => Path.Combine(Root, "predictions");

    /// <summary>The training folder: weights, checkpoints, loss history, normalisation and model card.</summary>
    public string WeightsDir => Path.Combine(Root, "weights");

    /// <summary>The loss history of the training.</summary>
    public string LossCsv => Path.Combine(WeightsDir, "loss.csv");

    /// <summary>File name of the model card in a training folder.</summary>
    public const string ModelCardFileName = "model-card.json";

    /// <summary>The model card of the trained network.</summary>
    public string ModelCardJson => Path.Combine(WeightsDir, ModelCardFileName);

    /// <summary>The figures folder.</summary>
    public string FiguresDir => Path.Combine(Root, "figures");

    /// <summary>A figure (PNG; its data in a CSV of the same name beside it).</summary>
    public string Figure(string name) => Path.Combine(FiguresDir, name + ".png");

    /// <summary>The field line's folder (<c>mt field</c>).</summary>
    public string FieldDir => Path.Combine(Root, "field");

    /// <summary>The deep ensemble's folder (its members' training folders and <see cref="EnsembleReport"/>).</summary>
    public string EnsembleDir => Path.Combine(Root, "ensemble");

    /// <summary>The deep ensemble's calibration report.</summary>
    public string EnsembleJson => Path.Combine(EnsembleDir, EnsembleReport.FileName);

    /// <summary>The deep ensemble's prediction of the test set: its mean as the log10 resistivity, its raw standard
    /// deviation in the dataset <see cref="EnsembleReport.StandardDeviationDataset"/>.</summary>
    public string EnsemblePrediction => Path.Combine(EnsembleDir, EnsembleReport.PredictionFile);

    /// <summary>The NLCG folder.</summary>
    public string NlcgDir => Path.Combine(Root, "nlcg");

    /// <summary>The metrics file.</summary>
    public string MetricsJson => Path.Combine(Root, "metrics.json");

    /// <summary>The Markdown results table.</summary>
    public string ReadmeMd => Path.Combine(Root, "README.md");

    /// <summary>The provenance manifest.</summary>
    public string ManifestJson => Path.Combine(Root, "manifest.json");

    /// <summary>Timing records written by the build graph (one <c>NAME.seconds</c> file per timed target).</summary>
    public string TimingsDir => Path.Combine(Root, "timings");

    /// <summary>File name of the test set at <paramref name="noiseLevel"/>: <c>test.h5</c> for 0, else
    /// <c>test-noise-0.02.h5</c> and so on (the names <c>mt generate</c> writes).</summary>
    public static string TestFileName(double noiseLevel) => noiseLevel == 0 ? "test.h5" : NoisyFileName("test.h5", noiseLevel);

    /// <summary>The name of the copy of <paramref name="fileName"/> with noise at <paramref name="level"/>, e.g.
    /// <c>test.h5</c> at 0.02 gives <c>test-noise-0.02.h5</c>.</summary>
    public static string NoisyFileName(string fileName, double level) =>
        $"{Path.GetFileNameWithoutExtension(fileName)}-noise-{level.ToString("0.###", CultureInfo.InvariantCulture)}{Path.GetExtension(fileName)}";

    /// <summary>The training set.</summary>
    public string TrainData => Path.Combine(DataDir, "train.h5");

    /// <summary>The test set at <paramref name="noiseLevel"/>.</summary>
    public string TestData(double noiseLevel) => Path.Combine(DataDir, TestFileName(noiseLevel));

    /// <summary>The network's prediction of the test set at <paramref name="noiseLevel"/>.</summary>
    public string Prediction(double noiseLevel) => Path.Combine(PredictionsDir, TestFileName(noiseLevel));

    /// <summary>The folder of the NLCG runs at <paramref name="noiseLevel"/> from <paramref name="start"/>:
    /// <c>nlcg/noise-LEVEL/START</c>, LEVEL formatted with the invariant culture (0, 0.02, 0.05).</summary>
    public string NlcgRuns(double noiseLevel, NlcgStart start) =>
        Path.Combine(NlcgDir, "noise-" + noiseLevel.ToString(CultureInfo.InvariantCulture), start.Folder());

    /// <summary>The model file of an inversion folder.</summary>
    public static string InversionModel(string folder) => Path.Combine(folder, "model.json");

    /// <summary>The summary of an inversion folder.</summary>
    public static string InversionSummaryFile(string folder) => Path.Combine(folder, InversionSummary.FileName);

    /// <summary>The folder of one NLCG run: <c>.../sample-IIII</c>.</summary>
    public string NlcgSample(double noiseLevel, NlcgStart start, int sample) =>
        Path.Combine(NlcgRuns(noiseLevel, start), "sample-" + sample.ToString("D4", CultureInfo.InvariantCulture));
}
