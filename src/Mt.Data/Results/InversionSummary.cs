namespace Mt.Data.Results;

/// <summary>Why an NLCG inversion stopped.</summary>
public enum NlcgExit
{
    /// <summary>The data RMS reached the target.</summary>
    TargetRms,

    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,

    /// <summary>An iteration at the smallest trade-off lowered the objective by less than the progress threshold: the
    /// misfit stalled (e.g. just above the target on noisy data).</summary>
    NoProgress,
}

/// <summary>
/// <c>summary.json</c> of an inversion folder (<c>model.json</c>, <c>response.csv</c>, <c>history.csv</c> beside it):
/// how the run ended and what it inverted. Written last, so its presence marks a finished inversion; written and read
/// by this type only (<see cref="ResultJson"/>).
/// </summary>
public sealed record InversionSummary
{
    /// <summary>File name in an inversion folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>Data RMS of the final model's response by the forward engine on its own adaptive meshes.</summary>
    public required double FinalRms { get; init; }

    /// <summary>Data RMS on the inversion's fixed meshes at the end.</summary>
    public required double InversionRms { get; init; }

    /// <summary>Iterations run.</summary>
    public required int Iterations { get; init; }

    /// <summary>Wall time of the inversion (s).</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>Why it stopped.</summary>
    public required NlcgExit ExitReason { get; init; }

    /// <summary>Forward runs (each solves every mode and frequency).</summary>
    public required int ForwardSolves { get; init; }

    /// <summary>Adjoint runs.</summary>
    public required int AdjointSolves { get; init; }

    /// <summary>Trade-off parameter at the end.</summary>
    public required double FinalTradeOff { get; init; }

    /// <summary>Length of the data vector.</summary>
    public required int Data { get; init; }

    /// <summary>Model parameters (cells).</summary>
    public required int Parameters { get; init; }

    /// <summary>Wall time per iteration (s; 0 without iterations).</summary>
    public required double SecondsPerIteration { get; init; }

    /// <summary>What was inverted: the data, the start and settings as the caller describes them.</summary>
    public required InversionInputs Inputs { get; init; }
}

/// <summary>What an inversion inverted, recorded in its summary.</summary>
/// <param name="Observed">The observed data as given (a response CSV, <c>FILE.h5#INDEX</c>, or an EDI folder).</param>
/// <param name="Start">The starting model (<c>halfspace</c>, <c>hybrid</c>, a model file, the grid).</param>
/// <param name="Reference">The reference model of the regularisation.</param>
/// <param name="TargetRms">Target RMS.</param>
/// <param name="InitialTradeOff">Initial trade-off parameter.</param>
/// <param name="RhoFloorFraction">Apparent-resistivity error floor (fraction).</param>
/// <param name="PhaseFloorDeg">Phase error floor (degrees).</param>
public sealed record InversionInputs(string Observed, string Start, string Reference, double TargetRms, double InitialTradeOff,
    double RhoFloorFraction, double PhaseFloorDeg)
{
    /// <summary>Experiment name, for the runs of an experiment's stage.</summary>
    public string? Experiment { get; init; }

    /// <summary>Hash of the experiment's inversion section.</summary>
    public string? InversionSectionSha256 { get; init; }

    /// <summary>Noise level of the observed data.</summary>
    public double? NoiseLevel { get; init; }

    /// <summary>SHA-256 of everything the run depends on (settings, data, errors, start model): a finished folder with
    /// another key is run again.</summary>
    public string? InputKey { get; init; }

    /// <summary>The grid file, for runs of <c>mt invert</c>.</summary>
    public string? Grid { get; init; }
}
