namespace Mt.Forward;

/// <summary>
/// The data misfit of predicted data against observed data: normalised residuals (predicted - observed) / error, with
/// phase differences wrapped into (-180, 180] degrees; chi-squared (their sum of squares) and the normalised RMS
/// sqrt(chi-squared / N) over the N entries of the data vector. The one misfit of the inversion, the evaluation, the
/// network's physics check and the figures.
/// </summary>
/// <param name="data">The observed data and their standard errors.</param>
public sealed class DataMisfit(ObservedData data) : IDataMisfit
{
    /// <summary>The observed data.</summary>
    public ObservedData Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    /// <summary>The normalised residual of entry <paramref name="i"/> of a predicted data vector.</summary>
    public double Residual(int i, double predicted) =>
        (Survey.IsPhase(i) ? PhaseDifference(predicted, Data.Value(i)) : predicted - Data.Value(i)) / Data.Error(i);

    /// <summary>Sum of squared normalised residuals of a predicted data vector (entries in order).</summary>
    public double ChiSquared(double[] predicted)
    {
        Check(predicted);
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double r = Residual(i, predicted[i]);
            sum += r * r;
        }
        return sum;
    }

    /// <summary>Normalised RMS misfit sqrt(chi-squared / N) of a predicted data vector.</summary>
    public double Rms(double[] predicted) => Math.Sqrt(ChiSquared(predicted) / Data.Count);

    /// <summary>d(chi-squared)/d(predicted entry <paramref name="i"/>) = 2 residual / error.</summary>
    public double ChiSquaredDerivative(int i, double predicted) => 2 * Residual(i, predicted) / Data.Error(i);

    /// <inheritdoc/>
    public double Derivative(int i, double[] predicted) => ChiSquaredDerivative(i, predicted[i]);

    /// <summary>The phase difference <paramref name="a"/> - <paramref name="b"/> in degrees, wrapped into (-180, 180].</summary>
    public static double PhaseDifference(double a, double b)
    {
        double d = Math.IEEERemainder(a - b, 360);
        return d <= -180 ? d + 360 : d;
    }

    private void Check(double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        if (predicted.Length != Data.Count)
            throw new ArgumentException($"the predicted data vector has {predicted.Length} entries, the observed data {Data.Count}");
    }
}
