using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Data.Results;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation.Tests;

/// <summary>The evaluation of a hand-made results folder: the network, NLCG from a half-space, a missing hybrid.</summary>
public sealed class EvaluatorTests : IDisposable
{
    private readonly ResultsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private EvaluationReport Run() =>
        Evaluator.Run("tiny", ExperimentLoader.Load(_fixture.ExperimentPath), _fixture.Layout);

    [Fact]
    public void MeasuresEveryMethodPresentAndNamesTheMissingOnes()
    {
        EvaluationReport report = Run();
        Assert.Equal(["network 0", "network 0.02", "nlcg_halfspace 0"],
            report.Results.Select(r => FormattableString.Invariant($"{r.Method.Key()} {r.NoiseLevel}")));

        MethodResult network = report.Results[0];
        Assert.Equal(ResultsFixture.Samples, network.Samples.Count);
        Assert.All(network.Samples, s => Assert.Equal(ResultsFixture.NetworkOffset, s.Rmse, 10));
        Assert.All(network.Samples, s => Assert.Equal(0.015, s.WallTimeSeconds));
        Assert.All(network.Samples, s => Assert.InRange(s.Ssim, 0.5, 1 - 1e-6));
        // A model ten per cent... 10^0.1 too resistive everywhere misfits the clean data clearly.
        Assert.All(network.Samples, s => Assert.True(s.DataRms > 1, $"data RMS {s.DataRms}"));

        // NLCG's models are the true ones: no model error, and responses that fit the clean data exactly.
        MethodResult nlcg = report.Results[2];
        Assert.All(nlcg.Samples, s => Assert.Equal(0, s.Rmse));
        Assert.All(nlcg.Samples, s => Assert.Equal(1, s.Ssim, 12));
        Assert.All(nlcg.Samples, s => Assert.True(s.DataRms < 1e-6, $"data RMS {s.DataRms}"));
        Assert.Equal([2.0, 3, 4], nlcg.Samples.Select(s => s.WallTimeSeconds!.Value));
        Assert.Equal(new NlcgDetails(1.05, 12, NlcgExit.TargetRms, 30), nlcg.Samples[0].Nlcg);
        Assert.Equal(3, nlcg.Aggregate.WallTimeSeconds!.Median);

        Assert.Contains(report.Missing, m => m.StartsWith("hybrid at noise 0: nlcg/noise-0/hybrid", StringComparison.Ordinal));
        Assert.Contains(report.Missing, m => m.StartsWith("nlcg_halfspace at noise 0.02: nlcg/noise-0.02/halfspace", StringComparison.Ordinal));
        Assert.Contains(report.Inputs, f => f.File == "data/test-noise-0.02.h5" && f.Sha256 == FileHash.Sha256(_fixture.Layout.TestData(0.02)));
        Assert.Contains(report.Inputs, f => f.File == "nlcg/noise-0/halfspace/sample-0002/summary.json");
    }

    /// <summary>With a training set, the baseline is measured at every level: the training models' mean log10
    /// resistivity (over all their cells) in every cell of every test model; without one it is named as missing.</summary>
    [Fact]
    public void TheTrainingMeanBaselineIsMeasuredWhenTheTrainingSetIsThere()
    {
        Assert.Contains(Run().Missing, m => m == "training_mean: data/train.h5 not found");
        DataSet train = _fixture.Truth;
        DataSetFile.Write(_fixture.Layout.TrainData, train);
        double mean = train.Log10Resistivity.Cast<double>().Average();

        EvaluationReport report = Run();

        var baseline = report.Results.Where(r => r.Method == Method.TrainingMean).ToList();
        Assert.Equal([0, 0.02], baseline.Select(r => r.NoiseLevel));
        for (int i = 0; i < ResultsFixture.Samples; i++)
        {
            double[,] t = train.Sample(i).Log10Resistivity;
            double expected = Math.Sqrt(t.Cast<double>().Average(v => (v - mean) * (v - mean)));
            Assert.Equal(expected, baseline[0].Samples[i].Rmse, 12);
        }
        Assert.Contains(report.Inputs, f => f.File == "data/train.h5");

        // Its responses are computed once and measured against each sample: the same number as one forward run per sample.
        var constant = new double[train.Nz, train.Ny];
        for (int k = 0; k < train.Nz; k++)
            for (int j = 0; j < train.Ny; j++) constant[k, j] = mean;
        DataSet noisy = DataSetFile.Read(_fixture.Layout.TestData(0.02));
        var floors = ExperimentLoader.Load(_fixture.ExperimentPath).Inversion.ErrorFloors;
        for (int i = 0; i < ResultsFixture.Samples; i++)
            Assert.Equal(ResponseMisfit.SampleRms(noisy, i, constant, floors), baseline[1].Samples[i].DataRms);
    }

    /// <summary>Rewrites the prediction at <paramref name="level"/> with a stored physics check: <paramref name="rms"/>
    /// per sample under <paramref name="floors"/> (the experiment's by default).</summary>
    private void StoreCheck(double level, double[] rms, string? floors = null, DataSet? responsesOf = null)
    {
        string path = _fixture.Layout.Prediction(level);
        DataSet p = DataSetFile.Read(path);
        var f = ExperimentLoader.Load(_fixture.ExperimentPath).Inversion.ErrorFloors;
        var extra = new Dictionary<string, string>(p.Attributes.Extra)
        {
            [StoredCheck.DataRmsAttribute] = string.Join(",", rms.Select(InvariantNumber.Format)),
            [StoredCheck.FloorsAttribute] = floors ?? FormattableString.Invariant($"{f.ApparentResistivityFraction},{f.PhaseDeg}"),
        };
        DataSet r = responsesOf ?? p;
        DataSetFile.Write(path, new DataSet(p.FrequenciesHz, p.StationsM, p.YEdgesM, p.ZEdgesM, p.Log10Resistivity, r.Log10RhoApp, r.PhaseDeg,
            p.Attributes with { Extra = extra }));
    }

    private double[] NetworkDataRms(EvaluationReport report, double level) =>
        [.. report.Results.Single(r => r.Method == Method.Network && r.NoiseLevel == level).Samples.Select(s => s.DataRms)];

    private EvaluationReport RunInvertingOne()
    {
        Experiment experiment = ExperimentLoader.Load(_fixture.ExperimentPath);
        return Evaluator.Run("tiny", experiment with { Inversion = experiment.Inversion with { Models = 1 } }, _fixture.Layout);
    }

    /// <summary>The physics check mt predict stored is the network's data RMS on the models NLCG did not invert; on the
    /// ones it did, the misfit is recomputed (and timed for the automatic method) and must equal the stored value.</summary>
    [Fact]
    public void TheStoredPhysicsCheckIsReusedOnTheModelsNlcgDidNotInvert()
    {
        double[] computed = NetworkDataRms(RunInvertingOne(), 0.02);
        // The stored values of samples 1 and 2 are marked (computed + 1): the report must show them, not recompute them.
        StoreCheck(0.02, [computed[0], computed[1] + 1, computed[2] + 1]);
        Assert.Equal([computed[0], computed[1] + 1, computed[2] + 1], NetworkDataRms(RunInvertingOne(), 0.02));

        // A stored value that the recomputation contradicts is an error naming the file.
        StoreCheck(0.02, [computed[0] * 1.01, computed[1], computed[2]]);
        var ex = Assert.Throws<DataFileException>(RunInvertingOne);
        Assert.Equal(_fixture.Layout.Prediction(0.02), ex.FilePath);
        Assert.Contains("its stored physics check gives sample 0 a data RMS of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredCheckUnderOtherFloorsOrOfOtherDataIsRecomputed()
    {
        double[] computed = NetworkDataRms(RunInvertingOne(), 0.02);
        StoreCheck(0.02, [9, 9, 9], floors: "0.1,1.43");
        Assert.Equal(computed, NetworkDataRms(RunInvertingOne(), 0.02));
        // The responses of the clean data: a prediction of other data than the 2 % set it is measured against.
        StoreCheck(0.02, [9, 9, 9], responsesOf: _fixture.Truth);
        Assert.Equal(computed, NetworkDataRms(RunInvertingOne(), 0.02));
    }

    [Theory]
    [InlineData("1,2", "holds 2 values for 3 samples")]
    [InlineData("1,x,2", "gives sample 1 the data RMS 'x', expected a number >= 0")]
    [InlineData("1,-2,2", "gives sample 1 the data RMS '-2'")]
    public void AMalformedStoredCheckIsAnErrorNamingTheFile(string values, string message)
    {
        string path = _fixture.Layout.Prediction(0);
        DataSet p = DataSetFile.Read(path);
        var extra = new Dictionary<string, string>(p.Attributes.Extra) { [StoredCheck.DataRmsAttribute] = values, [StoredCheck.FloorsAttribute] = "0.05,1.43" };
        DataSetFile.Write(path, new DataSet(p.FrequenciesHz, p.StationsM, p.YEdgesM, p.ZEdgesM, p.Log10Resistivity, p.Log10RhoApp, p.PhaseDeg,
            p.Attributes with { Extra = extra }));
        var ex = Assert.Throws<DataFileException>(Run);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataRmsOfTheNoisyLevelUsesTheRaisedErrors()
    {
        EvaluationReport report = Run();
        NoiseLevelInfo noisy = report.NoiseLevels.Single(l => l.NoiseLevel == 0.02);
        Experiment experiment = ExperimentLoader.Load(_fixture.ExperimentPath);
        var floors = experiment.Inversion.ErrorFloors;
        var errors = DataErrors.From(floors.ApparentResistivityFraction, floors.PhaseDeg, 0.02);
        Assert.Equal(errors.Log10RhoApp, noisy.Log10RhoAppError);
        // The true models against the noisy data: the noise over the errors, of order 1 (noise 2 % over a 5 % floor: below 1).
        Assert.InRange(noisy.TrueModelDataRms.Mean, 0.1, 1.5);
        Assert.Equal(0, report.NoiseLevels.Single(l => l.NoiseLevel == 0).TrueModelDataRms.Max);

        // Recomputed by hand for one sample of the network at 2 %.
        DataSet observed = DataSetFile.Read(_fixture.Layout.TestData(0.02));
        DataSet predicted = DataSetFile.Read(_fixture.Layout.Prediction(0.02));
        var misfit = new Mt.Forward.DataMisfit(Mt.Data.Responses.Observations.FromSample(observed, 1, ResponseMisfit.Modes,
            ExperimentLoader.Load(_fixture.ExperimentPath).Inversion.ErrorFloors));
        double expected = ResponseMisfit.DataRms(predicted.Model(1), misfit);
        Assert.Equal(expected, report.Results.Single(r => r.Method == Method.Network && r.NoiseLevel == 0.02).Samples[1].DataRms, 12);
    }

    [Fact]
    public void WritesJsonAndMarkdown()
    {
        EvaluationReport report = Run();
        ReportWriter.WriteJson(_fixture.Layout.MetricsJson, report);
        ReportWriter.WriteMarkdown(_fixture.Layout.ReadmeMd, report);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(_fixture.Layout.MetricsJson));
        JsonElement root = json.RootElement;
        Assert.Equal("tiny", root.GetProperty("experiment").GetString());
        Assert.Equal(64, root.GetProperty("section_sha256").GetProperty("evaluation").GetString()!.Length);
        JsonElement first = root.GetProperty("results")[0];
        Assert.Equal("network", first.GetProperty("method").GetString());
        Assert.Equal(ResultsFixture.NetworkOffset, first.GetProperty("aggregate").GetProperty("rmse").GetProperty("median").GetDouble(), 10);
        Assert.Equal(3, first.GetProperty("samples").GetArrayLength());

        string markdown = File.ReadAllText(_fixture.Layout.ReadmeMd);
        Assert.Contains("| U-Net | 0 % | 3 | 0.100 ± 0.000 (0.100) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| NLCG from a half-space | 0 % | 3 | 0.000 ± 0.000 (0.000) | 1.000 ± 0.000 (1.000) |", markdown, StringComparison.Ordinal);
        Assert.Contains("- hybrid at noise 0: nlcg/noise-0/hybrid not found", markdown, StringComparison.Ordinal);
        Assert.Contains("**The metrics.**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("deep ensemble", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMarkdownShowsTheEnsembleCalibration()
    {
        var ensemble = new EnsembleReport
        {
            Members = [new("w0", 0, 7, "a"), new("w1", 1, 7, "b"), new("w2", 2, 7, "c")], TrainingData = "train.h5", TestData = "test.h5",
            ValidationSamples = 26, TestSamples = 8, Scale = 1.8, ScaleTwo = 2.25, ValidationRaw = new(0.41, 0.71), TestRaw = new(0.4, 0.7), TestCalibrated = new(0.66, 0.94),
            TestMeanStandardDeviation = 0.12, TestRmseMean = 0.3, TestRmseFirstMember = 0.33, PredictionSeconds = 2,
        };
        string markdown = ReportWriter.Markdown(Run(), ensemble);
        Assert.Contains("## Uncertainty: deep ensemble of 3 networks", markdown, StringComparison.Ordinal);
        Assert.Contains("| test, raw | 8 | 1 / 1 | 40.0 % | 70.0 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("| test, calibrated | 8 | 1.800 / 2.250 | 66.0 % | 94.0 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("ensemble mean 0.300 against 0.330", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIncompleteNlcgFolderNamesTheMissingFile()
    {
        string summary = ResultsLayout.InversionSummaryFile(_fixture.Layout.NlcgSample(0, NlcgStart.Halfspace, 1));
        File.Delete(summary);
        var ex = Assert.Throws<DataFileException>(Run);
        Assert.Equal(summary, ex.FilePath);
        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASummaryWithoutItsWallTimeIsRejected()
    {
        string summary = ResultsLayout.InversionSummaryFile(_fixture.Layout.NlcgSample(0, NlcgStart.Halfspace, 0));
        File.WriteAllText(summary, "{\"final_rms\": 1, \"iterations\": 3, \"exit_reason\": \"max-iterations\", \"forward_solves\": 9}");
        var ex = Assert.Throws<DataFileException>(Run);
        Assert.True(ex.Message.StartsWith(summary, StringComparison.Ordinal) && ex.Message.Contains("wall_time_seconds", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public void AnNlcgModelOnAnotherGridIsRejected()
    {
        string folder = _fixture.Layout.NlcgSample(0, NlcgStart.Halfspace, 2);
        Mt.Data.Models.ModelFile.Write(ResultsLayout.InversionModel(folder),
            new Mt.Forward.ResistivityModel([0, 1000, 2000], [0, 100], new double[,] { { 10, 10 } }));
        var ex = Assert.Throws<DataFileException>(Run);
        Assert.Contains("is not the data set's", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APredictionOfTheWrongSizeIsRejected()
    {
        DataSet truth = _fixture.Truth;
        var two = new double[2, truth.Nz, truth.Ny];
        var rho = new double[2, 2, truth.Nf, truth.Ns];
        DataSetFile.Write(_fixture.Layout.Prediction(0), new DataSet(truth.FrequenciesHz, truth.StationsM, truth.YEdgesM, truth.ZEdgesM,
            two, rho, rho, truth.Attributes));
        var ex = Assert.Throws<DataFileException>(Run);
        Assert.Contains("holds 2 samples, expected 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNlcgInvertsTheFirstModelsOnlyTheNetworkIsAlsoReportedOnThem()
    {
        Experiment experiment = ExperimentLoader.Load(_fixture.ExperimentPath);
        experiment = experiment with { Inversion = experiment.Inversion with { Models = 2 } };
        EvaluationReport report = Evaluator.Run("tiny", experiment, _fixture.Layout);
        MethodResult all = report.Results.Single(r => r.Method == Method.Network && r.NoiseLevel == 0);
        MethodResult subset = report.Results.Single(r => r.Method == Method.NetworkOnInverted && r.NoiseLevel == 0);
        MethodResult nlcg = report.Results.Single(r => r.Method == Method.NlcgHalfspace && r.NoiseLevel == 0);
        Assert.Equal(3, all.Samples.Count);
        Assert.Equal([0, 1], subset.Samples.Select(x => x.Index));
        Assert.Equal([0, 1], nlcg.Samples.Select(x => x.Index));
        Assert.Equal(all.Samples.Take(2), subset.Samples);
    }
}
