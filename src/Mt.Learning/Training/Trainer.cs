using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Mt.Learning.Training;

/// <summary>One finished epoch, as reported to the progress callback and written to the loss history.</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="TrainLoss">Mean MSE over the training part (training mode, as optimised).</param>
/// <param name="ValidationLoss">MSE over the validation part in evaluation mode; null without validation.</param>
/// <param name="Seconds">Wall time of the epoch (s).</param>
public sealed record EpochLoss(int Epoch, double TrainLoss, double? ValidationLoss, double Seconds);

/// <summary>The outcome of <see cref="Trainer.Run"/>.</summary>
/// <param name="History">Loss of every epoch so far (also those of earlier sessions of a resumed run).</param>
/// <param name="ResumedFrom">Epoch of the checkpoint the session started from (0: from scratch).</param>
/// <param name="Finished">Whether the last epoch is done (then the final weights and the model card exist).</param>
/// <param name="Card">The model card when finished.</param>
public sealed record TrainingResult(IReadOnlyList<EpochLoss> History, int ResumedFrom, bool Finished, ModelCard? Card);

/// <summary>
/// Trains a <see cref="UNet"/> on a data set into an output folder (<see cref="TrainingFolder"/>).
/// <list type="bullet">
/// <item>Split: a permutation seeded by (seed, "split") puts the first round(N * validation fraction) samples (at most
/// N - 1) in validation, the rest in training. The <see cref="ChannelNormalisation"/> is computed on the clean
/// training part.</item>
/// <item>Each epoch visits the training part in a permutation drawn from (seed, "shuffle", epoch); with augmentation a
/// sample gets <see cref="NoiseModel"/> noise at a level drawn from (seed, "noise", epoch, index), and with mirror
/// augmentation it is mirrored left-right when (seed, "mirror", epoch, index) says so (see <see cref="Draws"/> and
/// <see cref="TrainingTensors"/>). Adam with the step size of the epoch (<see cref="TrainingOptions.LearningRateAt"/>),
/// MSE, each batch inside its own dispose scope.</item>
/// <item>Determinism: torch is seeded before the weights are initialised, and every other draw is a pure function of
/// (seed, epoch, index), so a checkpoint (weights with batch-norm buffers, Adam state, epoch) is all a resumed run needs
/// to end with the same weights as an uninterrupted one, on CPU with the same thread count.</item>
/// <item>After each epoch: the loss history, the best weights when the validation loss (the training loss without
/// validation) improved, and every <see cref="TrainingOptions.CheckpointEvery"/> epochs and after the last a
/// checkpoint. After the last epoch: the final weights and the <see cref="ModelCard"/>.</item>
/// </list>
/// A folder whose checkpoint was made with other settings (<see cref="TrainingOptions.ResumeKey"/>, data hash) starts
/// afresh and its earlier weights, history and checkpoints are removed. The model card is removed when a run starts and
/// written when it finishes, so a card always describes the weights beside it.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions _options;
    private readonly DataSet _data;
    private readonly string _folder;
    private readonly Device _device;
    private readonly TrainingProvenance _provenance;
    private readonly Lazy<string> _dataContentSha256;

    /// <summary>Prepares a run; nothing is read or written before <see cref="Run"/>.</summary>
    public Trainer(TrainingOptions options, DataSet data, string folder, Device device, TrainingProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(provenance);
        options.Validate();
        TrainingTensors.CheckGrid(data);
        if (data.Count < 2) throw new ArgumentException($"training needs at least 2 samples, the data set has {data.Count}");
        _options = options;
        _data = data;
        _folder = folder;
        _device = device;
        _provenance = provenance;
        _dataContentSha256 = new Lazy<string>(data.ContentSha256);
        (TrainIndices, ValidationIndices) = Split(data.Count, options.ValidationFraction, options.Seed);
    }

    /// <summary>
    /// The trainer of an experiment's network on the training set <paramref name="dataPath"/> into
    /// <paramref name="folder"/>: reads the data, checks that they were generated from the experiment's data section
    /// (when the file records it) and records the provenance (experiment, section hashes, data file and its SHA-256).
    /// Data the network cannot take, or another data section, is an <see cref="ArgumentException"/>.
    /// </summary>
    public static Trainer ForExperiment(string experimentName, Experiment experiment, string dataPath, string folder, Device device, int member = 0)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        DataSet data = DataSetFile.Read(dataPath);
        string dataHash = ExperimentJson.SectionHash(experiment, ExperimentSection.Data);
        if (data.Attributes.Extra.TryGetValue("data_section_sha256", out string? stored) && stored != dataHash)
            throw new ArgumentException($"{dataPath} was generated from another data section than the experiment's");
        var provenance = new TrainingProvenance(experimentName,
            ExperimentJson.SectionHash(experiment, ExperimentSection.Network),
            ExperimentJson.SectionHash(experiment, ExperimentSection.Training),
            dataPath,
            FileHash.Sha256(dataPath));
        return new Trainer(TrainingOptions.FromExperiment(experiment) with { Member = member }, data, folder, device, provenance);
    }

    /// <summary>Passes (training steps, validation batches) of this session recomputed because their result came out
    /// non-finite (<see cref="TransientNaN"/>); recorded in the model card.</summary>
    public int RecomputedPasses { get; private set; }

    /// <summary>Samples trained on, ascending.</summary>
    public int[] TrainIndices { get; }

    /// <summary>Samples held out, ascending.</summary>
    public int[] ValidationIndices { get; }

    /// <summary>The validation split of <paramref name="count"/> samples (see the class remarks).</summary>
    public static (int[] Train, int[] Validation) Split(int count, double fraction, long seed)
    {
        int[] order = Draws.Permutation(count, seed, Draws.SplitStream, 0);
        int validation = Math.Clamp((int)Math.Round(count * fraction, MidpointRounding.AwayFromZero), 0, count - 1);
        return ([.. order.Skip(validation).Order()], [.. order.Take(validation).Order()]);
    }

    /// <summary>The validation samples of a run on <paramref name="count"/> samples that held out
    /// <paramref name="validationSamples"/> of them with <paramref name="seed"/> (a model card's split), ascending.</summary>
    public static int[] HeldOut(int count, int validationSamples, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationSamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(validationSamples, count);
        return [.. Draws.Permutation(count, seed, Draws.SplitStream, 0).Take(validationSamples).Order()];
    }

    /// <summary>
    /// Trains from the folder's last checkpoint (or from scratch) up to the last epoch, or up to
    /// <paramref name="stopAfterEpoch"/> (as if interrupted after it). <paramref name="progress"/> gets every epoch.
    /// </summary>
    public TrainingResult Run(Action<EpochLoss>? progress = null, int? stopAfterEpoch = null, CancellationToken cancel = default)
    {
        // A folder whose card says it finished this very run (same settings, same data content) is done: published
        // weights, or a rerun after the data were regenerated bit for bit, train nothing and change no file.
        if (FinishedCard() is { } finished) return new TrainingResult(ReadHistory(), finished.Epochs, true, finished);
        Directory.CreateDirectory(_folder);
        var normalisation = ComputeNormalisation();
        AtomicFile.WriteText(Path.Combine(_folder, TrainingFolder.Normalisation), w => w.Write(normalisation.ToJson()));

        TorchSettings.Seed(_options.RunSeed);
        using var net = new UNet(_options.Network);
        net.to(_device);
        using var optimizer = optim.Adam(net.parameters(), lr: _options.LearningRate);

        string key = ResumeKey();
        var history = new List<EpochLoss>();
        CheckpointRecord? checkpoint = ReadCheckpoint(key);
        int start = 0;
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0;
        // The card marks a finished run: it goes until this run finishes. Without a usable checkpoint, whatever an
        // earlier run with other settings left is removed, so no file of it can be mistaken for this run's.
        File.Delete(Path.Combine(_folder, ModelCard.FileName));
        if (checkpoint is null) RemoveEarlierRun();
        if (checkpoint is not null)
        {
            LoadFile(Path.Combine(_folder, TrainingFolder.CheckpointWeights(checkpoint.Epoch)), r => net.load(r));
            LoadFile(Path.Combine(_folder, TrainingFolder.CheckpointOptimizer(checkpoint.Epoch)), r => optimizer.load_state_dict(r));
            start = checkpoint.Epoch;
            bestLoss = checkpoint.BestLoss;
            bestEpoch = checkpoint.BestEpoch;
            history.AddRange(ReadHistory().Where(h => h.Epoch <= start));
        }

        // Time of the optimisation steps (forward, loss, backward, Adam) of the epochs run in this session.
        double stepSeconds = 0;
        long steps = 0;
        int stepsPerEpoch = (TrainIndices.Length + _options.BatchSize - 1) / _options.BatchSize;
        for (int epoch = start + 1; epoch <= _options.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            double trainLoss = TrainEpoch(net, optimizer, normalisation, epoch);
            stepSeconds += clock.Elapsed.TotalSeconds;
            steps += stepsPerEpoch;
            double? validationLoss = ValidationIndices.Length > 0 ? Evaluate(net, normalisation, ValidationIndices) : null;
            if (!double.IsFinite(trainLoss) || validationLoss is double v && !double.IsFinite(v))
                throw new TrainingDivergedException(epoch, trainLoss, validationLoss, CpuKernels.Status);
            var loss = new EpochLoss(epoch, trainLoss, validationLoss, clock.Elapsed.TotalSeconds);
            history.Add(loss);
            WriteHistory(history);
            double criterion = validationLoss ?? trainLoss;
            if (criterion < bestLoss)
            {
                bestLoss = criterion;
                bestEpoch = epoch;
                SaveFile(TrainingFolder.BestWeights, w => net.save(w));
            }
            if (epoch % _options.CheckpointEvery == 0 || epoch == _options.Epochs)
                WriteCheckpoint(net, optimizer, new CheckpointRecord(key, epoch, bestLoss, bestEpoch));
            progress?.Invoke(loss);
            if (epoch == stopAfterEpoch && epoch < _options.Epochs) return new TrainingResult(history, start, false, null);
        }

        SaveFile(TrainingFolder.FinalWeights, w => net.save(w));
        CpuKernelStatus kernels = CpuKernels.Status;
        double inferenceSeconds = TimeInference(net, normalisation);
        EpochLoss last = history[^1];
        var card = new ModelCard
        {
            Experiment = _provenance.ExperimentName,
            NetworkSectionSha256 = _provenance.NetworkSectionSha256,
            TrainingSectionSha256 = _provenance.TrainingSectionSha256,
            TrainingData = _provenance.DataFile,
            TrainingDataSha256 = _provenance.DataSha256,
            TrainingDataContentSha256 = _dataContentSha256.Value,
            ResumeKey = ResumeKey(),
            InputChannels = _options.Network.InputChannels,
            BaseWidth = _options.Network.BaseWidth,
            Depth = _options.Network.Depth,
            ParameterCount = net.ParameterCount,
            Seed = _options.Seed,
            EnsembleMember = _options.Member,
            Epochs = _options.Epochs,
            BatchSize = _options.BatchSize,
            LearningRate = _options.LearningRate,
            LearningRateSchedule = _options.Schedule.ToString().ToLowerInvariant(),
            MinLearningRateFraction = _options.MinLearningRateFraction,
            MirrorProbability = _options.MirrorProbability,
            InputFrequencyOrder = _options.InputFrequencyOrder.ToString().ToLowerInvariant(),
            NoiseProbability = _options.NoiseProbability,
            NoiseMaxLevel = _options.NoiseMaxLevel,
            TrainSamples = TrainIndices.Length,
            ValidationSamples = ValidationIndices.Length,
            FinalTrainLoss = last.TrainLoss,
            FinalValidationLoss = last.ValidationLoss,
            BestLoss = bestLoss,
            BestEpoch = bestEpoch,
            WallTimeSeconds = history.Sum(h => h.Seconds),
            SecondsPerTrainingStep = steps > 0 ? stepSeconds / steps : null,
            InferenceSecondsPerSection = inferenceSeconds,
            Device = _device.ToString(),
            CpuKernels = kernels.PolicyName,
            CpuKernelEnvironment = kernels.Variables,
            Geometry = TrainingGeometry.Of(_data),
            RecomputedPasses = RecomputedPasses,
            Threads = get_num_threads(),
            TorchSharpVersion = ModelCard.TorchSharpPackageVersion,
            LibTorchVersion = ModelCard.LibTorchPackageVersion,
        };
        AtomicFile.WriteText(Path.Combine(_folder, ModelCard.FileName), w => w.Write(card.ToJson()));
        return new TrainingResult(history, start, true, card);
    }

    private ChannelNormalisation ComputeNormalisation()
    {
        using var inputs = TrainingTensors.Inputs(_data, TrainIndices, _options.Network.InputChannels, frequencyOrder: _options.InputFrequencyOrder);
        return ChannelNormalisation.Compute(inputs);
    }

    private double TrainEpoch(UNet net, TorchSharp.Modules.OptimizerHelper optimizer, ChannelNormalisation normalisation, int epoch)
    {
        net.train();
        long seed = _options.RunSeed;
        int[] order = Draws.Permutation(TrainIndices.Length, seed, Draws.ShuffleStream, epoch);
        long noiseSeed = Draws.NoiseSeed(seed, epoch);
        Func<int, double> level = i => Draws.NoiseLevel(seed, epoch, i, _options.NoiseProbability, _options.NoiseMaxLevel);
        Func<int, bool> mirrored = i => Draws.Mirrored(seed, epoch, i, _options.MirrorProbability);
        double learningRate = _options.LearningRateAt(epoch);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        double sum = 0;
        for (int first = 0; first < order.Length; first += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            int[] batch = order.Skip(first).Take(_options.BatchSize).Select(k => TrainIndices[k]).ToArray();
            var x = normalisation.Apply(TrainingTensors.Inputs(_data, batch, _options.Network.InputChannels, level, noiseSeed, mirrored: mirrored, frequencyOrder: _options.InputFrequencyOrder)).to(_device);
            var y = TrainingTensors.Targets(_data, batch, mirrored).to(_device);
            var (loss, repeats, finite) = TransientNaN.Run(net, () =>
            {
                optimizer.zero_grad();
                var l = nn.functional.mse_loss(net.call(x), y);
                l.backward();
                return l;
            }, l => TransientNaN.IsFinite(l) && TransientNaN.GradientsFinite(net));
            RecomputedPasses += repeats;
            float value = loss.to(CPU).item<float>();
            if (!finite) return value;
            optimizer.step();
            sum += value * batch.Length;
        }
        return sum / order.Length;
    }

    /// <summary>
    /// Median wall time of 10 single-sample predictions (evaluation and inference mode, as <see cref="Predictor"/>; input
    /// tensor building and normalisation included) after 2 warm-up calls, on the first held-out sample (the first training
    /// sample without validation). Eval mode and inference mode leave the weights and the batch-norm statistics unchanged.
    /// </summary>
    private double TimeInference(UNet net, ChannelNormalisation normalisation)
    {
        int[] sample = [ValidationIndices.Length > 0 ? ValidationIndices[0] : TrainIndices[0]];
        net.eval();
        using var inference = inference_mode();
        var times = new List<double>();
        for (int call = 0; call < 12; call++)
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            var x = normalisation.Apply(TrainingTensors.Inputs(_data, sample, _options.Network.InputChannels, frequencyOrder: _options.InputFrequencyOrder)).to(_device);
            _ = net.call(x).to(CPU).data<float>()[0];
            if (call >= 2) times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }

    /// <summary>Mean squared error of the network (evaluation mode) over the samples <paramref name="indices"/>.</summary>
    private double Evaluate(UNet net, ChannelNormalisation normalisation, int[] indices)
    {
        net.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long count = 0;
        for (int first = 0; first < indices.Length; first += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            int[] batch = indices.Skip(first).Take(_options.BatchSize).ToArray();
            var x = normalisation.Apply(TrainingTensors.Inputs(_data, batch, _options.Network.InputChannels, frequencyOrder: _options.InputFrequencyOrder)).to(_device);
            var y = TrainingTensors.Targets(_data, batch).to(_device);
            var (error, repeats, _) = TransientNaN.Run(net, () => (net.call(x) - y).square().sum().to(ScalarType.Float64).to(CPU), TransientNaN.IsFinite);
            RecomputedPasses += repeats;
            sum += error.item<double>();
            count += y.numel();
        }
        return sum / count;
    }

    private string ResumeKey() => $"{_options.ResumeKey()};data={_dataContentSha256.Value};n={_data.Count}";

    /// <summary>The card of a finished run of this trainer's settings and data in the folder, or null.</summary>
    private ModelCard? FinishedCard()
    {
        string path = Path.Combine(_folder, ModelCard.FileName);
        if (!File.Exists(path)) return null;
        ModelCard card;
        try
        {
            card = ModelCard.FromJson(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
        // What prediction needs: a published folder carries these three files (the final weights and checkpoints stay
        // with the machine that trained).
        bool complete = card.ResumeKey == ResumeKey()
            && new[] { card.BestWeights, card.Normalisation }.All(f => File.Exists(Path.Combine(_folder, f)));
        return complete ? card : null;
    }

    private sealed record CheckpointRecord(string Key, int Epoch, double BestLoss, int BestEpoch);

    private CheckpointRecord? ReadCheckpoint(string key)
    {
        string path = Path.Combine(_folder, TrainingFolder.Checkpoint);
        if (!File.Exists(path)) return null;
        var record = JsonSerializer.Deserialize<CheckpointRecord>(File.ReadAllText(path));
        if (record is null || record.Key != key || record.Epoch < 1 || record.Epoch > _options.Epochs) return null;
        return record;
    }

    private void WriteCheckpoint(UNet net, TorchSharp.Modules.OptimizerHelper optimizer, CheckpointRecord record)
    {
        SaveFile(TrainingFolder.CheckpointWeights(record.Epoch), w => net.save(w));
        SaveFile(TrainingFolder.CheckpointOptimizer(record.Epoch), w => optimizer.save_state_dict(w));
        AtomicFile.WriteText(Path.Combine(_folder, TrainingFolder.Checkpoint), w => w.Write(JsonSerializer.Serialize(record)));
        // Older checkpoints are no longer needed once the record names the new one.
        foreach (string old in Directory.EnumerateFiles(_folder, "checkpoint-*.*"))
        {
            string name = Path.GetFileName(old);
            if (name != TrainingFolder.CheckpointWeights(record.Epoch) && name != TrainingFolder.CheckpointOptimizer(record.Epoch))
                File.Delete(old);
        }
    }

    private void RemoveEarlierRun()
    {
        foreach (string name in new[] { TrainingFolder.BestWeights, TrainingFolder.FinalWeights, TrainingFolder.LossHistory, TrainingFolder.Checkpoint })
            File.Delete(Path.Combine(_folder, name));
        foreach (string old in Directory.EnumerateFiles(_folder, "checkpoint-*.*")) File.Delete(old);
    }

    private void SaveFile(string name, Action<BinaryWriter> save) =>
        AtomicFile.Write(Path.Combine(_folder, name), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            save(writer);
            writer.Flush();
        });

    /// <summary>Opens <paramref name="path"/> and hands a reader to <paramref name="load"/> (e.g. <c>r =&gt; net.load(r)</c>).</summary>
    public static void LoadFile(string path, Action<BinaryReader> load)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        load(reader);
    }

    private const string HistoryHeader = "epoch,train_loss,validation_loss,seconds";

    private void WriteHistory(IEnumerable<EpochLoss> history) =>
        AtomicFile.WriteText(Path.Combine(_folder, TrainingFolder.LossHistory), w =>
        {
            w.WriteLine(HistoryHeader);
            foreach (EpochLoss h in history)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{h.Epoch},{h.TrainLoss:R},{(h.ValidationLoss is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "")},{h.Seconds:F3}"));
        });

    private List<EpochLoss> ReadHistory()
    {
        string path = Path.Combine(_folder, TrainingFolder.LossHistory);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            string[] f = line.Split(',');
            return new EpochLoss(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                double.Parse(f[1], CultureInfo.InvariantCulture),
                f[2].Length == 0 ? null : double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture));
        }).ToList();
    }
}

/// <summary>Training produced a loss that is not a finite number; nothing of the epoch was kept.</summary>
public sealed class TrainingDivergedException(int epoch, double trainLoss, double? validationLoss, CpuKernelStatus kernels)
    : Exception(Describe(epoch, trainLoss, validationLoss, kernels))
{
    /// <summary>The epoch whose loss was not finite.</summary>
    public int Epoch { get; } = epoch;

    private static string Describe(int epoch, double trainLoss, double? validationLoss, CpuKernelStatus kernels)
    {
        string losses = FormattableString.Invariant($"training loss {trainLoss}, validation loss {validationLoss ?? double.NaN}");
        string hint = kernels.Policy == CpuKernelPolicy.Fast
            ? "; unpinned kernels have given NaN losses on some CPUs: retry without --fast-kernels"
            : "";
        return $"training diverged in epoch {epoch}: {losses}; nothing of this epoch was kept (CPU kernels {kernels.Describe()}{hint})";
    }
}
