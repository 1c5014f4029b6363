namespace Mt.Data.Results;

/// <summary>Which path the automatic method took for one model.</summary>
public enum AutoPath
{
    /// <summary>The network's prediction explained the data: it is the answer.</summary>
    Network,

    /// <summary>The prediction's data misfit was above the acceptance level: NLCG from it (the hybrid) is the answer.</summary>
    NetworkThenNlcg,
}

/// <summary>
/// The rule of the automatic method (<c>auto</c>), one for the evaluation and <c>mt invert --method auto</c>: the
/// network's prediction is checked against the physics (the data RMS of its forward response); at most
/// <see cref="AcceptRms"/>, it is the answer, otherwise NLCG from the prediction (regularised towards it) is.
/// </summary>
/// <param name="AcceptRms">The largest data RMS at which the prediction is accepted.</param>
public sealed record AutoPolicy(double AcceptRms)
{
    /// <summary>Margin over the inversion's target RMS within which a prediction is accepted (10 %: a model at RMS
    /// 1.1 of a target of 1 explains the data about as well as one at the target).</summary>
    public const double TargetMargin = 1.1;

    /// <summary>The rule for an inversion target RMS: accept up to <see cref="TargetMargin"/> times it.</summary>
    public static AutoPolicy ForTarget(double targetRms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRms);
        return new AutoPolicy(TargetMargin * targetRms);
    }

    /// <summary>Whether a prediction with data RMS <paramref name="networkDataRms"/> is accepted, and why.</summary>
    public (AutoPath Path, string Reason) Decide(double networkDataRms)
    {
        if (double.IsNaN(networkDataRms)) throw new ArgumentException("the prediction's data RMS is NaN", nameof(networkDataRms));
        return networkDataRms <= AcceptRms
            ? (AutoPath.Network, FormattableString.Invariant($"the prediction's data RMS {networkDataRms:0.###} is within the acceptance level {AcceptRms:0.###}"))
            : (AutoPath.NetworkThenNlcg, FormattableString.Invariant($"the prediction's data RMS {networkDataRms:0.###} is above the acceptance level {AcceptRms:0.###}: NLCG from the prediction"));
    }
}
