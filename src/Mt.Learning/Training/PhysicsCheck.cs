using System.Diagnostics;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Data.Results;

namespace Mt.Learning.Training;

/// <summary>
/// The threshold of the network's physics check, fitted on its own validation samples (<c>physics-check.json</c> in
/// the training folder): the data RMS of each validation prediction (its forward response against that sample's data,
/// TE and TM, under <see cref="RhoAppFloorFraction"/> and <see cref="PhaseFloorDeg"/>) and their
/// <see cref="Percentile"/>-th percentile. A prediction whose data RMS is at most the threshold explains its data as
/// well as the network's predictions of data like its training data do: it is flagged in distribution.
/// </summary>
public sealed record PhysicsCalibration
{
    /// <summary>File name in the training folder.</summary>
    public const string FileName = "physics-check.json";

    /// <summary>The default percentile of the validation misfits.</summary>
    public const double DefaultPercentile = 0.95;

    /// <summary>The percentile of the validation misfits that is the threshold, in (0, 1].</summary>
    public required double Percentile { get; init; }

    /// <summary>The threshold: the <see cref="Percentile"/>-th percentile of <see cref="ValidationDataRms"/> (linear
    /// interpolation between order statistics).</summary>
    public required double Threshold { get; init; }

    /// <summary>Indices (in the training data set) of the validation samples used.</summary>
    public required int[] ValidationIndices { get; init; }

    /// <summary>Data RMS of each of their predictions, in the same order.</summary>
    public required double[] ValidationDataRms { get; init; }

    /// <summary>Apparent-resistivity error floor (fraction) of the misfits.</summary>
    public required double RhoAppFloorFraction { get; init; }

    /// <summary>Phase error floor (degrees) of the misfits.</summary>
    public required double PhaseFloorDeg { get; init; }

    /// <summary>SHA-256 of the weights file predicted with; a calibration of other weights is not used.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>Content SHA-256 of the training data set the validation samples came from.</summary>
    public required string TrainingDataContentSha256 { get; init; }

    /// <summary>Wall time of the calibration.</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>The error floors of the misfits.</summary>
    public ErrorFloors Floors => ErrorFloors.Of(RhoAppFloorFraction, PhaseFloorDeg);

    /// <summary>
    /// Fits the threshold for the network of <paramref name="predictor"/> (training folder <paramref name="folder"/>) on
    /// the validation samples of its training data <paramref name="train"/> (the split the trainer made, from the card's
    /// seed and validation count), at most <paramref name="maxSamples"/> of them (the first in index order).
    /// <paramref name="log"/> gets one line per sample. Data that are not the card's training data, or a network
    /// trained without validation samples, are an <see cref="ArgumentException"/>.
    /// </summary>
    public static PhysicsCalibration Fit(Predictor predictor, string folder, DataSet train, ErrorFloors floors,
        double percentile = DefaultPercentile, int? maxSamples = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(floors);
        if (!(percentile > 0 && percentile <= 1)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "must be in (0, 1]");
        ModelCard card = predictor.Card;
        string content = train.ContentSha256();
        if (card.TrainingDataContentSha256 is string expected && expected != content)
            throw new ArgumentException($"the data are not the network's training data (content SHA-256 {content[..12]}..., the card's {expected[..12]}...)");
        if (card.ValidationSamples == 0) throw new ArgumentException("the network was trained without validation samples: nothing to fit the threshold on");
        int[] indices = Trainer.HeldOut(train.Count, card.ValidationSamples, card.Seed);
        if (maxSamples is int max) indices = indices[..Math.Min(max, indices.Length)];
        var clock = Stopwatch.StartNew();
        var rms = new double[indices.Length];
        for (int n = 0; n < indices.Length; n++)
        {
            var (section, _) = predictor.PredictSample(train, indices[n]);
            rms[n] = ResponseMisfit.SampleRms(train, indices[n], section, floors);
            log?.Invoke(FormattableString.Invariant($"validation sample {indices[n]} ({n + 1}/{indices.Length}): data RMS {rms[n]:F3}"));
        }
        return new PhysicsCalibration
        {
            Percentile = percentile,
            Threshold = Quantile(rms, percentile),
            ValidationIndices = indices,
            ValidationDataRms = rms,
            RhoAppFloorFraction = floors.ApparentResistivityFraction,
            PhaseFloorDeg = floors.PhaseDeg,
            WeightsSha256 = FileHash.Sha256(Path.Combine(folder, card.BestWeights)),
            TrainingDataContentSha256 = content,
            WallTimeSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The calibration in <paramref name="folder"/> when there is one for its current weights; otherwise null
    /// and why.</summary>
    public static (PhysicsCalibration? Calibration, string? Why) Read(string folder, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return (null, $"no {FileName} in {folder} (mt calibrate fits the threshold)");
        var calibration = ResultJson.Read<PhysicsCalibration>(path);
        return calibration.WeightsSha256 == FileHash.Sha256(Path.Combine(folder, card.BestWeights))
            ? (calibration, null)
            : (null, $"{path} was fitted for other weights (run mt calibrate again)");
    }

    /// <summary>Writes the calibration into <paramref name="folder"/>.</summary>
    public void Write(string folder) => ResultJson.Write(Path.Combine(folder, FileName), this);

    /// <summary>The <paramref name="p"/>-quantile of <paramref name="values"/>: linear interpolation between the order
    /// statistics at positions p (n - 1) (the default of NumPy and R type 7).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        double[] sorted = [.. values.Order()];
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

/// <summary>The physics check of predictions: per sample, the data RMS of the prediction against the sample's data
/// and, with a calibration, whether it is in distribution (at most the threshold).</summary>
/// <param name="DataRms">Data RMS per sample.</param>
/// <param name="InDistribution">Per sample, data RMS at most <paramref name="Threshold"/>; null without a calibration.</param>
/// <param name="Threshold">The calibration's threshold, or null.</param>
/// <param name="Floors">The error floors of the misfits.</param>
/// <param name="Seconds">Wall time of the check (the forward runs).</param>
public sealed record PhysicsCheckResult(double[] DataRms, bool[]? InDistribution, double? Threshold, ErrorFloors Floors, double Seconds)
{
    /// <summary>Attribute names in the prediction file.</summary>
    public const string DataRmsAttribute = "physics_check_data_rms", InDistributionAttribute = "physics_check_in_distribution",
        ThresholdAttribute = "physics_check_threshold", FloorsAttribute = "physics_check_error_floors";

    /// <summary>The prediction file's attributes: comma-separated per-sample values (in_distribution as true/false;
    /// absent without a calibration), the threshold and the floors.</summary>
    public IReadOnlyDictionary<string, string> Attributes()
    {
        var a = new Dictionary<string, string>
        {
            [DataRmsAttribute] = string.Join(",", DataRms.Select(InvariantNumber.Format)),
            [FloorsAttribute] = FormattableString.Invariant($"{Floors.ApparentResistivityFraction},{Floors.PhaseDeg}"),
        };
        if (InDistribution is not null) a[InDistributionAttribute] = string.Join(",", InDistribution.Select(b => b ? "true" : "false"));
        if (Threshold is double t) a[ThresholdAttribute] = InvariantNumber.Format(t);
        return a;
    }
}

/// <summary>The physics check run on predictions: with a <see cref="PhysicsCalibration"/>, under its floors and with its
/// threshold; without, under <paramref name="floors"/> and no flag.</summary>
/// <param name="calibration">The calibration of the network, or null.</param>
/// <param name="floors">Floors to use without a calibration.</param>
public sealed class PhysicsCheck(PhysicsCalibration? calibration, ErrorFloors floors)
{
    /// <summary>The calibration used, or null.</summary>
    public PhysicsCalibration? Calibration { get; } = calibration;

    /// <summary>The error floors of the misfits.</summary>
    public ErrorFloors Floors { get; } = calibration?.Floors ?? floors ?? throw new ArgumentNullException(nameof(floors));

    /// <summary>Checks every prediction [sample, z, y] of <paramref name="data"/>.</summary>
    public PhysicsCheckResult Run(DataSet data, double[,,] predictions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predictions);
        var clock = Stopwatch.StartNew();
        var rms = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var section = new double[data.Nz, data.Ny];
            for (int k = 0; k < data.Nz; k++)
                for (int j = 0; j < data.Ny; j++) section[k, j] = predictions[i, k, j];
            rms[i] = ResponseMisfit.SampleRms(data, i, section, Floors);
        }
        bool[]? inDistribution = Calibration is null ? null : [.. rms.Select(r => r <= Calibration.Threshold)];
        return new PhysicsCheckResult(rms, inDistribution, Calibration?.Threshold, Floors, clock.Elapsed.TotalSeconds);
    }
}
