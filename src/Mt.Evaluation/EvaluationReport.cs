using Mt.Data.Results;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation;

/// <summary>Details of an NLCG run kept with its sample's metrics (from its summary.json).</summary>
public sealed record NlcgDetails(double FinalRms, int Iterations, NlcgExit ExitReason, int ForwardSolves);

/// <summary>The metrics of one method's model of one test sample.</summary>
/// <param name="Index">Test-sample index.</param>
/// <param name="Rmse">RMSE of log10 resistivity against the true model.</param>
/// <param name="Ssim">SSIM of the log10-resistivity sections.</param>
/// <param name="DataRms">Normalised RMS misfit of the model's responses against the observed data.</param>
/// <param name="WallTimeSeconds">Time to produce the model (network: prediction time per sample; NLCG: the run's
/// wall time); null when not recorded.</param>
/// <param name="Nlcg">The NLCG run's own record, for the NLCG methods.</param>
/// <param name="Auto">The automatic method's record (path, reason, time of each part), for that method.</param>
public sealed record SampleMetrics(int Index, double Rmse, double Ssim, double DataRms, double? WallTimeSeconds, NlcgDetails? Nlcg = null, AutoDetails? Auto = null);

/// <summary>Summaries of each metric over the samples of one method and noise level.</summary>
public sealed record Aggregate(Summary Rmse, Summary Ssim, Summary DataRms, Summary? WallTimeSeconds);

/// <summary>One method at one noise level: per-sample metrics and their summaries.</summary>
public sealed record MethodResult(Method Method, double NoiseLevel, IReadOnlyList<SampleMetrics> Samples)
{
    /// <summary>Summaries over <see cref="Samples"/>.</summary>
    public Aggregate Aggregate { get; } = new(
        Summary.Of([.. Samples.Select(s => s.Rmse)]),
        Summary.Of([.. Samples.Select(s => s.Ssim)]),
        Summary.Of([.. Samples.Select(s => s.DataRms)]),
        Samples.All(s => s.WallTimeSeconds is not null) ? Summary.Of([.. Samples.Select(s => s.WallTimeSeconds!.Value)]) : null);
}

/// <summary>What the data of one noise level are measured with, and how well the true models fit them.</summary>
/// <param name="NoiseLevel">Relative impedance noise of the observed data.</param>
/// <param name="Log10RhoAppError">Standard error of log10 apparent resistivity used for the data RMS.</param>
/// <param name="PhaseErrorDeg">Standard error of the phase (degrees).</param>
/// <param name="TrueModelDataRms">Data RMS of the true models (their noise-free responses) against these data: the
/// misfit a perfect model would reach.</param>
public sealed record NoiseLevelInfo(double NoiseLevel, double Log10RhoAppError, double PhaseErrorDeg, Summary TrueModelDataRms);

/// <summary>A file read by the evaluation, relative to the results folder, and its SHA-256.</summary>
public sealed record InputFile(string File, string Sha256);

/// <summary>The SSIM settings, as reported.</summary>
public sealed record SsimSettings(string Window, double DataRange, double K1, double K2);

/// <summary>Everything metrics.json holds.</summary>
public sealed record EvaluationReport(
    string Experiment,
    IReadOnlyDictionary<string, string> SectionSha256,
    SsimSettings Ssim,
    IReadOnlyList<NoiseLevelInfo> NoiseLevels,
    IReadOnlyList<MethodResult> Results,
    IReadOnlyList<string> Missing,
    IReadOnlyList<InputFile> Inputs);
