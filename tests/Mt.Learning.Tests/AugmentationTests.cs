using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Learning.Training;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

/// <summary>Mirror augmentation, the learning-rate schedule and 4 input channels, in the tensors and in training.</summary>
[Collection(TorchTestCollection.Name)]
public sealed class AugmentationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mt-augmentation-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The data set of the mirrored models: stations and model columns reversed in every array.</summary>
    private static DataSet Mirror(DataSet data)
    {
        int n = data.Count, nz = data.Nz, ny = data.Ny, nf = data.Nf, ns = data.Ns;
        var model = new double[n, nz, ny];
        var rho = new double[n, 2, nf, ns];
        var phase = new double[n, 2, nf, ns];
        for (int i = 0; i < n; i++)
        {
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    model[i, z, ny - 1 - y] = data.Log10Resistivity[i, z, y];
            for (int m = 0; m < 2; m++)
                for (int f = 0; f < nf; f++)
                    for (int s = 0; s < ns; s++)
                    {
                        rho[i, m, f, ns - 1 - s] = data.Log10RhoApp[i, m, f, s];
                        phase[i, m, f, ns - 1 - s] = data.PhaseDeg[i, m, f, s];
                    }
        }
        return new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, model, rho, phase, data.Attributes);
    }

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void MirroredSampleIsTheSampleOfTheMirroredModel(int channels)
    {
        DataSet data = TrainingTests.TinyData(), mirror = Mirror(data);
        int[] batch = [5, 0, 2];
        using var inputs = TrainingTensors.Inputs(data, batch, channels, mirrored: _ => true);
        using var targets = TrainingTensors.Targets(data, batch, _ => true);
        using var expectedInputs = TrainingTensors.Inputs(mirror, batch, channels);
        using var expectedTargets = TrainingTensors.Targets(mirror, batch);
        Assert.Equal(Values(expectedInputs), Values(inputs));
        Assert.Equal(Values(expectedTargets), Values(targets));
        // One value by hand: the first station of the mirrored TM phase (channel 3) is the last of the original.
        if (channels == 4) Assert.Equal((float)data.PhaseDeg[0, 1, 2, data.Ns - 1], inputs[1, 3, 2, 0].item<float>());
        using var plain = TrainingTensors.Inputs(data, batch, channels);
        Assert.NotEqual(Values(plain), Values(inputs));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void DescendingOrderPutsTheHighestFrequencyInRowZero(int channels)
    {
        DataSet data = TrainingTests.TinyData();
        int[] batch = [4, 1];
        int nf = data.Nf, ns = data.Ns;
        using var stored = TrainingTensors.Inputs(data, batch, channels);
        using var reversed = TrainingTensors.Inputs(data, batch, channels, frequencyOrder: FrequencyOrder.Descending);
        Assert.Equal(stored.shape, reversed.shape);
        using var flipped = stored.flip(2);
        Assert.Equal(Values(flipped), Values(reversed));
        // By hand: row 0 of the reversed TE log10 apparent resistivity is the highest frequency, row nf - 1 the lowest;
        // the last channel (phase of the last mode) likewise.
        Assert.Equal((float)data.Log10RhoApp[4, 0, nf - 1, 3], reversed[0, 0, 0, 3].item<float>());
        Assert.Equal((float)data.Log10RhoApp[4, 0, 0, 3], reversed[0, 0, nf - 1, 3].item<float>());
        int lastMode = channels / 2 - 1;
        Assert.Equal((float)data.PhaseDeg[1, lastMode, nf - 1, ns - 1], reversed[1, channels - 1, 0, ns - 1].item<float>());
        // Mirroring and reversing commute with each other: both axes reversed.
        using var both = TrainingTensors.Inputs(data, batch, channels, mirrored: _ => true, frequencyOrder: FrequencyOrder.Descending);
        using var bothByHand = stored.flip(2, 3);
        Assert.Equal(Values(bothByHand), Values(both));
    }

    [Fact]
    public void FrequencyOrderReachesTheResumeKeyTheCardAndThePrediction()
    {
        var data = TrainingTests.TinyData();
        var ascending = TrainingTests.TinyOptions(epochs: 2);
        var descending = ascending with { InputFrequencyOrder = FrequencyOrder.Descending };
        string folder = Path.Combine(_folder, "descending");
        var run = new Trainer(descending, data, folder, CPU, TrainingTests.Provenance).Run();
        Assert.Equal("descending", run.Card!.InputFrequencyOrder);
        Assert.Equal(FrequencyOrder.Descending, ModelCard.FromJson(run.Card.ToJson()).FrequencyOrderValue);
        // A finished ascending run in the same folder is not resumed by a descending one (the order is in the resume
        // key): the descending run starts afresh and ends as it does in a folder of its own.
        string shared = Path.Combine(_folder, "shared");
        var asc = new Trainer(ascending, data, shared, CPU, TrainingTests.Provenance).Run();
        var again = new Trainer(descending, data, shared, CPU, TrainingTests.Provenance).Run();
        Assert.NotEqual(asc.History[^1].TrainLoss, run.History[^1].TrainLoss);
        Assert.Equal(run.History.Select(h => h.TrainLoss), again.History.Select(h => h.TrainLoss));

        // The predictor feeds the network the rows in the order it was trained on: its prediction equals the network's
        // output on reversed inputs, and differs from the output on inputs as stored.
        using var predictor = Predictor.Load(folder, CPU);
        double[,,] predicted = predictor.Predict(data).Log10Resistivity;
        using var net = new UNet(descending.Network);
        Trainer.LoadFile(Path.Combine(folder, run.Card.BestWeights), r => net.load(r));
        net.eval();
        var normalisation = ChannelNormalisation.Load(Path.Combine(folder, run.Card.Normalisation));
        using (inference_mode())
        {
            using var reversedInputs = normalisation.Apply(TrainingTensors.Inputs(data, [0], 2, frequencyOrder: FrequencyOrder.Descending));
            using var storedInputs = normalisation.Apply(TrainingTensors.Inputs(data, [0], 2));
            float[] fromReversed = Values(net.call(reversedInputs)), fromStored = Values(net.call(storedInputs));
            for (int z = 0; z < data.Nz; z++)
                for (int y = 0; y < data.Ny; y++)
                    Assert.Equal(fromReversed[z * data.Ny + y], predicted[0, z, y], 1e-5);
            Assert.NotEqual(fromStored, fromReversed);
        }
    }

    [Theory]
    [InlineData("\"input_frequency_order\": \"sideways\"")]
    [InlineData("\"input_frequency_order\": \"Descending\"")]
    public void CardWithAnUnknownFrequencyOrderIsRefusedWithItsPath(string field)
    {
        var data = TrainingTests.TinyData();
        string folder = Path.Combine(_folder, "bad-card");
        new Trainer(TrainingTests.TinyOptions(epochs: 1), data, folder, CPU, TrainingTests.Provenance).Run();
        string cardPath = Path.Combine(folder, ModelCard.FileName);
        string json = File.ReadAllText(cardPath);
        Assert.Contains("\"input_frequency_order\": \"ascending\"", json, StringComparison.Ordinal);
        File.WriteAllText(cardPath, json.Replace("\"input_frequency_order\": \"ascending\"", field, StringComparison.Ordinal));
        var ex = Assert.Throws<Mt.Data.IO.DataFileException>(() => Predictor.Load(folder, CPU));
        Assert.Contains(cardPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("input_frequency_order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MirrorTwiceIsIdentityAndOnlyDrawnSamplesAreMirrored()
    {
        DataSet data = TrainingTests.TinyData(), mirror = Mirror(data);
        int[] batch = [1, 3, 4];
        using var twice = TrainingTensors.Inputs(mirror, batch, 4, mirrored: _ => true);
        using var twiceTargets = TrainingTensors.Targets(mirror, batch, _ => true);
        using var original = TrainingTensors.Inputs(data, batch, 4);
        using var originalTargets = TrainingTensors.Targets(data, batch);
        Assert.Equal(Values(original), Values(twice));
        Assert.Equal(Values(originalTargets), Values(twiceTargets));

        using var some = TrainingTensors.Targets(data, batch, i => i == 3);
        using var mirroredThree = TrainingTensors.Targets(mirror, [3]);
        Assert.Equal(Values(originalTargets[0]), Values(some[0]));
        Assert.Equal(Values(mirroredThree[0]), Values(some[1]));
        Assert.Equal(Values(originalTargets[2]), Values(some[2]));
    }

    [Fact]
    public void MirrorDrawsFollowTheProbabilityAndArePure()
    {
        bool[] Draw(double p, int epoch) => Enumerable.Range(0, 2000).Select(i => Draws.Mirrored(3, epoch, i, p)).ToArray();
        Assert.DoesNotContain(true, Draw(0, 1));
        Assert.DoesNotContain(false, Draw(1, 1));
        bool[] half = Draw(0.5, 1);
        Assert.InRange(half.Count(m => m), 900, 1100);
        Assert.Equal(half, Draw(0.5, 1));
        Assert.NotEqual(half, Draw(0.5, 2));
        // Independent of the noise draws of the same (seed, epoch, sample).
        Assert.NotEqual(half, Enumerable.Range(0, 2000).Select(i => Draws.NoiseLevel(3, 1, i, 0.5, 0.05) > 0).ToArray());
    }

    [Fact]
    public void ConstantScheduleKeepsTheRate()
    {
        var options = TrainingTests.TinyOptions(epochs: 5);
        Assert.All(Enumerable.Range(1, 5), e => Assert.Equal(options.LearningRate, options.LearningRateAt(e)));
    }

    [Fact]
    public void CosineScheduleFallsFromTheRateTowardsItsFloor()
    {
        var options = TrainingTests.TinyOptions(epochs: 10) with { Schedule = LearningRateSchedule.Cosine, MinLearningRateFraction = 0.1 };
        double lr = options.LearningRate;
        double[] rates = Enumerable.Range(1, 10).Select(options.LearningRateAt).ToArray();
        Assert.Equal(lr, rates[0], 15);
        Assert.Equal(lr * (0.1 + 0.9 * 0.5), rates[5], 15); // epoch 6: half way through the cosine
        Assert.Equal(lr * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(0.9 * Math.PI))), rates[9], 15);
        for (int e = 1; e < 10; e++) Assert.True(rates[e] < rates[e - 1], $"epoch {e + 1}: {rates[e]} >= {rates[e - 1]}");
        Assert.True(rates[9] > 0.1 * lr);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LearningRateAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LearningRateAt(11));
        Assert.Throws<ArgumentException>(() => (options with { MinLearningRateFraction = 1.5 }).Validate());
        Assert.Throws<ArgumentException>(() => (options with { MirrorProbability = -0.1 }).Validate());
    }

    [Fact]
    public void ScheduleReachesTheOptimizer()
    {
        var data = TrainingTests.TinyData();
        var constant = TrainingTests.TinyOptions(epochs: 3);
        var cosine = constant with { Schedule = LearningRateSchedule.Cosine, MinLearningRateFraction = 0 };
        var a = new Trainer(constant, data, Path.Combine(_folder, "constant"), CPU, TrainingTests.Provenance).Run();
        var b = new Trainer(cosine, data, Path.Combine(_folder, "cosine"), CPU, TrainingTests.Provenance).Run();
        // Epoch 1 has the same rate under both; epoch 2 (rate 0.75 lr under the cosine) differs.
        Assert.Equal(a.History[0].TrainLoss, b.History[0].TrainLoss);
        Assert.NotEqual(a.History[1].TrainLoss, b.History[1].TrainLoss);
        Assert.Equal("cosine", b.Card!.LearningRateSchedule);
    }

    [Fact]
    public void TrainingMirroredIsTrainingOnTheMirroredModels()
    {
        // Every sample mirrored in every epoch sees exactly the tensors of the mirrored data set without mirroring, so
        // the training losses agree (up to the order of the sums of the normalisation statistics). Validation is never
        // mirrored: there the two runs see mirror images, and their losses differ.
        var data = TrainingTests.TinyData();
        var options = TrainingTests.TinyOptions(epochs: 3);
        var mirrored = new Trainer(options with { MirrorProbability = 1 }, data, Path.Combine(_folder, "a"), CPU, TrainingTests.Provenance).Run();
        var plain = new Trainer(options, Mirror(data), Path.Combine(_folder, "b"), CPU, TrainingTests.Provenance).Run();
        var unmirrored = new Trainer(options, data, Path.Combine(_folder, "c"), CPU, TrainingTests.Provenance).Run();
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(plain.History[e].TrainLoss, mirrored.History[e].TrainLoss, 1e-5);
            Assert.True(Math.Abs(plain.History[e].ValidationLoss!.Value - mirrored.History[e].ValidationLoss!.Value) > 1e-5);
        }
        Assert.NotEqual(unmirrored.History[^1].TrainLoss, mirrored.History[^1].TrainLoss);
        Assert.Equal(1, mirrored.Card!.MirrorProbability);
    }

    [Fact]
    public void FourChannelsTrainStoreTheirNormalisationAndPredict()
    {
        var data = TrainingTests.TinyData();
        var options = TrainingTests.TinyOptions(epochs: 2) with { Network = new UNetOptions(4, BaseWidth: 2, Depth: 2) };
        var result = new Trainer(options, data, _folder, CPU, TrainingTests.Provenance).Run();
        Assert.Equal(4, result.Card!.InputChannels);
        var normalisation = ChannelNormalisation.Load(Path.Combine(_folder, TrainingFolder.Normalisation));
        Assert.Equal(4, normalisation.Channels);
        // TM log10 apparent resistivity is TE's plus 0.1 in the toy set: channel 2's mean is channel 0's plus 0.1.
        Assert.Equal(normalisation.Mean[0] + 0.1, normalisation.Mean[2], 5);
        using var predictor = Predictor.Load(_folder, CPU);
        Prediction prediction = predictor.Predict(data, batchSize: 4);
        Assert.Equal(new[] { data.Count, data.Nz, data.Ny }, Enumerable.Range(0, 3).Select(prediction.Log10Resistivity.GetLength));
        Assert.All(prediction.Log10Resistivity.Cast<double>(), v => Assert.True(double.IsFinite(v)));
    }
}
