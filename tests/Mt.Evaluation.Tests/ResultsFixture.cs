using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Data.Models;
using Mt.Data.Results;
using Mt.Evaluation;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation.Tests;

/// <summary>
/// A tiny results folder made by hand under a fresh temp folder: an experiment extending the repository's ci.json
/// with evaluation noise levels 0 and 0.02; <c>data/test.h5</c> (3 models of 12 x 12 cells, 4 stations, 3
/// frequencies, their true responses) and <c>data/test-noise-0.02.h5</c>; a network prediction of each (the true model
/// plus <see cref="NetworkOffset"/> log10 units, 0.015 s per sample); and NLCG runs from a half-space at noise 0 whose
/// models are the true ones (wall time 2 + i s). No hybrid runs. Deleted on dispose.
/// </summary>
public sealed class ResultsFixture : IDisposable
{
    /// <summary>Test models.</summary>
    public const int Samples = 3;

    /// <summary>Constant added to the true log10 resistivity in the network's predictions.</summary>
    public const double NetworkOffset = 0.1;

    /// <summary>Creates the folder and its files.</summary>
    public ResultsFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mt-evaluation-tests-" + Guid.NewGuid().ToString("N"));
        Layout = new ResultsLayout(Path.Combine(Folder, "results", "tiny"));
        Directory.CreateDirectory(Layout.DataDir);
        Directory.CreateDirectory(Layout.PredictionsDir);
        string ci = RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        ExperimentPath = Path.Combine(Folder, "tiny.json");
        File.WriteAllText(ExperimentPath, "{\"extends\": \"" + ci + "\", \"evaluation\": {\"noise_levels\": [0, 0.02]}, \"inversion\": {\"models\": 3}}");

        Truth = TrueData();
        DataSetFile.Write(Layout.TestData(0), Truth);
        DataSet noisy = new NoiseModel().Apply(Truth, 0.02, 7);
        DataSetFile.Write(Layout.TestData(0.02), noisy);
        WritePrediction(Layout.Prediction(0), Truth);
        WritePrediction(Layout.Prediction(0.02), noisy);
        for (int i = 0; i < Samples; i++) WriteNlcgRun(0, NlcgStart.Halfspace, i, Truth.Sample(i).Log10Resistivity, 2 + i);
    }

    /// <summary>The temp folder.</summary>
    public string Folder { get; }

    /// <summary>The results folder (<c>results/tiny</c>).</summary>
    public ResultsLayout Layout { get; }

    /// <summary>The experiment file.</summary>
    public string ExperimentPath { get; }

    /// <summary>The clean test set.</summary>
    public DataSet Truth { get; }

    /// <summary>Writes an NLCG run folder with <paramref name="log10"/> as its model.</summary>
    public void WriteNlcgRun(double level, NlcgStart start, int sample, double[,] log10, double wallTime)
    {
        string folder = Layout.NlcgSample(level, start, sample);
        Directory.CreateDirectory(folder);
        ModelFile.Write(ResultsLayout.InversionModel(folder), Mt.Forward.ResistivityModel.FromLog10(Truth.YEdgesM, Truth.ZEdgesM, log10));
        ResultJson.Write(ResultsLayout.InversionSummaryFile(folder), new InversionSummary
        {
            FinalRms = 1.05, InversionRms = 1.04, Iterations = 12, WallTimeSeconds = wallTime, ExitReason = NlcgExit.TargetRms, ForwardSolves = 30,
            AdjointSolves = 12, FinalTradeOff = 1, Data = 24, Parameters = log10.Length, SecondsPerIteration = wallTime / 12,
            Inputs = new InversionInputs($"data/test.h5#{sample}", start.Folder(), "the start model", 1, 10, 0.05, 1.43),
        });
        File.WriteAllText(Path.Combine(folder, "response.csv"), "mode,station_m\n");
        File.WriteAllText(Path.Combine(folder, "history.csv"), "iteration,rms\n");
    }

    /// <summary>Writes the network's prediction of <paramref name="data"/>: its true models plus
    /// <paramref name="offset"/> log10 units (default <see cref="NetworkOffset"/>).</summary>
    public static void WritePrediction(string path, DataSet data, double offset = NetworkOffset)
    {
        var predicted = (double[,,])data.Log10Resistivity.Clone();
        for (int i = 0; i < predicted.GetLength(0); i++)
            for (int k = 0; k < predicted.GetLength(1); k++)
                for (int j = 0; j < predicted.GetLength(2); j++) predicted[i, k, j] += offset;
        var extra = new Dictionary<string, string>(data.Attributes.Extra) { [PredictionAttributes.SecondsPerSample] = "0.015" };
        DataSetFile.Write(path, new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, predicted,
            data.Log10RhoApp, data.PhaseDeg, data.Attributes with { Extra = extra }));
    }

    /// <summary>Three layered-and-block models and their responses (TE and TM).</summary>
    private static DataSet TrueData()
    {
        const int nz = 12, ny = 12;
        double[] yEdges = [.. Enumerable.Range(0, ny + 1).Select(e => 1000.0 * e)];
        double[] zEdges = [.. Enumerable.Range(0, nz + 1).Select(e => e == 0 ? 0 : 100 * Math.Pow(1.4, e))];
        zEdges[0] = 0;
        double[] stations = [2500, 5500, 8500, 10500];
        double[] frequencies = [0.1, 1, 10];
        var samples = new List<SampleData>();
        for (int i = 0; i < Samples; i++)
        {
            var rho = new double[nz, ny];
            for (int k = 0; k < nz; k++)
                for (int j = 0; j < ny; j++)
                    rho[k, j] = (k < 4 ? 100 : 10 + 20 * i) * (k >= 5 && k < 8 && j >= 3 + i && j < 7 + i ? 0.1 : 1);
            samples.Add(SampleData.Compute(i, new Mt.Forward.ResistivityModel(yEdges, zEdges, rho), stations, frequencies));
        }
        return SampleData.ToDataSet(samples, frequencies, stations, yEdges, zEdges,
            new DataSetAttributes("tiny", 1, DataSplit.Test, "fixture", "test"));
    }

    /// <summary>A file of the repository, found above the test assembly.</summary>
    public static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
