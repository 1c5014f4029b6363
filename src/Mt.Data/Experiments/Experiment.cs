using System.Numerics;
using System.Text.Json.Serialization;
using Mt.Data.Geology;
using Mt.Forward;

namespace Mt.Data.Experiments;

/// <summary>
/// A resolved experiment: one section per pipeline stage, bound from an experiment file (after <c>extends</c> has been
/// merged) by <see cref="ExperimentLoader"/> and checked by <see cref="ExperimentValidator"/>.
/// </summary>
public sealed record Experiment
{
    /// <summary>Free text describing the experiment; not part of any section hash.</summary>
    public string? Description { get; init; }

    /// <summary>Model grid, geology, data-set sizes, frequencies, stations, noise and seed.</summary>
    public required DataSection Data { get; init; }

    /// <summary>U-Net shape.</summary>
    public required NetworkSection Network { get; init; }

    /// <summary>Optimiser settings.</summary>
    public required TrainingSection Training { get; init; }

    /// <summary>Settings of the deterministic NLCG inversion the network is compared with.</summary>
    public required InversionSection Inversion { get; init; }

    /// <summary>What the evaluation stage measures.</summary>
    public required EvaluationSection Evaluation { get; init; }

    /// <summary>The deep ensemble beside the network (none unless an experiment asks for one).</summary>
    public EnsembleSection Ensemble { get; init; } = new();
}

/// <summary>A closed interval [<see cref="Min"/>, <see cref="Max"/>] of a value drawn at random.</summary>
/// <typeparam name="T">int or double.</typeparam>
public sealed record Bounds<T> where T : struct, INumber<T>
{
    /// <summary>Smallest value (inclusive).</summary>
    public required T Min { get; init; }

    /// <summary>Largest value (inclusive).</summary>
    public required T Max { get; init; }
}

/// <summary>The data stage: everything that determines the generated models and their responses.</summary>
public sealed record DataSection
{
    /// <summary>Stations along the profile; the model has one lateral cell centred on each station.</summary>
    public required StationLine Stations { get; init; }

    /// <summary>Depth cells with geometrically growing thickness.</summary>
    public required DepthGrid ZGrid { get; init; }

    /// <summary>Log-spaced frequencies of the responses.</summary>
    public required FrequencyGrid Frequencies { get; init; }

    /// <summary>Polarisation modes used as network input (two channels per mode: log10 apparent resistivity, phase).</summary>
    public required IReadOnlyList<Mode> Modes { get; init; }

    /// <summary>Ranges the random geology is drawn from.</summary>
    public required GeologyRanges Geology { get; init; }

    /// <summary>Number of training models (the validation part is carved from these).</summary>
    public required int TrainModels { get; init; }

    /// <summary>Number of test models.</summary>
    public required int TestModels { get; init; }

    /// <summary>Relative Gaussian noise levels (fraction of the impedance) at which test responses are synthesised.</summary>
    public required IReadOnlyList<double> NoiseLevels { get; init; }

    /// <summary>Experiment seed; the seed of each sample is derived from it (see <see cref="SampleSeed"/>).</summary>
    public required long Seed { get; init; }
}

/// <summary>Equally spaced stations along the profile (y axis).</summary>
public sealed record StationLine
{
    /// <summary>Number of stations (and of lateral cells).</summary>
    public required int Count { get; init; }

    /// <summary>Position of the first station (m).</summary>
    public required double StartM { get; init; }

    /// <summary>Distance between neighbouring stations, which is also the lateral cell width (m).</summary>
    public required double SpacingM { get; init; }
}

/// <summary>
/// Depth cells whose thicknesses grow geometrically: thickness i is <c>first_thickness_m * r^i</c>, with the ratio r
/// solved so that the cells end exactly at <see cref="BottomM"/> (see <see cref="GeometricGrid"/>).
/// </summary>
public sealed record DepthGrid
{
    /// <summary>Number of depth cells.</summary>
    public required int Cells { get; init; }

    /// <summary>Depth of the bottom edge of the last cell (m).</summary>
    public required double BottomM { get; init; }

    /// <summary>Thickness of the surface cell (m).</summary>
    public required double FirstThicknessM { get; init; }
}

/// <summary>Frequencies equally spaced in log10 between <see cref="MinHz"/> and <see cref="MaxHz"/>, both included.</summary>
public sealed record FrequencyGrid
{
    /// <summary>Lowest frequency (Hz).</summary>
    public required double MinHz { get; init; }

    /// <summary>Highest frequency (Hz).</summary>
    public required double MaxHz { get; init; }

    /// <summary>Number of frequencies.</summary>
    public required int Count { get; init; }
}

/// <summary>Ranges of the random geology (see <see cref="GeologyGenerator"/> for how each value is drawn).</summary>
public sealed record GeologyRanges
{
    /// <summary>Number of horizontal background layers (the deepest is the half-space).</summary>
    public required Bounds<int> LayerCount { get; init; }

    /// <summary>Depths between which layer interfaces are drawn, log-uniformly (m, min &gt; 0).</summary>
    public required Bounds<double> InterfaceDepthM { get; init; }

    /// <summary>Resistivity of layers and anomalies, drawn log-uniformly (ohm-m).</summary>
    public required Bounds<double> ResistivityOhmM { get; init; }

    /// <summary>Number of anomalies per model.</summary>
    public required Bounds<int> AnomalyCount { get; init; }

    /// <summary>The shape kinds an anomaly is drawn from (uniformly).</summary>
    public required IReadOnlyList<ShapeKind> ShapeKinds { get; init; }

    /// <summary>Horizontal extent of an anomaly's bounding box, drawn log-uniformly (m).</summary>
    public required Bounds<double> AnomalyWidthM { get; init; }

    /// <summary>Vertical extent of an anomaly, drawn log-uniformly (m).</summary>
    public required Bounds<double> AnomalyHeightM { get; init; }

    /// <summary>Depth of an anomaly's top, drawn uniformly (m).</summary>
    public required Bounds<double> AnomalyTopDepthM { get; init; }

    /// <summary>Dip of a dipping body from the horizontal, drawn uniformly (degrees, in (0, 90]).</summary>
    public required Bounds<double> DipDeg { get; init; }

    /// <summary>Number of vertices of an irregular polygon.</summary>
    public required Bounds<int> PolygonVertices { get; init; }

    /// <summary>The mixture of geology families (see <see cref="GeologyMixture"/>); null (absent): the paper's generator
    /// alone, with the ranges above. Left out of the canonical form when null, so files without it keep their hash.</summary>
    public GeologyFamilies? Families { get; init; }
}

/// <summary>The network stage: shape of the U-Net.</summary>
public sealed record NetworkSection
{
    /// <summary>Input channels: two per mode (log10 apparent resistivity and phase).</summary>
    public required int InputChannels { get; init; }

    /// <summary>Feature maps of the first level; doubled at each level down.</summary>
    public required int BaseWidth { get; init; }

    /// <summary>Number of down-sampling levels.</summary>
    public required int Depth { get; init; }

    /// <summary>Order of the frequency rows of the network input; default <see cref="FrequencyOrder.Ascending"/> (as
    /// stored, lowest frequency in row 0). <see cref="FrequencyOrder.Descending"/> puts the highest frequency in row 0,
    /// so that input row i, whose skin depth grows with i, lies beside output row i, whose depth grows with i.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FrequencyOrder InputFrequencyOrder { get; init; }
}

/// <summary>Order of the frequency rows of the network input.</summary>
public enum FrequencyOrder
{
    /// <summary>Lowest frequency first, as the data sets store them.</summary>
    Ascending,

    /// <summary>Highest frequency first: row i of the input then samples depths that grow with i, like row i of the model
    /// grid, and the U-Net's skip connections join data and model rows of similar depth.</summary>
    Descending,
}

/// <summary>Training loss.</summary>
public enum Loss
{
    /// <summary>Mean squared error on log10 resistivity.</summary>
    Mse,
}

/// <summary>Optimiser.</summary>
public enum Optimizer
{
    /// <summary>Adam with default moments (0.9, 0.999).</summary>
    Adam,
}

/// <summary>How the learning rate changes over the epochs.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate of every epoch is <see cref="TrainingSection.LearningRate"/> (the paper).</summary>
    Constant,

    /// <summary>Cosine decay from <see cref="TrainingSection.LearningRate"/> in the first epoch towards
    /// <see cref="TrainingSection.MinLearningRateFraction"/> times it after the last.</summary>
    Cosine,
}

/// <summary>
/// The training stage. The optional fields (schedule, mirror augmentation) are left out of the canonical form when they
/// hold their defaults, so files without them keep their section hash and behaviour.
/// </summary>
public sealed record TrainingSection
{
    /// <summary>Passes over the training set.</summary>
    public required int Epochs { get; init; }

    /// <summary>Models per mini-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Optimiser.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>Optimiser step size (of the first epoch under a schedule).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Learning-rate schedule over the epochs; default <see cref="LearningRateSchedule.Constant"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public LearningRateSchedule LearningRateSchedule { get; init; }

    /// <summary>With <see cref="LearningRateSchedule.Cosine"/>: the fraction of <see cref="LearningRate"/> the cosine
    /// decays towards, in [0, 1]; default 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double MinLearningRateFraction { get; init; }

    /// <summary>Probability, in [0, 1], that a training sample is mirrored left-right (stations and model columns
    /// reversed) in an epoch; default 0 (off).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double MirrorProbability { get; init; }

    /// <summary>Loss function.</summary>
    public required Loss Loss { get; init; }

    /// <summary>Fraction of the training models held out for validation, in [0, 1).</summary>
    public required double ValidationFraction { get; init; }

    /// <summary>Weights are saved every this many epochs (and after the last one).</summary>
    public required int CheckpointEvery { get; init; }

    /// <summary>Noise added to the training inputs.</summary>
    public required NoiseAugmentation NoiseAugmentation { get; init; }

    /// <summary>Seed of weight initialisation, shuffling and augmentation.</summary>
    public required int Seed { get; init; }

    /// <summary>CPU threads used for training (at least 1).</summary>
    public required int Threads { get; init; }
}

/// <summary>
/// Training-time noise: with probability <see cref="Probability"/> a training sample gets relative Gaussian noise on its
/// impedance with a level drawn uniformly in [0, <see cref="MaxLevel"/>].
/// </summary>
public sealed record NoiseAugmentation
{
    /// <summary>Probability that a sample is perturbed, in [0, 1]; 0 switches augmentation off.</summary>
    public required double Probability { get; init; }

    /// <summary>Largest relative noise level, in [0, 1).</summary>
    public required double MaxLevel { get; init; }
}

/// <summary>The inversion stage: nonlinear conjugate gradients on a regularised objective.</summary>
public sealed record InversionSection
{
    /// <summary>Stop when the normalised RMS misfit falls to this value.</summary>
    public required double TargetRms { get; init; }

    /// <summary>Largest number of NLCG iterations.</summary>
    public required int MaxIterations { get; init; }

    /// <summary>Smallest data errors assumed.</summary>
    public required ErrorFloors ErrorFloors { get; init; }

    /// <summary>Initial regularisation trade-off parameter (lambda).</summary>
    public required double InitialTradeOff { get; init; }

    /// <summary>Resistivity of the uniform starting model (ohm-m).</summary>
    public required double HalfSpaceResistivityOhmM { get; init; }

    /// <summary>How many test models (the first ones) the InvertNlcg stage inverts; null (absent): all of them.</summary>
    public int? Models { get; init; }
}

/// <summary>Error floors of the inversion.</summary>
public sealed record ErrorFloors
{
    /// <summary>Apparent resistivity error floor as a fraction of the value.</summary>
    public required double ApparentResistivityFraction { get; init; }

    /// <summary>Phase error floor (degrees).</summary>
    public required double PhaseDeg { get; init; }

    /// <summary>The standard errors of data with relative impedance noise <paramref name="noiseLevel"/> under these
    /// floors (<see cref="Misfit.DataErrors.From"/>).</summary>
    public Misfit.DataErrors At(double noiseLevel) => Misfit.DataErrors.From(ApparentResistivityFraction, PhaseDeg, noiseLevel);

    /// <summary>Floors of the given values.</summary>
    public static ErrorFloors Of(double apparentResistivityFraction, double phaseDeg) =>
        new() { ApparentResistivityFraction = apparentResistivityFraction, PhaseDeg = phaseDeg };
}

/// <summary>The evaluation stage.</summary>
public sealed record EvaluationSection
{
    /// <summary>Relative noise levels at which network and inversion are compared; each must be in
    /// <see cref="DataSection.NoiseLevels"/>.</summary>
    public required IReadOnlyList<double> NoiseLevels { get; init; }
}

/// <summary>The deep ensemble stage: <see cref="Members"/> networks of the experiment's network and training sections,
/// the experiment's own (member 0) and members 1 to <see cref="Members"/> - 1 trained from other run seeds on the same
/// split, whose per-cell spread is calibrated on their held-out samples.</summary>
public sealed record EnsembleSection
{
    /// <summary>Networks in the ensemble, the experiment's own included; 1 (the default): no ensemble.</summary>
    public int Members { get; init; } = 1;
}

/// <summary>The sections of an experiment, one per stage, each hashed separately.</summary>
public enum ExperimentSection
{
    /// <summary><see cref="Experiment.Data"/>.</summary>
    Data,

    /// <summary><see cref="Experiment.Network"/>.</summary>
    Network,

    /// <summary><see cref="Experiment.Training"/>.</summary>
    Training,

    /// <summary><see cref="Experiment.Inversion"/>.</summary>
    Inversion,

    /// <summary><see cref="Experiment.Evaluation"/>.</summary>
    Evaluation,

    /// <summary><see cref="Experiment.Ensemble"/>.</summary>
    Ensemble,
}
