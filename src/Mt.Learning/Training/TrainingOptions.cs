using System.Globalization;
using Mt.Data.Experiments;

namespace Mt.Learning.Training;

/// <summary>
/// What a training run needs from an experiment: the network shape and the training section (threads aside, which the
/// caller sets with <see cref="TorchSettings.SetThreads"/>).
/// </summary>
/// <param name="Network">U-Net shape; <see cref="UNetOptions.InputChannels"/> is 2 (TE) or 4 (TE and TM).</param>
/// <param name="Epochs">Passes over the training part.</param>
/// <param name="BatchSize">Samples per mini-batch.</param>
/// <param name="LearningRate">Adam step size.</param>
/// <param name="ValidationFraction">Fraction of the samples held out for validation, in [0, 1).</param>
/// <param name="CheckpointEvery">A checkpoint is written every this many epochs and after the last one.</param>
/// <param name="NoiseProbability">Probability that a training sample gets noise in an epoch (0: no augmentation).</param>
/// <param name="NoiseMaxLevel">Largest relative impedance noise level of the augmentation.</param>
/// <param name="Seed">Seed of weight initialisation, the validation split, the shuffles and the augmentation.</param>
/// <param name="Schedule">Learning-rate schedule over the epochs (<see cref="LearningRateAt"/>).</param>
/// <param name="MinLearningRateFraction">With the cosine schedule, the fraction of <paramref name="LearningRate"/> it
/// decays towards.</param>
/// <param name="MirrorProbability">Probability that a training sample is mirrored left-right in an epoch (0: off).</param>
/// <param name="InputFrequencyOrder">Order of the frequency rows of the inputs (<see cref="TrainingTensors.Inputs"/>).</param>
/// <param name="Member">Deep-ensemble member: 0 is the experiment's network; member k &gt; 0 draws its initialisation,
/// shuffles and augmentation from <see cref="RunSeed"/> instead of <paramref name="Seed"/>, and keeps the validation
/// split of <paramref name="Seed"/>, so that every member holds out the same samples.</param>
public sealed record TrainingOptions(
    UNetOptions Network,
    int Epochs,
    int BatchSize,
    double LearningRate,
    double ValidationFraction,
    int CheckpointEvery,
    double NoiseProbability,
    double NoiseMaxLevel,
    long Seed,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant,
    double MinLearningRateFraction = 0,
    double MirrorProbability = 0,
    FrequencyOrder InputFrequencyOrder = FrequencyOrder.Ascending,
    int Member = 0)
{
    /// <summary>The seed of the initialisation, the shuffles and the augmentation: <see cref="Seed"/> for member 0,
    /// a hash of (<see cref="Seed"/>, member) for the others.</summary>
    public long RunSeed => Member == 0 ? Seed : Draws.MemberSeed(Seed, Member);

    /// <summary>The options of an experiment's network and training sections.</summary>
    public static TrainingOptions FromExperiment(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        NetworkSection n = experiment.Network;
        TrainingSection t = experiment.Training;
        return new TrainingOptions(
            new UNetOptions(n.InputChannels, n.BaseWidth, n.Depth),
            t.Epochs, t.BatchSize, t.LearningRate, t.ValidationFraction, t.CheckpointEvery,
            t.NoiseAugmentation.Probability, t.NoiseAugmentation.MaxLevel, t.Seed,
            t.LearningRateSchedule, t.MinLearningRateFraction, t.MirrorProbability, n.InputFrequencyOrder);
    }

    /// <summary>
    /// The Adam step size of <paramref name="epoch"/> (1 to <see cref="Epochs"/>), a pure function of the epoch so that a
    /// resumed run steps exactly as an uninterrupted one. Constant: <see cref="LearningRate"/>. Cosine:
    /// lr (f + (1 - f) (1 + cos(pi (epoch - 1) / Epochs)) / 2) with f = <see cref="MinLearningRateFraction"/>: lr in the
    /// first epoch, falling to just above f lr in the last (it would reach f lr one epoch later).
    /// </summary>
    public double LearningRateAt(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, Epochs);
        return Schedule switch
        {
            LearningRateSchedule.Constant => LearningRate,
            LearningRateSchedule.Cosine => LearningRate * (MinLearningRateFraction
                + (1 - MinLearningRateFraction) * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / Epochs))),
            _ => throw new InvalidOperationException($"unknown learning-rate schedule {Schedule}"),
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> if a field is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Network);
        Network.Validate();
        if (Network.InputChannels is not (2 or 4))
            throw new ArgumentException($"input channels must be 2 (TE) or 4 (TE and TM), not {Network.InputChannels}");
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointEvery, 1, nameof(CheckpointEvery));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"learning rate must be positive, not {LearningRate}");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentException($"validation fraction must be in [0, 1), not {ValidationFraction}");
        if (!(NoiseProbability >= 0 && NoiseProbability <= 1)) throw new ArgumentException($"noise probability must be in [0, 1], not {NoiseProbability}");
        if (!(NoiseMaxLevel >= 0 && NoiseMaxLevel < 1)) throw new ArgumentException($"noise max level must be in [0, 1), not {NoiseMaxLevel}");
        if (!Enum.IsDefined(Schedule)) throw new ArgumentException($"unknown learning-rate schedule {Schedule}");
        if (!(MinLearningRateFraction >= 0 && MinLearningRateFraction <= 1)) throw new ArgumentException($"min learning rate fraction must be in [0, 1], not {MinLearningRateFraction}");
        if (!Enum.IsDefined(InputFrequencyOrder)) throw new ArgumentException($"unknown input frequency order {InputFrequencyOrder}");
        if (!(MirrorProbability >= 0 && MirrorProbability <= 1)) throw new ArgumentException($"mirror probability must be in [0, 1], not {MirrorProbability}");
        ArgumentOutOfRangeException.ThrowIfNegative(Member, nameof(Member));
    }

    /// <summary>Text identifying everything that determines the weights, epoch by epoch (not <see cref="Epochs"/> or
    /// <see cref="CheckpointEvery"/>: a run may be extended or checkpointed differently and still resume; except under the
    /// cosine schedule, whose step sizes depend on <see cref="Epochs"/>). The options added later (schedule, mirror, order)
    /// appear only when not at their defaults, so the checkpoints of earlier runs keep their key.</summary>
    internal string ResumeKey() => string.Create(CultureInfo.InvariantCulture,
        $"net={Network.InputChannels},{Network.BaseWidth},{Network.Depth};batch={BatchSize};lr={LearningRate:R};val={ValidationFraction:R};noise={NoiseProbability:R},{NoiseMaxLevel:R};seed={Seed}")
        + (Schedule == LearningRateSchedule.Constant ? "" : string.Create(CultureInfo.InvariantCulture, $";schedule={Schedule},{MinLearningRateFraction:R},{Epochs}"))
        + (MirrorProbability == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $";mirror={MirrorProbability:R}"))
        + (InputFrequencyOrder == FrequencyOrder.Ascending ? "" : $";frequencies={InputFrequencyOrder}")
        + (Member == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $";member={Member}"));
}
