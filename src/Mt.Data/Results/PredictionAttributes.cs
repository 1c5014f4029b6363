namespace Mt.Data.Results;

/// <summary>The extra attributes of a prediction file (a data set whose models are a network's predictions).</summary>
public static class PredictionAttributes
{
    /// <summary>The data file predicted.</summary>
    public const string PredictionOf = "prediction_of";

    /// <summary>The weights folder of the network.</summary>
    public const string Weights = "prediction_weights";

    /// <summary>The prediction time per sample (seconds, invariant culture).</summary>
    public const string SecondsPerSample = "prediction_seconds_per_sample";

    /// <summary>The CPU kernel policy of the predicting process.</summary>
    public const string CpuKernels = "prediction_cpu_kernels";
}
