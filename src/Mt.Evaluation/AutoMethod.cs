using Mt.Data.Results;

namespace Mt.Evaluation;

/// <summary>Which path the automatic method took for one model.</summary>
public enum AutoPath
{
    /// <summary>The network's prediction explained the data: it is the answer.</summary>
    Network,

    /// <summary>The prediction's data misfit was above the acceptance level: NLCG from it (the hybrid run) is the answer.</summary>
    NetworkThenNlcg,
}

/// <summary>The record of one automatic inversion: the path, why, and the time of each part.</summary>
/// <param name="Path">The path taken.</param>
/// <param name="Reason">Why, in words, with the numbers.</param>
/// <param name="NetworkDataRms">Data RMS of the network's prediction (the physics check).</param>
/// <param name="AcceptRms">The acceptance level it was compared with.</param>
/// <param name="NetworkSeconds">The prediction's time.</param>
/// <param name="CheckSeconds">The physics check's time (one forward run of the prediction and its misfit).</param>
/// <param name="NlcgSeconds">The NLCG run's wall time, when that path was taken.</param>
public sealed record AutoDetails(AutoPath Path, string Reason, double NetworkDataRms, double AcceptRms, double? NetworkSeconds, double CheckSeconds, double? NlcgSeconds);

/// <summary>
/// The automatic method (<c>auto</c>): the network's prediction, checked against the physics; when the data misfit of
/// the prediction is at most <see cref="AcceptRms"/> it is the answer, otherwise NLCG from the prediction (regularised
/// towards it: the hybrid run, which runs to the inversion's target RMS) is. Its time is the sum of the parts it ran.
/// </summary>
/// <param name="AcceptRms">The largest data RMS at which the prediction is accepted.</param>
public sealed record AutoMethod(double AcceptRms)
{
    /// <summary>Margin over the inversion's target RMS within which a prediction is accepted (10 %: a model at RMS
    /// 1.1 of a target of 1 explains the data about as well as one at the target).</summary>
    public const double TargetMargin = 1.1;

    /// <summary>The method for an inversion target RMS: accept up to <see cref="TargetMargin"/> times it.</summary>
    public static AutoMethod ForTarget(double targetRms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRms);
        return new AutoMethod(TargetMargin * targetRms);
    }

    /// <summary>Whether a prediction with data RMS <paramref name="networkDataRms"/> is accepted, and why.</summary>
    public (AutoPath Path, string Reason) Decide(double networkDataRms)
    {
        if (double.IsNaN(networkDataRms)) throw new ArgumentException("the prediction's data RMS is NaN", nameof(networkDataRms));
        return networkDataRms <= AcceptRms
            ? (AutoPath.Network, FormattableString.Invariant($"the prediction's data RMS {networkDataRms:0.###} is within the acceptance level {AcceptRms:0.###}"))
            : (AutoPath.NetworkThenNlcg, FormattableString.Invariant($"the prediction's data RMS {networkDataRms:0.###} is above the acceptance level {AcceptRms:0.###}: NLCG from the prediction"));
    }

    /// <summary>
    /// The automatic method's metrics of the models that have a network result and, where it is needed, a hybrid run:
    /// per model, the network's metrics when its prediction is accepted, the hybrid run's when not (a model whose
    /// prediction is rejected but which has no hybrid run is left out). <paramref name="checkSeconds"/> is the physics
    /// check's time per network sample (same order). Null when no model qualifies.
    /// </summary>
    public MethodResult? Combine(MethodResult network, MethodResult? hybrid, IReadOnlyList<double> checkSeconds)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(checkSeconds);
        if (checkSeconds.Count != network.Samples.Count)
            throw new ArgumentException($"{checkSeconds.Count} check times for {network.Samples.Count} network samples", nameof(checkSeconds));
        var byIndex = hybrid?.Samples.ToDictionary(s => s.Index) ?? [];
        var samples = new List<SampleMetrics>();
        for (int n = 0; n < network.Samples.Count; n++)
        {
            SampleMetrics net = network.Samples[n];
            var (path, reason) = Decide(net.DataRms);
            double check = checkSeconds[n];
            if (path == AutoPath.Network)
            {
                samples.Add(net with
                {
                    WallTimeSeconds = net.WallTimeSeconds + check,
                    Auto = new AutoDetails(path, reason, net.DataRms, AcceptRms, net.WallTimeSeconds, check, null),
                });
            }
            else if (byIndex.TryGetValue(net.Index, out SampleMetrics? nlcg))
            {
                samples.Add(nlcg with
                {
                    WallTimeSeconds = net.WallTimeSeconds + check + nlcg.WallTimeSeconds,
                    Auto = new AutoDetails(path, reason, net.DataRms, AcceptRms, net.WallTimeSeconds, check, nlcg.WallTimeSeconds),
                });
            }
        }
        return samples.Count == 0 ? null : new MethodResult(Method.Auto, network.NoiseLevel, samples);
    }
}
