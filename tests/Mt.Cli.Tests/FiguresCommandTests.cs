using System.Globalization;
using Mt.Cli.Verbs;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Data.Models;
using Mt.Forward;

namespace Mt.Cli.Tests;

/// <summary><c>mt figures</c> on a fixture results folder: a tiny test set, predictions, a loss history and NLCG models
/// in the layout the NLCG stage writes (<c>nlcg/noise-0/{halfspace,hybrid}/sample-IIII/model.json</c>).</summary>
public sealed class FiguresCommandTests : IDisposable
{
    private const int Nz = 6, Ny = 10, Models = 3;
    private static readonly double[] YEdges = Enumerable.Range(0, Ny + 1).Select(e => 1000.0 * e - 500).ToArray();
    private static readonly double[] ZEdges = Enumerable.Range(0, Nz + 1).Select(e => 150.0 * e * (e + 1)).ToArray();
    private static readonly double[] Stations = Enumerable.Range(0, Ny).Select(s => 1000.0 * s).ToArray();
    private static readonly double[] Frequencies = Enumerable.Range(0, 5).Select(f => Math.Pow(10, f - 2.0)).ToArray();
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Results => _folder.File("results");

    private string Figure(string name) => Path.Combine(Results, "figures", name);

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    private (int Code, string Out, string Err) RunFigures() =>
        Run("figures", "--experiment", GenerateCommandTests.RepoFile("experiments", "ci.json"), "--results", Results);

    /// <summary>A model: a 100 ohm-m half-space with a conductive block that moves with <paramref name="i"/>, plus <paramref name="shift"/> in log10.</summary>
    private static double[,] Log10Model(int i, double shift)
    {
        var model = new double[Nz, Ny];
        for (int z = 0; z < Nz; z++)
            for (int y = 0; y < Ny; y++)
                model[z, y] = 2 + shift - (z is 2 or 3 && y >= 2 + i && y <= 4 + i ? 1 : 0);
        return model;
    }

    private static ResistivityModel Ohm(double[,] log10)
    {
        var rho = new double[Nz, Ny];
        for (int z = 0; z < Nz; z++)
            for (int y = 0; y < Ny; y++)
                rho[z, y] = Math.Pow(10, log10[z, y]);
        return new ResistivityModel(YEdges, ZEdges, rho);
    }

    private static void WriteDataSet(string path, double shift)
    {
        var samples = Enumerable.Range(0, Models).Select(i => SampleData.Compute(i, Ohm(Log10Model(i, shift)), Stations, Frequencies)).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DataSetFile.Write(path, SampleData.ToDataSet(samples, Frequencies, Stations, YEdges, ZEdges, new DataSetAttributes("ci", 1, DataSplit.Test, "test", "test")));
    }

    private void WriteTest() => WriteDataSet(Path.Combine(Results, "data", "test.h5"), 0);

    private void WritePredictions() => WriteDataSet(Path.Combine(Results, "predictions", "test.h5"), 0.1);

    private void WriteLoss(string text)
    {
        Directory.CreateDirectory(Path.Combine(Results, "weights"));
        File.WriteAllText(Path.Combine(Results, "weights", "loss.csv"), text);
    }

    private void WriteNlcg(NlcgStart start, int index, ResistivityModel model)
    {
        string path = ResultsLayout.InversionModel(new ResultsLayout(Results).NlcgSample(0, start, index));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ModelFile.Write(path, model);
    }

    /// <summary>A deep ensemble's files: the mean (the predictions shifted by 0.05) with a uniform raw sd of 0.1, and a
    /// report whose scale is 1.5.</summary>
    private void WriteEnsemble()
    {
        var layout = new ResultsLayout(Results);
        WriteDataSet(layout.EnsemblePrediction, 0.05);
        DataSet mean = DataSetFile.Read(layout.EnsemblePrediction);
        var sd = new double[Models, Nz, Ny];
        foreach (int i in Enumerable.Range(0, sd.Length)) sd[i / (Nz * Ny), i / Ny % Nz, i % Ny] = 0.1;
        DataSetFile.Write(layout.EnsemblePrediction, mean, extraDatasets: new Dictionary<string, Array> { [EnsembleReport.StandardDeviationDataset] = sd });
        var coverage = new Coverage(0.5, 0.9);
        new EnsembleReport
        {
            Members = [new("w0", 0, 1, "a"), new("w1", 1, 1, "b")], TrainingData = "train.h5", TestData = "test.h5", ValidationSamples = 2, TestSamples = Models,
            Scale = 1.5, ScaleTwo = 1.5, ValidationRaw = coverage, TestRaw = coverage, TestCalibrated = coverage, TestMeanStandardDeviation = 0.1, TestRmseMean = 0.05,
            TestRmseFirstMember = 0.1, PredictionSeconds = 1,
        }.Write(layout.EnsembleJson);
    }

    [Fact]
    public void DrawsEveryFigureFromTheFullLayout()
    {
        WriteTest();
        WritePredictions();
        WriteLoss("epoch,train_loss,validation_loss,seconds\n1,0.9,0.8,1.5\n2,0.5,0.6,1.4\n3,0.4,0.7,1.4\n");
        for (int i = 0; i < Models; i++)
            WriteNlcg(NlcgStart.Halfspace, i, Ohm(Log10Model(i, -0.2)));
        WriteNlcg(NlcgStart.Hybrid, 1, Ohm(Log10Model(1, 0.05)));
        WriteEnsemble();

        var (code, output, err) = RunFigures();

        Assert.True(code == 0, err);
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
        Assert.Contains("NLCG hybrid: 1 of 3 test models", output, StringComparison.Ordinal);
        string[] names = ["comparison", "loss", "pseudo-sections", "error-histogram", "uncertainty"];
        Assert.Equal(names.SelectMany(n => new[] { n + ".csv", n + ".png" }).Append("stage.json").Order(), Directory.GetFiles(Path.Combine(Results, "figures")).Select(Path.GetFileName).Order());

        string[] comparison = File.ReadAllLines(Figure("comparison.csv"));
        int cells = Nz * Ny;
        // True, network and NLCG for every model, the hybrid for one, and the ensemble's calibrated sd for every model.
        Assert.Equal(1 + Ny + Models * 3 * cells + cells + Models * cells, comparison.Length);
        string[] sd = [.. comparison.Where(l => l.Contains(",sd,", StringComparison.Ordinal))];
        Assert.Equal(Models * cells, sd.Length);
        Assert.All(sd, l => Assert.Equal(0.15, double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture), 12));
        string hybrid = Assert.Single(comparison, l => l.StartsWith("2,hybrid,", StringComparison.Ordinal) && l.Contains(",0,0.15,", StringComparison.Ordinal));
        double[] hybridRow = hybrid.Split(',')[4..].Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([2.05, 0.05], hybridRow, (a, b) => Math.Abs(a - b) < 1e-9); // 100 ohm-m + 0.05 in log10; RMSE 0.05 against the truth
        Assert.Contains("3,nlcg_halfspace,", string.Join('\n', comparison), StringComparison.Ordinal);

        Assert.Equal(["epoch,train_loss,validation_loss,best", "1,0.9,0.8,0", "2,0.5,0.6,1", "3,0.4,0.7,0"], File.ReadAllLines(Figure("loss.csv")));

        // The predicted data are the forward response of the predicted model 0 (ci's mode TE) at the test stations and frequencies.
        string[] pseudo = File.ReadAllLines(Figure("pseudo-sections.csv"));
        Assert.Equal(1 + Frequencies.Length * Ny, pseudo.Length);
        SampleData expected = SampleData.Compute(0, Ohm(Log10Model(0, 0.1)), Stations, Frequencies);
        double[] row = pseudo[1 + 2 * Ny + 3].Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Log10RhoApp[0, 2, 3], row[3], 9);
        Assert.Equal(expected.PhaseDeg[0, 2, 3], row[6], 7);
        double log10Error = Mt.Data.Misfit.DataErrors.Log10Error(0.05); // ci's floor: 5 % of rho_a
        Assert.Equal((row[3] - row[2]) / log10Error, row[4], 7);

        string[] histogram = File.ReadAllLines(Figure("error-histogram.csv"));
        Assert.Equal("bin_lower,bin_upper,network_count,nlcg_halfspace_count,hybrid_count", histogram[0]);
        int[] totals = Enumerable.Range(2, 3).Select(c => histogram.Skip(1).Sum(l => int.Parse(l.Split(',')[c], CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal([Models * cells, Models * cells, cells], totals);

        // The uncertainty figure: every model's true, mean, sd and error cells; the sd is the raw 0.1 times the scale 1.5,
        // the error the mean's 0.05 offset from the truth.
        string[] uncertainty = File.ReadAllLines(Figure("uncertainty.csv"));
        Assert.Equal(1 + Models * 4 * cells, uncertainty.Length);
        Assert.All(uncertainty.Where(l => l.Contains(",sd,", StringComparison.Ordinal)), l => Assert.Equal(0.15, double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture), 12));
        Assert.All(uncertainty.Where(l => l.Contains(",error,", StringComparison.Ordinal)), l => Assert.Equal(0.05, double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture), 9));
    }

    [Fact]
    public void SkipsWhatIsMissingSaysWhyAndRemovesStaleFigures()
    {
        WriteTest();
        WriteLoss("epoch,train_loss,validation_loss,seconds\n1,0.9,,1.5\n");
        Directory.CreateDirectory(Path.Combine(Results, "figures"));
        File.WriteAllText(Figure("comparison.png"), "stale");

        var (code, output, err) = RunFigures();

        Assert.True(code == 0, err);
        Assert.True(File.Exists(Figure("loss.png")));
        Assert.Contains("skipped comparison.png: no " + Path.Combine(Results, "predictions", "test.h5") + " and no NLCG models", output, StringComparison.Ordinal);
        Assert.Contains("skipped pseudo-sections.png", output, StringComparison.Ordinal);
        Assert.Contains("skipped error-histogram.png", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Figure("comparison.png")));
        Assert.Equal(["loss.csv", "loss.png", "stage.json"], Directory.GetFiles(Path.Combine(Results, "figures")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void NothingToDrawIsOneLine()
    {
        Directory.CreateDirectory(Results);
        var (code, _, err) = RunFigures();
        Assert.Equal(ExitCode.BadInput, code);
        Assert.StartsWith("mt figures: error: nothing to draw", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));

        (code, _, err) = Run("figures", "--experiment", GenerateCommandTests.RepoFile("experiments", "ci.json"), "--results", _folder.File("none"));
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("--results: folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnNlcgModelOnAnotherGridIsOneLineNamingTheFile()
    {
        WriteTest();
        WriteNlcg(NlcgStart.Halfspace, 2, ResistivityModel.Layered([100, 10], [1000]));

        var (code, _, err) = RunFigures();

        Assert.Equal(ExitCode.BadInput, code);
        Assert.StartsWith("mt figures: error:", err, StringComparison.Ordinal);
        Assert.Contains("sample-0002", err, StringComparison.Ordinal);
        Assert.Contains("is not the 6 x 10 grid of the test set", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Results, "figures")));
    }

    [Theory]
    [InlineData("epoch,loss\n1,2\n", "header")]
    [InlineData("epoch,train_loss,validation_loss,seconds\n1,x,0.5,1\n", "line 2")]
    [InlineData("epoch,train_loss,validation_loss,seconds\n2,1,1,1\n1,1,1,1\n", "strictly increasing")]
    [InlineData("epoch,train_loss,validation_loss,seconds\n", "no epochs")]
    public void ABadLossHistoryIsOneLineNamingTheFile(string text, string problem)
    {
        WriteLoss(text);

        var (code, _, err) = RunFigures();

        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("loss.csv", err, StringComparison.Ordinal);
        Assert.Contains(problem, err, StringComparison.Ordinal);
        Assert.False(File.Exists(Figure("loss.png")));
    }
}
