using Mt.Evaluation.Metrics;

namespace Mt.Evaluation;

/// <summary>The methods compared, by the key used in metrics.json.</summary>
public static class Methods
{
    /// <summary>The U-Net's prediction.</summary>
    public const string Network = "network";

    /// <summary>NLCG from a uniform half-space.</summary>
    public const string NlcgHalfSpace = "nlcg_halfspace";

    /// <summary>NLCG started from the network's prediction.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>The U-Net on the test models that NLCG inverted (when the experiment inverts only the first few), so that
    /// the methods are compared on the same models.</summary>
    public const string NetworkOnInverted = "network_on_inverted";

    /// <summary>All methods in table order.</summary>
    public static IReadOnlyList<string> All { get; } = [Network, NetworkOnInverted, NlcgHalfSpace, Hybrid];

    /// <summary>The method of the NLCG runs from <paramref name="start"/> (a folder name of <see cref="ResultsLayout.NlcgStarts"/>).</summary>
    public static string OfNlcgStart(string start) => start == "hybrid" ? Hybrid : NlcgHalfSpace;

    /// <summary>The method's name in tables.</summary>
    public static string Title(string method) => method switch
    {
        Network => "U-Net",
        NetworkOnInverted => "U-Net (the models NLCG inverted)",
        NlcgHalfSpace => "NLCG from a half-space",
        Hybrid => "Hybrid (NLCG from the U-Net)",
        _ => method,
    };
}

/// <summary>Details of an NLCG run kept with its sample's metrics (from its summary.json).</summary>
public sealed record NlcgDetails(double FinalRms, int Iterations, string ExitReason, int ForwardSolves);

/// <summary>The metrics of one method's model of one test sample.</summary>
/// <param name="Index">Test-sample index.</param>
/// <param name="Rmse">RMSE of log10 resistivity against the true model.</param>
/// <param name="Ssim">SSIM of the log10-resistivity sections.</param>
/// <param name="DataRms">Normalised RMS misfit of the model's responses against the observed data.</param>
/// <param name="WallTimeSeconds">Time to produce the model (network: prediction time per sample; NLCG: the run's
/// wall time); null when not recorded.</param>
/// <param name="Nlcg">The NLCG run's own record, for the NLCG methods.</param>
public sealed record SampleMetrics(int Index, double Rmse, double Ssim, double DataRms, double? WallTimeSeconds, NlcgDetails? Nlcg = null);

/// <summary>Summaries of each metric over the samples of one method and noise level.</summary>
public sealed record Aggregate(Summary Rmse, Summary Ssim, Summary DataRms, Summary? WallTimeSeconds);

/// <summary>One method at one noise level: per-sample metrics and their summaries.</summary>
public sealed record MethodResult(string Method, double NoiseLevel, IReadOnlyList<SampleMetrics> Samples)
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
