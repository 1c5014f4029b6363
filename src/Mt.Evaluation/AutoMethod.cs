using Mt.Data.Results;

namespace Mt.Evaluation;

/// <summary>The record of one automatic inversion: the path, why, and the time of each part.</summary>
/// <param name="Path">The path taken.</param>
/// <param name="Reason">Why, in words, with the numbers.</param>
/// <param name="NetworkDataRms">Data RMS of the network's prediction (the physics check).</param>
/// <param name="AcceptRms">The acceptance level it was compared with.</param>
/// <param name="NetworkSeconds">The prediction's time.</param>
/// <param name="CheckSeconds">The physics check's time (one forward run of the prediction and its misfit).</param>
/// <param name="NlcgSeconds">The NLCG run's wall time, when that path was taken.</param>
public sealed record AutoDetails(AutoPath Path, string Reason, double NetworkDataRms, double AcceptRms, double? NetworkSeconds, double CheckSeconds, double? NlcgSeconds);

/// <summary>The automatic method's row of the evaluation (<see cref="AutoPolicy"/>): per model the network's result or
/// the hybrid run's, with the time of the parts it ran.</summary>
public static class AutoMethod
{
    /// <summary>
    /// The automatic method's metrics of the models that have a network result and, where it is needed, a hybrid run:
    /// per model, the network's metrics when its prediction is accepted, the hybrid run's when not (a model whose
    /// prediction is rejected but which has no hybrid run is left out). <paramref name="checkSeconds"/> is the physics
    /// check's time per network sample (same order). Null when no model qualifies.
    /// </summary>
    public static MethodResult? Combine(AutoPolicy policy, MethodResult network, MethodResult? hybrid, IReadOnlyList<double> checkSeconds)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(checkSeconds);
        if (checkSeconds.Count != network.Samples.Count)
            throw new ArgumentException($"{checkSeconds.Count} check times for {network.Samples.Count} network samples", nameof(checkSeconds));
        var byIndex = hybrid?.Samples.ToDictionary(s => s.Index) ?? [];
        var samples = new List<SampleMetrics>();
        for (int n = 0; n < network.Samples.Count; n++)
        {
            SampleMetrics net = network.Samples[n];
            var (path, reason) = policy.Decide(net.DataRms);
            double check = checkSeconds[n];
            if (path == AutoPath.Network)
            {
                samples.Add(net with
                {
                    WallTimeSeconds = net.WallTimeSeconds + check,
                    Auto = new AutoDetails(path, reason, net.DataRms, policy.AcceptRms, net.WallTimeSeconds, check, null),
                });
            }
            else if (byIndex.TryGetValue(net.Index, out SampleMetrics? nlcg))
            {
                samples.Add(nlcg with
                {
                    WallTimeSeconds = net.WallTimeSeconds + check + nlcg.WallTimeSeconds,
                    Auto = new AutoDetails(path, reason, net.DataRms, policy.AcceptRms, net.WallTimeSeconds, check, nlcg.WallTimeSeconds),
                });
            }
        }
        return samples.Count == 0 ? null : new MethodResult(Method.Auto, network.NoiseLevel, samples);
    }
}
