using System.Diagnostics;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Mt.Learning.Training;

/// <summary>Predicted models of a data set.</summary>
/// <param name="Log10Resistivity">Predicted log10 resistivity, [N, nz, ny].</param>
/// <param name="SecondsPerSample">Wall time of the whole prediction (inputs, normalisation, forward pass, copy back)
/// divided by the number of samples.</param>
public sealed record Prediction(double[,,] Log10Resistivity, double SecondsPerSample)
{
    /// <summary>The physics check of every sample, when it was asked for.</summary>
    public PhysicsCheckResult? Check { get; init; }

    /// <summary>Wall time of the first batch, which carries libtorch's one-off set-up for the network and input shape.</summary>
    public double FirstBatchSeconds { get; init; }

    /// <summary>Wall time per sample of the batches after the first (null when there is only one batch): the time of a
    /// warm network.</summary>
    public double? WarmSecondsPerSample { get; init; }
}

/// <summary>
/// A trained network read from a training folder: the shape from <see cref="ModelCard.FileName"/>, the best weights
/// and the normalisation. Predicts in evaluation mode under inference mode (no autograd bookkeeping at all: measured
/// 10 ms against 18 ms with no_grad per section at base width 16, 2 threads).
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly UNet _net;
    private readonly ChannelNormalisation _normalisation;
    private readonly Device _device;
    private readonly FrequencyOrder _frequencyOrder;

    private Predictor(ModelCard card, UNet net, ChannelNormalisation normalisation, Device device)
    {
        Card = card;
        _frequencyOrder = card.FrequencyOrderValue;
        _net = net;
        _normalisation = normalisation;
        _device = device;
    }

    /// <summary>The card of the trained network.</summary>
    public ModelCard Card { get; }

    /// <summary>Loads the network of a training folder; throws <see cref="FileNotFoundException"/> if a file is missing.</summary>
    public static Predictor Load(string folder, Device device)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(device);
        string cardPath = Path.Combine(folder, ModelCard.FileName);
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"{cardPath} not found: is {folder} a finished training folder?", cardPath);
        ModelCard card = ModelCard.FromJson(File.ReadAllText(cardPath));
        try
        {
            _ = card.FrequencyOrderValue;
        }
        catch (InvalidDataException ex)
        {
            throw new DataFileException(cardPath, null, ex.Message);
        }
        var normalisation = ChannelNormalisation.Load(Path.Combine(folder, card.Normalisation));
        var net = new UNet(new UNetOptions(card.InputChannels, card.BaseWidth, card.Depth));
        try
        {
            string weights = Path.Combine(folder, card.BestWeights);
            if (!File.Exists(weights)) throw new FileNotFoundException($"{weights} not found", weights);
            Trainer.LoadFile(weights, r => net.load(r));
            net.to(device);
            net.eval();
            return new Predictor(card, net, normalisation, device);
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    /// <summary>Predicts every sample of <paramref name="data"/>, <paramref name="batchSize"/> at a time.</summary>
    public Prediction Predict(DataSet data, int batchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        TrainingTensors.CheckGrid(data);
        CheckGeometry(data);
        var result = new double[data.Count, data.Nz, data.Ny];
        int plane = data.Nz * data.Ny;
        var clock = Stopwatch.StartNew();
        double firstBatch = 0;
        using var inference = inference_mode();
        for (int first = 0; first < data.Count; first += batchSize)
        {
            if (first == batchSize) firstBatch = clock.Elapsed.TotalSeconds;
            double[] values = PredictBatch(data, [.. Enumerable.Range(first, Math.Min(batchSize, data.Count - first))]);
            Buffer.BlockCopy(values, 0, result, first * plane * sizeof(double), values.Length * sizeof(double));
        }
        double total = clock.Elapsed.TotalSeconds;
        bool oneBatch = data.Count <= batchSize;
        return new Prediction(result, total / data.Count)
        {
            FirstBatchSeconds = oneBatch ? total : firstBatch,
            WarmSecondsPerSample = oneBatch ? null : (total - firstBatch) / (data.Count - batchSize),
        };
    }

    /// <summary>Predicts sample <paramref name="index"/> of <paramref name="data"/>: its log10 resistivity section
    /// [z, y] and the wall time of the prediction (input tensors and normalisation included).</summary>
    public (double[,] Log10Resistivity, double Seconds) PredictSample(DataSet data, int index)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, data.Count);
        TrainingTensors.CheckGrid(data);
        CheckGeometry(data);
        var clock = Stopwatch.StartNew();
        double[] values;
        using (inference_mode()) values = PredictBatch(data, [index]);
        var section = new double[data.Nz, data.Ny];
        Buffer.BlockCopy(values, 0, section, 0, values.Length * sizeof(double));
        return (section, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The predictions of the samples <paramref name="batch"/>, [sample, z, y] flattened.</summary>
    private double[] PredictBatch(DataSet data, int[] batch)
    {
        using var scope = NewDisposeScope();
        var x = _normalisation.Apply(TrainingTensors.Inputs(data, batch, Card.InputChannels, frequencyOrder: _frequencyOrder)).to(_device);
        var (output, _, finite) = TransientNaN.Run(_net, () => _net.call(x).to(ScalarType.Float64).to(CPU), TransientNaN.IsFinite);
        if (!finite) throw new InvalidOperationException($"the network's prediction of samples {batch[0]} to {batch[^1]} is not finite after {TransientNaN.MaxAttempts} attempts");
        return output.data<double>().ToArray();
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="data"/> has the frequencies, stations and
    /// model grid the network was trained on (the model card's <see cref="ModelCard.Geometry"/>).</summary>
    public void CheckGeometry(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Card.Geometry is null)
            throw new ArgumentException("the network's model card records no training geometry (frequencies, stations, grid), so the data cannot be checked against it; retrain it with this version");
        if (Card.Geometry.Mismatch(data) is string mismatch)
            throw new ArgumentException($"the data do not have the geometry the network was trained on: {mismatch}");
    }

    /// <summary>
    /// Predicts every sample of the data set <paramref name="dataPath"/> and writes the prediction file
    /// <paramref name="outPath"/>: an ordinary data set (read it with <see cref="DataSetFile.Read"/>) with the
    /// predictions in place of its log10 resistivity, the responses, grid and attributes of the data, and the
    /// <see cref="PredictionAttributes"/>: the data file, the weights folder <paramref name="weights"/>, the time per
    /// sample and the CPU kernel policy. A data set the network cannot take is an <see cref="ArgumentException"/>.
    /// </summary>
    public Prediction PredictFile(DataSet data, string dataPath, string outPath, string weights, PhysicsCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Prediction prediction = Predict(data);
        var extra = new Dictionary<string, string>(data.Attributes.Extra)
        {
            [PredictionAttributes.PredictionOf] = dataPath,
            [PredictionAttributes.Weights] = weights,
            [PredictionAttributes.SecondsPerSample] = InvariantNumber.Format(prediction.SecondsPerSample),
            [PredictionAttributes.CpuKernels] = CpuKernels.Status.Describe(),
        };
        if (check is not null)
        {
            prediction = prediction with { Check = check.Run(data, prediction.Log10Resistivity) };
            foreach (var (key, value) in prediction.Check.Attributes()) extra[key] = value;
        }
        DataSetFile.Write(outPath, new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, prediction.Log10Resistivity,
            data.Log10RhoApp, data.PhaseDeg, data.Attributes with { Extra = extra }));
        return prediction;
    }

    /// <inheritdoc />
    public void Dispose() => _net.Dispose();
}
