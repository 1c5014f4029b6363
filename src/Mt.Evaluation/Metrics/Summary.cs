namespace Mt.Evaluation.Metrics;

/// <summary>Spread of one metric over the test models: mean, median, smallest, largest and the sample standard
/// deviation (n - 1 in the denominator; 0 for a single value).</summary>
public sealed record Summary(int Count, double Mean, double Median, double Min, double Max, double Std)
{
    /// <summary>The summary of <paramref name="values"/> (at least one).</summary>
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("summarise at least one value", nameof(values));
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        double mean = sorted.Average();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double std = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        return new Summary(n, mean, median, sorted[0], sorted[^1], std);
    }
}
