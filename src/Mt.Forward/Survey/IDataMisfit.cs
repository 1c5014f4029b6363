namespace Mt.Forward;

/// <summary>
/// A misfit measure of a predicted data vector (log10 apparent resistivity and phase per receiver, in the order of
/// <see cref="ObservedData.Values"/>) against observed data: chi-squared, the normalised RMS sqrt(chi-squared / N) over
/// the N entries of the data vector, and the derivative that the adjoint gradient needs.
/// </summary>
public interface IDataMisfit
{
    /// <summary>The observed data.</summary>
    ObservedData Data { get; }

    /// <summary>Sum of squared normalised residuals.</summary>
    double ChiSquared(double[] predicted);

    /// <summary>Normalised RMS misfit sqrt(chi-squared / N).</summary>
    double Rms(double[] predicted);

    /// <summary>d(chi-squared)/d(predicted[<paramref name="i"/>]). Reads only the entries of entry i's receiver (its
    /// log10 apparent resistivity and phase), so a caller may pass a vector in which only those are filled.</summary>
    double Derivative(int i, double[] predicted);
}

/// <summary>The misfit measures that MT codes report.</summary>
public enum MisfitMeasure
{
    /// <summary>log10 apparent resistivity and phase under their own errors (<see cref="DataMisfit"/>).</summary>
    RhoPhase,

    /// <summary>Real and imaginary parts of the impedance under an error relative to |Z| (as ModEM measures;
    /// <see cref="ImpedanceMisfit"/>).</summary>
    Impedance,
}

/// <summary>The misfit of a <see cref="MisfitMeasure"/>.</summary>
public static class DataMisfits
{
    /// <summary>The misfit of <paramref name="data"/> under <paramref name="measure"/>.</summary>
    public static IDataMisfit Of(ObservedData data, MisfitMeasure measure) => measure switch
    {
        MisfitMeasure.RhoPhase => new DataMisfit(data),
        MisfitMeasure.Impedance => new ImpedanceMisfit(data),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown misfit measure"),
    };

    /// <summary>The RMS of each station's data under <paramref name="measure"/> (NaN at a station without data), for
    /// a data vector <paramref name="predicted"/> of all of <paramref name="data"/>.</summary>
    public static double[] RmsByStation(ObservedData data, double[] predicted, MisfitMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predicted);
        if (predicted.Length != data.Count) throw new ArgumentException($"{predicted.Length} predicted values for {data.Count} data", nameof(predicted));
        var rms = new double[data.StationsM.Length];
        for (int s = 0; s < rms.Length; s++)
        {
            int[] at = [.. Enumerable.Range(0, data.Data.Count).Where(i => data.Data[i].StationIndex == s)];
            if (at.Length == 0)
            {
                rms[s] = double.NaN;
                continue;
            }
            var station = new ObservedData(data.StationsM, data.FrequenciesHz, [.. at.Select(i => data.Data[i])]);
            double[] values = [.. at.SelectMany(i => new[] { predicted[Survey.RhoIndex(i)], predicted[Survey.PhaseIndex(i)] })];
            rms[s] = Of(station, measure).Rms(values);
        }
        return rms;
    }
}
