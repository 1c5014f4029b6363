using Mt.Data.Results;
using System.Text.Json.Nodes;
using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Learning.Training;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

/// <summary>Training, resuming, the model card and prediction on a tiny network and data set (1 thread).</summary>
[Collection(TorchTestCollection.Name)]
public sealed class TrainingTests : IDisposable
{
    private const int Nz = 8, Ny = 12, Samples = 8;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mt-training-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A learnable toy set: the model is a smooth function of the TE apparent resistivity at the same cell.</summary>
    internal static DataSet TinyData(int count = Samples, long seed = 7)
    {
        var random = new Random((int)seed);
        var model = new double[count, Nz, Ny];
        var rho = new double[count, 2, Nz, Ny];
        var phase = new double[count, 2, Nz, Ny];
        for (int i = 0; i < count; i++)
            for (int z = 0; z < Nz; z++)
                for (int y = 0; y < Ny; y++)
                {
                    double r = 1 + 2 * random.NextDouble();
                    for (int m = 0; m < 2; m++)
                    {
                        rho[i, m, z, y] = r + 0.1 * m;
                        phase[i, m, z, y] = 45 + 10 * (random.NextDouble() - 0.5);
                    }
                    model[i, z, y] = 0.5 * r + 0.3;
                }
        double[] frequencies = Enumerable.Range(0, Nz).Select(f => Math.Pow(10, f - 3.0)).ToArray();
        double[] stations = Enumerable.Range(0, Ny).Select(s => 1000.0 * s).ToArray();
        double[] yEdges = Enumerable.Range(0, Ny + 1).Select(e => 1000.0 * e - 500).ToArray();
        double[] zEdges = Enumerable.Range(0, Nz + 1).Select(e => 100.0 * e).ToArray();
        return new DataSet(frequencies, stations, yEdges, zEdges, model, rho, phase,
            new DataSetAttributes("tiny", seed, DataSplit.Train, "test", "test"));
    }

    internal static TrainingOptions TinyOptions(int epochs = 4, double noise = 0) =>
        new(new UNetOptions(2, BaseWidth: 2, Depth: 2), epochs, BatchSize: 3, LearningRate: 1e-2, ValidationFraction: 0.25,
            CheckpointEvery: 1, NoiseProbability: noise, NoiseMaxLevel: noise > 0 ? 0.05 : 0, Seed: 11);

    internal static TrainingProvenance Provenance => new("tiny", "net-hash", "training-hash", "tiny.h5", "data-hash");

    private static Dictionary<string, float[]> Parameters(string weightsPath, UNetOptions options)
    {
        using var net = new UNet(options);
        Trainer.LoadFile(weightsPath, r => net.load(r));
        return net.state_dict().ToDictionary(p => p.Key, p => p.Value.to(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void LossDecreasesOnLearnableProblem()
    {
        var options = TinyOptions(epochs: 25) with { ValidationFraction = 0, CheckpointEvery = 25 };
        var result = new Trainer(options, TinyData(), _folder, CPU, Provenance).Run();
        Assert.True(result.Finished);
        Assert.Equal(25, result.History.Count);
        Assert.True(result.History[^1].TrainLoss < 0.5 * result.History[0].TrainLoss,
            $"loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.Null(result.History[0].ValidationLoss);
    }

    /// <summary>An ensemble member holds out the samples of member 0 and trains to other weights.</summary>
    [Fact]
    public void AnEnsembleMemberKeepsTheSplitAndTrainsToOtherWeights()
    {
        var options = TinyOptions(epochs: 2) with { ValidationFraction = 0.25 };
        DataSet data = TinyData();
        string first = Path.Combine(_folder, "member-0"), second = Path.Combine(_folder, "member-1");
        var zero = new Trainer(options, data, first, CPU, Provenance);
        var one = new Trainer(options with { Member = 1 }, data, second, CPU, Provenance);
        Assert.Equal(zero.ValidationIndices, one.ValidationIndices);
        Assert.Equal(Trainer.HeldOut(data.Count, zero.ValidationIndices.Length, options.Seed), one.ValidationIndices);
        ModelCard a = zero.Run().Card!, b = one.Run().Card!;
        Assert.Equal(0, a.EnsembleMember);
        Assert.Equal(1, b.EnsembleMember);
        Assert.Equal(a.Seed, b.Seed);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, TrainingFolder.BestWeights)), File.ReadAllBytes(Path.Combine(second, TrainingFolder.BestWeights)));
    }

    [Theory]
    [InlineData(0.0, false, 2)]
    [InlineData(0.5, false, 2)]
    [InlineData(0.5, true, 4)]
    public void ResumedRunEndsWithSameWeightsAsUninterrupted(double noise, bool mirrorAndCosine, int channels)
    {
        var options = TinyOptions(epochs: 4, noise: noise) with { Network = new UNetOptions(channels, BaseWidth: 2, Depth: 2) };
        if (mirrorAndCosine)
            options = options with { MirrorProbability = 0.5, Schedule = Mt.Data.Experiments.LearningRateSchedule.Cosine, MinLearningRateFraction = 0.01 };
        var data = TinyData();
        string straight = Path.Combine(_folder, "straight"), resumed = Path.Combine(_folder, "resumed");
        var full = new Trainer(options, data, straight, CPU, Provenance).Run();

        var first = new Trainer(options, data, resumed, CPU, Provenance).Run(stopAfterEpoch: 2);
        Assert.False(first.Finished);
        Assert.False(File.Exists(Path.Combine(resumed, ModelCard.FileName)));
        var second = new Trainer(options, data, resumed, CPU, Provenance).Run();
        Assert.Equal(2, second.ResumedFrom);
        Assert.True(second.Finished);

        // Bit for bit: parameters and batch-norm buffers, and the losses of every epoch.
        var a = Parameters(Path.Combine(straight, TrainingFolder.FinalWeights), options.Network);
        var b = Parameters(Path.Combine(resumed, TrainingFolder.FinalWeights), options.Network);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach ((string name, float[] values) in a) Assert.Equal(values, b[name]);
        Assert.Equal(full.History.Select(h => (h.TrainLoss, h.ValidationLoss)), second.History.Select(h => (h.TrainLoss, h.ValidationLoss)));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(resumed, TrainingFolder.LossHistory)).Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, TrainingFolder.BestWeights)), File.ReadAllBytes(Path.Combine(resumed, TrainingFolder.BestWeights)));
    }

    [Fact]
    public void ChangedSettingsStartAfresh()
    {
        var data = TinyData();
        new Trainer(TinyOptions(epochs: 3), data, _folder, CPU, Provenance).Run();
        Assert.True(File.Exists(Path.Combine(_folder, ModelCard.FileName)));
        var interrupted = new Trainer(TinyOptions(epochs: 3) with { LearningRate = 5e-3 }, data, _folder, CPU, Provenance).Run(stopAfterEpoch: 1);
        Assert.Equal(0, interrupted.ResumedFrom);
        Assert.False(File.Exists(Path.Combine(_folder, ModelCard.FileName)), "the card of the earlier run is gone");
        Assert.False(File.Exists(Path.Combine(_folder, TrainingFolder.FinalWeights)), "so are its final weights");
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder, TrainingFolder.LossHistory)).Length);
        var other = new Trainer(TinyOptions(epochs: 3) with { LearningRate = 5e-3 }, data, _folder, CPU, Provenance).Run();
        Assert.Equal(1, other.ResumedFrom);
        Assert.Equal(3, other.History.Count);
    }

    [Fact]
    public void ModelCardHasItsFields()
    {
        var options = TinyOptions(epochs: 2);
        var result = new Trainer(options, TinyData(), _folder, CPU, Provenance).Run();
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, ModelCard.FileName)))!.AsObject();
        foreach (string field in new[]
                 {
                     "experiment", "network_section_sha256", "training_section_sha256", "training_data_sha256", "parameter_count",
                     "seed", "epochs", "final_train_loss", "final_validation_loss", "best_loss", "best_epoch", "wall_time_seconds",
                     "device", "threads", "torch_sharp_version", "lib_torch_version",
                 })
            Assert.True(card.ContainsKey(field), field);
        Assert.Equal("net-hash", (string?)card["network_section_sha256"]);
        Assert.Equal("data-hash", (string?)card["training_data_sha256"]);
        Assert.Equal(2, (int)card["epochs"]!);
        Assert.Equal(1, (int)card["threads"]!);
        Assert.Equal("0.107.0", (string?)card["torch_sharp_version"]);
        using var net = new UNet(options.Network);
        Assert.Equal(net.ParameterCount, (long)card["parameter_count"]!);
        Assert.Equal(result.Card, ModelCard.FromJson(card.ToJsonString()));
        Assert.Equal(result.History[^1].ValidationLoss, (double?)card["final_validation_loss"]);
        // The step time is the training part of the epochs: positive and below the whole epochs' time per step.
        double step = (double)card["seconds_per_training_step"]!, inference = (double)card["inference_seconds_per_section"]!;
        int stepsPerEpoch = (new Trainer(options, TinyData(), _folder, CPU, Provenance).TrainIndices.Length + options.BatchSize - 1) / options.BatchSize;
        Assert.InRange(step, 1e-6, result.History.Sum(h => h.Seconds) / (2 * stepsPerEpoch));
        Assert.True(inference > 0, $"inference {inference}");
    }

    [Fact]
    public void SplitIsSeededAndDisjoint()
    {
        var (train, validation) = Trainer.Split(20, 0.25, 3);
        Assert.Equal(5, validation.Length);
        Assert.Equal(Enumerable.Range(0, 20), train.Concat(validation).Order());
        Assert.Equal(validation, Trainer.Split(20, 0.25, 3).Validation);
        Assert.NotEqual(validation, Trainer.Split(20, 0.25, 4).Validation);
    }

    [Fact]
    public void PredictionHasModelShapeAndRoundTrips()
    {
        var data = TinyData();
        new Trainer(TinyOptions(epochs: 2), data, _folder, CPU, Provenance).Run();
        using var predictor = Predictor.Load(_folder, CPU);
        Prediction prediction = predictor.Predict(data, batchSize: 3);
        Assert.Equal(new[] { Samples, Nz, Ny }, Enumerable.Range(0, 3).Select(prediction.Log10Resistivity.GetLength));
        Assert.True(prediction.SecondsPerSample > 0);
        // 8 samples in batches of 3: the first batch is timed apart from the 5 warm samples, and both add up to the whole.
        Assert.True(prediction.FirstBatchSeconds > 0);
        Assert.Equal(prediction.SecondsPerSample * Samples, prediction.FirstBatchSeconds + 5 * prediction.WarmSecondsPerSample!.Value, 9);
        Assert.All(prediction.Log10Resistivity.Cast<double>(), v => Assert.True(double.IsFinite(v)));

        // Batch size does not change the result (evaluation mode).
        Assert.Equal(prediction.Log10Resistivity.Cast<double>(), predictor.Predict(data, batchSize: 1).Log10Resistivity.Cast<double>(),
            new ToleranceComparer(1e-5));

        string path = Path.Combine(_folder, "pred.h5");
        Prediction written = predictor.PredictFile(data, "tiny.h5", path, _folder);
        DataSet back = DataSetFile.Read(path);
        Assert.Equal(written.Log10Resistivity.Cast<double>(), back.Log10Resistivity.Cast<double>());
        Assert.StartsWith("pinned", back.Attributes.Extra[PredictionAttributes.CpuKernels], StringComparison.Ordinal);
        Assert.Equal(data.Log10RhoApp.Cast<double>(), back.Log10RhoApp.Cast<double>());
        Assert.Equal("tiny.h5", back.Attributes.Extra[PredictionAttributes.PredictionOf]);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
