using Mt.Data.IO;

namespace Mt.Data.Results;

/// <summary>Fractions of cells whose true value lies within one and two standard deviations of the mean (a calibrated
/// Gaussian: 0.683 and 0.954).</summary>
public sealed record Coverage(double WithinOne, double WithinTwo);

/// <summary>A member of an ensemble, as its model card names it.</summary>
public sealed record EnsembleMemberRecord(string Weights, int Member, long Seed, string WeightsSha256);

/// <summary>The calibration of an ensemble's spread against the truth (written and read as <c>ensemble.json</c>).</summary>
public sealed record EnsembleReport
{
    /// <summary>Name of the report in its folder.</summary>
    public const string FileName = "ensemble.json";

    /// <summary>Name of the test-set prediction in the folder, and of its standard-deviation dataset.</summary>
    public const string PredictionFile = "ensemble.h5", StandardDeviationDataset = "log10_resistivity_sd";

    /// <summary>The members.</summary>
    public required IReadOnlyList<EnsembleMemberRecord> Members { get; init; }

    /// <summary>The training set whose held-out samples fitted the scale.</summary>
    public required string TrainingData { get; init; }

    /// <summary>The test set measured.</summary>
    public required string TestData { get; init; }

    /// <summary>Validation samples (held out from every member's training) the scale was fitted on.</summary>
    public required int ValidationSamples { get; init; }

    /// <summary>Test samples.</summary>
    public required int TestSamples { get; init; }

    /// <summary>The factor the standard deviation is multiplied by so that 68.3 % of the validation cells lie within one
    /// scaled standard deviation (the 0.683 quantile of |mean - true| / sd over the validation cells).</summary>
    public required double Scale { get; init; }

    /// <summary>The factor the standard deviation is multiplied by so that 95.4 % of the validation cells lie within two
    /// scaled standard deviations (half the 0.954 quantile of |mean - true| / sd over the validation cells). It exceeds
    /// <see cref="Scale"/> when the errors are heavier-tailed than a Gaussian in the members' spread.</summary>
    public required double ScaleTwo { get; init; }

    /// <summary>Coverage of the raw spread on the validation cells.</summary>
    public required Coverage ValidationRaw { get; init; }

    /// <summary>Coverage of the raw spread on the test cells.</summary>
    public required Coverage TestRaw { get; init; }

    /// <summary>Coverage of the scaled spread on the test cells (the calibration's test): within one sd scaled by
    /// <see cref="Scale"/>, within two sd scaled by <see cref="ScaleTwo"/>.</summary>
    public required Coverage TestCalibrated { get; init; }

    /// <summary>Mean over the test cells of the raw standard deviation (log10 ohm-m).</summary>
    public required double TestMeanStandardDeviation { get; init; }

    /// <summary>RMSE of log10 resistivity of the ensemble mean, mean over the test models.</summary>
    public required double TestRmseMean { get; init; }

    /// <summary>RMSE of the first member alone (the experiment's network), mean over the test models.</summary>
    public required double TestRmseFirstMember { get; init; }

    /// <summary>Wall time of the members' predictions of the validation and test samples.</summary>
    public required double PredictionSeconds { get; init; }

    /// <summary>Writes the report atomically.</summary>
    public void Write(string path) => ResultJson.Write(path, this);

    /// <summary>Reads a report.</summary>
    public static EnsembleReport Read(string path) => ResultJson.Read<EnsembleReport>(path);
}
