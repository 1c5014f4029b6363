using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mt.Data.Experiments;

namespace Mt.Learning.Training;

/// <summary>Where the training data and settings came from; written into the <see cref="ModelCard"/>.</summary>
/// <param name="ExperimentName">Experiment name (file name without extension).</param>
/// <param name="NetworkSectionSha256">ExperimentJson.SectionHash of the network section.</param>
/// <param name="TrainingSectionSha256">ExperimentJson.SectionHash of the training section.</param>
/// <param name="DataFile">The training data file as given.</param>
/// <param name="DataSha256">SHA-256 of the training data file's bytes.</param>
public sealed record TrainingProvenance(
    string ExperimentName, string NetworkSectionSha256, string TrainingSectionSha256, string DataFile, string DataSha256);

/// <summary>The frequencies, stations and model grid a network was trained on.</summary>
/// <param name="FrequenciesHz">Frequencies of the data, ascending (Hz).</param>
/// <param name="StationsM">Station positions (m).</param>
/// <param name="YEdgesM">Lateral edges of the model grid (m).</param>
/// <param name="ZEdgesM">Depth edges of the model grid (m).</param>
public sealed record TrainingGeometry(double[] FrequenciesHz, double[] StationsM, double[] YEdgesM, double[] ZEdgesM)
{
    /// <summary>Relative tolerance within which two geometries are the same (the values are written as round-trip
    /// decimals, so equal geometries compare exactly; the tolerance only absorbs arithmetic in other tools).</summary>
    public const double RelativeTolerance = 1e-9;

    /// <inheritdoc />
    public bool Equals(TrainingGeometry? other) =>
        other is not null && FrequenciesHz.SequenceEqual(other.FrequenciesHz) && StationsM.SequenceEqual(other.StationsM)
        && YEdgesM.SequenceEqual(other.YEdgesM) && ZEdgesM.SequenceEqual(other.ZEdgesM);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FrequenciesHz.Length, StationsM.Length, YEdgesM.Length, ZEdgesM.Length);

    /// <summary>The geometry of a data set.</summary>
    public static TrainingGeometry Of(Mt.Data.Datasets.DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TrainingGeometry([.. data.FrequenciesHz], [.. data.StationsM], [.. data.YEdgesM], [.. data.ZEdgesM]);
    }

    /// <summary>The first difference between this geometry (the network's) and that of <paramref name="data"/>, as a
    /// sentence naming both values, or null when they agree.</summary>
    public string? Mismatch(Mt.Data.Datasets.DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Compare("frequencies_hz", "Hz", data.FrequenciesHz, FrequenciesHz)
            ?? Compare("stations_m", "m", data.StationsM, StationsM)
            ?? Compare("y_edges_m", "m", data.YEdgesM, YEdgesM)
            ?? Compare("z_edges_m", "m", data.ZEdgesM, ZEdgesM);
    }

    private static string? Compare(string name, string unit, double[] data, double[] trained)
    {
        if (data.Length != trained.Length)
            return $"{name} has {data.Length} values, the network was trained on {trained.Length}";
        for (int i = 0; i < data.Length; i++)
            if (!(Math.Abs(data[i] - trained[i]) <= RelativeTolerance * Math.Max(Math.Abs(data[i]), Math.Abs(trained[i]))))
                return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name}[{i}] is {data[i]:G9} {unit}, the network was trained on {trained[i]:G9} {unit}");
        return null;
    }
}

/// <summary>
/// The model card <c>model-card.json</c> beside the weights: what was trained on what, how, with which result. Its
/// network fields are what <see cref="Predictor"/> builds the network from.
/// </summary>
public sealed record ModelCard
{
    /// <summary>File name of the card in a weights folder.</summary>
    public const string FileName = Mt.Data.Results.ResultsLayout.ModelCardFileName;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Experiment name.</summary>
    public required string Experiment { get; init; }

    /// <summary>Hash of the experiment's network section.</summary>
    public required string NetworkSectionSha256 { get; init; }

    /// <summary>Hash of the experiment's training section.</summary>
    public required string TrainingSectionSha256 { get; init; }

    /// <summary>Training data file as given.</summary>
    public required string TrainingData { get; init; }

    /// <summary>SHA-256 of the training data file.</summary>
    public required string TrainingDataSha256 { get; init; }

    /// <summary>SHA-256 of the training data's content (<see cref="Mt.Data.Datasets.DataSet.ContentSha256"/>): equal for
    /// the same data regenerated elsewhere, whose file bytes differ in their provenance attributes.</summary>
    public string? TrainingDataContentSha256 { get; init; }

    /// <summary>What the run depended on (settings, data content, sample count): a folder whose card has the key of a
    /// trainer is that trainer's finished run.</summary>
    public string? ResumeKey { get; init; }

    /// <summary>Input channels (2: TE, 4: TE and TM).</summary>
    public required int InputChannels { get; init; }

    /// <summary>Width of the first level.</summary>
    public required int BaseWidth { get; init; }

    /// <summary>Number of pooling levels.</summary>
    public required int Depth { get; init; }

    /// <summary>Trainable scalars.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Training seed (the split; for member 0 also initialisation, shuffles, augmentation).</summary>
    public required long Seed { get; init; }

    /// <summary>Deep-ensemble member (0: the experiment's network; see <see cref="TrainingOptions.Member"/>).</summary>
    public int EnsembleMember { get; init; }

    /// <summary>Epochs trained.</summary>
    public required int Epochs { get; init; }

    /// <summary>Samples per mini-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Adam step size (of the first epoch under a schedule).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Learning-rate schedule: "constant" or "cosine" (cards written before the schedule existed: constant).</summary>
    public string LearningRateSchedule { get; init; } = "constant";

    /// <summary>With the cosine schedule, the fraction of the learning rate it decays towards.</summary>
    public double MinLearningRateFraction { get; init; }

    /// <summary>Order of the frequency rows of the inputs: "ascending" or "descending" (cards written before the option
    /// existed: ascending).</summary>
    public string InputFrequencyOrder { get; init; } = "ascending";

    /// <summary>The frequency order as the enum; throws <see cref="InvalidDataException"/> for an unknown value.</summary>
    [JsonIgnore]
    public FrequencyOrder FrequencyOrderValue => InputFrequencyOrder switch
    {
        "ascending" => FrequencyOrder.Ascending,
        "descending" => FrequencyOrder.Descending,
        _ => throw new InvalidDataException($"model card: input_frequency_order must be \"ascending\" or \"descending\", not \"{InputFrequencyOrder}\""),
    };

    /// <summary>Probability that a training sample was mirrored left-right in an epoch.</summary>
    public double MirrorProbability { get; init; }

    /// <summary>Probability that a training sample got noise in an epoch.</summary>
    public double NoiseProbability { get; init; }

    /// <summary>Largest relative noise level of the augmentation.</summary>
    public double NoiseMaxLevel { get; init; }

    /// <summary>Samples trained on.</summary>
    public required int TrainSamples { get; init; }

    /// <summary>Samples held out for validation.</summary>
    public required int ValidationSamples { get; init; }

    /// <summary>Mean MSE over the training part in the last epoch (training mode, as optimised).</summary>
    public required double FinalTrainLoss { get; init; }

    /// <summary>Validation MSE after the last epoch (null without validation).</summary>
    public required double? FinalValidationLoss { get; init; }

    /// <summary>Lowest validation MSE (training MSE without validation), that of <see cref="BestWeights"/>.</summary>
    public required double BestLoss { get; init; }

    /// <summary>Epoch of <see cref="BestLoss"/>.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Training time summed over all sessions of the run (s).</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>Mean wall time of one optimisation step (a batch's forward pass, loss, backward pass and Adam step, input
    /// tensors included) over the epochs run in the last session of the run (null if it ran none: a finished run
    /// resumed).</summary>
    public double? SecondsPerTrainingStep { get; init; }

    /// <summary>Median wall time of a single-section prediction after training (evaluation and inference mode, input
    /// building included, 10 calls after 2 warm-up calls) on the training device and threads.</summary>
    public double? InferenceSecondsPerSection { get; init; }

    /// <summary>Device trained on.</summary>
    public required string Device { get; init; }

    /// <summary>CPU kernel policy of the training process: "pinned" (every kernel library at
    /// <see cref="Learning.CpuKernels.PinnedLevel"/>, the same numbers on every supported machine) or "fast" (null in
    /// cards written before the pin existed).</summary>
    public string? CpuKernels { get; init; }

    /// <summary>The kernel-selection variables as the native libraries saw them in the training process, e.g.
    /// <c>ONEDNN_MAX_CPU_ISA=AVX2, DNNL_MAX_CPU_ISA=AVX2, ATEN_CPU_CAPABILITY=avx2, MKL_CBWR=AVX2</c>.</summary>
    public string? CpuKernelEnvironment { get; init; }

    /// <summary>Passes of the last training session recomputed because they came out non-finite
    /// (<see cref="TransientNaN"/>; 0 when none were).</summary>
    public int RecomputedPasses { get; init; }

    /// <summary>The frequencies, stations and model grid of the training data: a data set to predict must have the
    /// same (null in cards written before they were recorded).</summary>
    public TrainingGeometry? Geometry { get; init; }

    /// <summary>libtorch intra-op threads.</summary>
    public required int Threads { get; init; }

    /// <summary>TorchSharp package version.</summary>
    public required string TorchSharpVersion { get; init; }

    /// <summary>libtorch version.</summary>
    public required string LibTorchVersion { get; init; }

    /// <summary>Weights file of the best epoch (used by <see cref="Predictor"/>).</summary>
    public string BestWeights { get; init; } = TrainingFolder.BestWeights;

    /// <summary>Weights file after the last epoch.</summary>
    public string FinalWeights { get; init; } = TrainingFolder.FinalWeights;

    /// <summary>Input normalisation file.</summary>
    public string Normalisation { get; init; } = TrainingFolder.Normalisation;

    /// <summary>JSON text of the card.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a card from JSON written by <see cref="ToJson"/>.</summary>
    public static ModelCard FromJson(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, JsonOptions) ?? throw new JsonException("model card JSON is null");

    /// <summary>TorchSharp version this library was built against.</summary>
    public static string TorchSharpPackageVersion => Metadata("TorchSharpVersion");

    /// <summary>libtorch version of that TorchSharp package.</summary>
    public static string LibTorchPackageVersion => Metadata("LibTorchVersion");

    private static string Metadata(string key) =>
        typeof(ModelCard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";
}
