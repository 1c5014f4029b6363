using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Learning.Training;

namespace Mt.Cli.Tests;

/// <summary><c>mt train</c> and <c>mt predict</c> end to end on a tiny data set and network (1 thread).</summary>
public sealed class TrainPredictCommandTests : IDisposable
{
    private const int Nz = 8, Ny = 12, Samples = 6;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TinyExperiment()
    {
        string ci = RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        return _folder.Write("tiny.json", "{\"extends\": \"" + ci + "\", \"network\": {\"base_width\": 2, \"depth\": 2},"
            + " \"training\": {\"epochs\": 2, \"batch_size\": 3, \"checkpoint_every\": 1}}");
    }

    private string TinyData()
    {
        var random = new Random(5);
        var model = new double[Samples, Nz, Ny];
        var rho = new double[Samples, 2, Nz, Ny];
        var phase = new double[Samples, 2, Nz, Ny];
        for (int i = 0; i < Samples; i++)
            for (int z = 0; z < Nz; z++)
                for (int y = 0; y < Ny; y++)
                {
                    model[i, z, y] = 1 + random.NextDouble();
                    for (int m = 0; m < 2; m++)
                    {
                        rho[i, m, z, y] = model[i, z, y] + 0.1 * random.NextDouble();
                        phase[i, m, z, y] = 40 + 10 * random.NextDouble();
                    }
                }
        var data = new DataSet(
            Enumerable.Range(0, Nz).Select(f => Math.Pow(10, f - 3.0)).ToArray(),
            Enumerable.Range(0, Ny).Select(s => 1000.0 * s).ToArray(),
            Enumerable.Range(0, Ny + 1).Select(e => 1000.0 * e - 500).ToArray(),
            Enumerable.Range(0, Nz + 1).Select(e => 100.0 * e).ToArray(),
            model, rho, phase, new DataSetAttributes("tiny", 1, DataSplit.Train, "test", "test"));
        string path = _folder.File("train.h5");
        DataSetFile.Write(path, data);
        return path;
    }

    private static string RepoFile(params string[] parts) => GenerateCommandTests.RepoFile(parts);

    private static (int Code, string Out, string Err) Run(params string[] args) => GenerateCommandTests.Run(args);

    [Fact]
    public void TrainsResumesAndPredicts()
    {
        string experiment = TinyExperiment(), data = TinyData(), weights = _folder.File("weights");
        var (code, output, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        Assert.Contains("epoch 2/2", output, StringComparison.Ordinal);
        Assert.Contains("ETA", output, StringComparison.Ordinal);
        var card = ModelCard.FromJson(File.ReadAllText(Path.Combine(weights, ModelCard.FileName)));
        Assert.Equal("tiny", card.Experiment);
        Assert.Equal(2, card.Epochs);

        // Rerun: the folder holds this finished run (same settings, same data content): nothing is trained or rewritten.
        byte[] cardBytes = File.ReadAllBytes(Path.Combine(weights, ModelCard.FileName));
        DateTime stageTime = File.GetLastWriteTimeUtc(Path.Combine(weights, "stage.json"));
        (code, output, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        Assert.Contains("already holds this run, finished", output, StringComparison.Ordinal);
        Assert.Equal(cardBytes, File.ReadAllBytes(Path.Combine(weights, ModelCard.FileName)));
        Assert.Equal(stageTime, File.GetLastWriteTimeUtc(Path.Combine(weights, "stage.json")));

        string prediction = _folder.File("pred/test.h5");
        (code, output, err) = Run("predict", "--weights", weights, "--data", data, "--out", prediction, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        Assert.Contains("ms per sample", output, StringComparison.Ordinal);
        DataSet predicted = DataSetFile.Read(prediction);
        Assert.Equal(Samples, predicted.Count);
        Assert.Equal(data, predicted.Attributes.Extra[PredictionAttributes.PredictionOf]);
        double seconds = double.Parse(predicted.Attributes.Extra[PredictionAttributes.SecondsPerSample], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1e-9, 60);
    }

    /// <summary>A data set whose frequencies are all ten times those trained on has the right shape but not the
    /// right geometry: the prediction is refused, naming the first value that differs and what the network expects.</summary>
    [Fact]
    public void PredictRefusesDataOnAnotherGeometry()
    {
        string experiment = TinyExperiment(), data = TinyData(), weights = _folder.File("weights");
        var (code, _, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        DataSet set = DataSetFile.Read(data);
        string shifted = _folder.File("shifted.h5");
        DataSetFile.Write(shifted, new DataSet([.. set.FrequenciesHz.Select(f => 10 * f)], set.StationsM, set.YEdgesM, set.ZEdgesM,
            set.Log10Resistivity, set.Log10RhoApp, set.PhaseDeg, set.Attributes));

        (code, _, err) = Run("predict", "--weights", weights, "--data", shifted, "--out", _folder.File("p.h5"), "--device", "cpu", "--threads", "1");

        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal("mt predict: error: --data: the data do not have the geometry the network was trained on: frequencies_hz[0] is 0.01 Hz, the network was trained on 0.001 Hz",
            err.Trim());
        Assert.False(File.Exists(_folder.File("p.h5")));
    }

    [Fact]
    public void PredictWithoutTrainedFolderIsOneLine()
    {
        string data = TinyData();
        var (code, _, err) = Run("predict", "--weights", _folder.File("none"), "--data", data, "--out", _folder.File("p.h5"), "--device", "cpu");
        Assert.Equal(ExitCode.BadInput, code);
        Assert.StartsWith("mt predict: error:", err, StringComparison.Ordinal);
        Assert.Contains("model-card.json", err, StringComparison.Ordinal);
    }

    /// <summary><c>mt invert --method</c> with a trained network on a data-set sample: auto keeps the prediction when its
    /// data RMS is within 1.1 x the target (here a huge target) and runs NLCG from it when not (a tiny target);
    /// network alone; and the usage errors.</summary>
    [Fact]
    public void InvertWithTheNetworkTakesThePathItsMisfitCalls()
    {
        string experiment = TinyExperiment(), data = TinyData(), weights = _folder.File("weights");
        var (code, _, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);

        string accepted = _folder.File("auto-accepted");
        (code, string output, err) = Run("invert", "--method", "auto", "--weights", weights, "--observed", data + "#2", "--target-rms", "1e9", "--out", accepted);
        Assert.True(code == 0, err);
        Assert.Contains("auto: the prediction", output, StringComparison.Ordinal);
        var record = ResultJson.Read<Mt.Inversion.MethodRecord>(Path.Combine(accepted, Mt.Inversion.MethodRun.RecordFileName));
        Assert.Equal(AutoPath.Network, record.Path);
        Assert.Equal(1.1e9, record.AcceptRms!.Value, 1);
        Assert.Null(record.NlcgSeconds);
        Assert.Equal(record.NetworkDataRms, record.FinalRms);
        Assert.True(File.Exists(Path.Combine(accepted, "model.json")) && File.Exists(Path.Combine(accepted, "response.csv")));
        Assert.False(File.Exists(Path.Combine(accepted, "summary.json")), "no NLCG ran");
        // The model is the prediction (the network's answer on the data set's grid).
        var model = Mt.Data.Models.ModelFile.Read(Path.Combine(accepted, "model.json"));
        Assert.Equal((Nz, Ny), (model.Nz, model.Ny));

        string rejected = _folder.File("auto-rejected");
        (code, output, err) = Run("invert", "--method", "auto", "--weights", weights, "--observed", data + "#2", "--target-rms", "1e-6", "--max-iterations", "1", "--out", rejected);
        Assert.True(code == 0, err);
        Assert.Contains("auto: NLCG from the prediction", output, StringComparison.Ordinal);
        record = ResultJson.Read<Mt.Inversion.MethodRecord>(Path.Combine(rejected, Mt.Inversion.MethodRun.RecordFileName));
        Assert.Equal(AutoPath.NetworkThenNlcg, record.Path);
        Assert.Contains("above the acceptance level", record.Reason, StringComparison.Ordinal);
        Assert.NotNull(record.NlcgSeconds);
        Assert.True(File.Exists(Path.Combine(rejected, "summary.json")));
        Assert.Equal(record.PredictionSeconds + record.CheckSeconds + record.NlcgSeconds!.Value, record.TotalSeconds, 9);

        (code, output, err) = Run("invert", "--method", "network", "--weights", weights, "--observed", data + "#0", "--out", _folder.File("net"));
        Assert.True(code == 0, err);
        Assert.Equal("--method network: the prediction is the answer", ResultJson.Read<Mt.Inversion.MethodRecord>(Path.Combine(_folder.File("net"), "method.json")).Reason);

        (code, _, err) = Run("invert", "--method", "auto", "--observed", data + "#0", "--out", _folder.File("x"));
        Assert.Equal(2, code);
        Assert.Contains("--weights", err, StringComparison.Ordinal);
        (code, _, err) = Run("invert", "--method", "auto", "--weights", weights, "--observed", _folder.Write("obs.csv", "mode,station_m\n"), "--out", _folder.File("x"));
        Assert.Equal(2, code);
        Assert.Contains("FILE.h5#INDEX", err, StringComparison.Ordinal);
        (code, _, err) = Run("invert", "--method", "best", "--weights", weights, "--observed", data + "#0", "--out", _folder.File("x"));
        Assert.Equal(2, code);
        Assert.Contains("not nlcg, network, hybrid or auto", err, StringComparison.Ordinal);
    }

    /// <summary><c>mt calibrate</c> fits the physics check's threshold on the validation samples (half of the six
    /// here), and <c>mt predict --check-physics</c> stores every prediction's data RMS and in_distribution flag: the
    /// validation samples' own predictions reproduce the calibration's misfits, and the flag is exactly RMS at most the
    /// threshold. Without a calibration the check runs without the flag and says why.</summary>
    [Fact]
    public void CalibrateAndPredictWithThePhysicsCheck()
    {
        string ci = RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        string experiment = _folder.Write("half.json", "{\"extends\": \"" + ci + "\", \"network\": {\"base_width\": 2, \"depth\": 2},"
            + " \"training\": {\"epochs\": 1, \"batch_size\": 3, \"checkpoint_every\": 1, \"validation_fraction\": 0.5}}");
        string data = TinyData(), weights = _folder.File("weights");
        var (code, output, err) = Run("train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);

        string unflagged = _folder.File("p0/test.h5");
        (code, output, err) = Run("predict", "--weights", weights, "--data", data, "--out", unflagged, "--device", "cpu", "--check-physics");
        Assert.True(code == 0, err);
        Assert.Contains("without the in_distribution flag: no physics-check.json", output, StringComparison.Ordinal);
        Assert.False(DataSetFile.Read(unflagged).Attributes.Extra.ContainsKey(PhysicsCheckResult.InDistributionAttribute));

        (code, output, err) = Run("calibrate", "--weights", weights, "--data", data, "--percentile", "0.5", "--device", "cpu");
        Assert.True(code == 0, err);
        var calibration = ResultJson.Read<PhysicsCalibration>(Path.Combine(weights, PhysicsCalibration.FileName));
        Assert.Equal(3, calibration.ValidationIndices.Length);
        Assert.Equal(PhysicsCalibration.Quantile(calibration.ValidationDataRms, 0.5), calibration.Threshold);
        Assert.Contains("threshold", output, StringComparison.Ordinal);
        // The calibration is a stage of the graph: its record names the stage and its output.
        var record = ResultJson.Read<Mt.Data.Provenance.StageRecord>(Path.Combine(weights, PhysicsCalibration.FileName + ".stage.json"));
        Assert.Equal(Mt.Data.Provenance.Stages.PhysicsCheck.Name, record.Stage);

        string flagged = _folder.File("p1/test.h5");
        (code, output, err) = Run("predict", "--weights", weights, "--data", data, "--out", flagged, "--device", "cpu", "--check-physics");
        Assert.True(code == 0, err);
        Assert.Contains("in distribution", output, StringComparison.Ordinal);
        var extra = DataSetFile.Read(flagged).Attributes.Extra;
        double[] rms = [.. extra[PhysicsCheckResult.DataRmsAttribute].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        bool[] flags = [.. extra[PhysicsCheckResult.InDistributionAttribute].Split(',').Select(bool.Parse)];
        Assert.Equal(Samples, rms.Length);
        for (int n = 0; n < calibration.ValidationIndices.Length; n++)
            Assert.Equal(calibration.ValidationDataRms[n], rms[calibration.ValidationIndices[n]], 9);
        Assert.Equal(rms.Select(r => r <= calibration.Threshold), flags);
        Assert.Contains(flags, f => f);
        // The evaluation reads this check back (under Mt.Learning's attribute names) as the network's data RMS.
        Assert.Equal(PhysicsCheckResult.DataRmsAttribute, Mt.Evaluation.StoredCheck.DataRmsAttribute);
        Assert.Equal(PhysicsCheckResult.FloorsAttribute, Mt.Evaluation.StoredCheck.FloorsAttribute);
        Assert.Equal(rms, Mt.Evaluation.StoredCheck.DataRms(DataSetFile.Read(flagged), DataSetFile.Read(data), calibration.Floors, flagged));

        // Data that are not the network's training data are refused, naming the file.
        DataSet set = DataSetFile.Read(data);
        string other = _folder.File("other.h5");
        var model = (double[,,])set.Log10Resistivity.Clone();
        model[0, 0, 0] += 1;
        DataSetFile.Write(other, new DataSet(set.FrequenciesHz, set.StationsM, set.YEdgesM, set.ZEdgesM, model, set.Log10RhoApp, set.PhaseDeg, set.Attributes));
        (code, _, err) = Run("calibrate", "--weights", weights, "--data", other, "--device", "cpu");
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("not the network's training data", err, StringComparison.Ordinal);
        Assert.Contains(other, err, StringComparison.Ordinal);
    }

    /// <summary><c>mt train --member</c> and <c>mt ensemble</c>: two members of one split, the scale fitted on their
    /// held-out sample, the coverage on the test set, the files; and the refusals (one folder twice, one member).</summary>
    [Fact]
    public void EnsembleOfTwoMembersIsCalibratedOnTheirHeldOutSamples()
    {
        string experiment = TinyExperiment(), data = TinyData(), first = _folder.File("w0"), second = _folder.File("w1");
        var (code, _, err) = Run("train", "--experiment", experiment, "--data", data, "--out", first, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);
        (code, _, err) = Run("train", "--experiment", experiment, "--data", data, "--out", second, "--member", "1", "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, err);

        string outDir = _folder.File("ensemble");
        (code, string output, err) = Run("ensemble", "--weights", first + "," + second, "--train", data, "--test", data, "--out", outDir, "--device", "cpu");
        Assert.True(code == 0, err);
        Assert.Contains("ensemble of 2: scale", output, StringComparison.Ordinal);
        EnsembleReport report = EnsembleReport.Read(Path.Combine(outDir, EnsembleReport.FileName));
        Assert.Equal([0, 1], report.Members.Select(m => m.Member));
        Assert.Equal(Samples, report.TestSamples);
        Assert.True(report.ValidationSamples >= 1);
        Assert.True(report.Scale > 0 && double.IsFinite(report.Scale));
        Assert.True(report.ScaleTwo > 0 && double.IsFinite(report.ScaleTwo));
        Assert.InRange(report.TestCalibrated.WithinOne, 0, 1);
        Assert.True(report.TestCalibrated.WithinTwo >= report.TestCalibrated.WithinOne);
        Assert.True(report.TestMeanStandardDeviation > 0);
        DataSet mean = DataSetFile.Read(Path.Combine(outDir, "ensemble.h5"));
        Assert.Equal(Samples, mean.Count);
        Assert.True(File.Exists(Path.Combine(outDir, "stage.json")));

        (code, _, err) = Run("ensemble", "--weights", first + "," + first, "--train", data, "--test", data, "--out", _folder.File("e2"), "--device", "cpu");
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("the same ensemble member", err, StringComparison.Ordinal);
        (code, _, err) = Run("ensemble", "--weights", first, "--train", data, "--test", data, "--out", _folder.File("e3"), "--device", "cpu");
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("at least 2", err, StringComparison.Ordinal);
    }
}
