namespace Mt.Forward;

/// <summary>One observation: log10 apparent resistivity and phase of one mode at one station and frequency, with their
/// standard errors (log10 units and degrees; both positive).</summary>
/// <param name="Mode">Polarisation mode.</param>
/// <param name="StationIndex">Index into the station list.</param>
/// <param name="FrequencyIndex">Index into the frequency list.</param>
/// <param name="Log10RhoApp">log10 apparent resistivity (ohm-m).</param>
/// <param name="PhaseDeg">Phase (degrees, first quadrant for a half-space in both modes).</param>
/// <param name="Log10RhoAppError">Standard error of <paramref name="Log10RhoApp"/>.</param>
/// <param name="PhaseErrorDeg">Standard error of <paramref name="PhaseDeg"/>.</param>
public readonly record struct Datum(Mode Mode, int StationIndex, int FrequencyIndex, double Log10RhoApp, double PhaseDeg,
    double Log10RhoAppError, double PhaseErrorDeg)
{
    /// <summary>The receiver of this observation.</summary>
    public Receiver Receiver => new(Mode, StationIndex, FrequencyIndex);
}

/// <summary>
/// Observed data: a <see cref="Survey"/> with an observed value and a standard error for every entry of its data
/// vector (log10 apparent resistivity, then phase, per receiver).
/// </summary>
public sealed class ObservedData
{
    private readonly double[] _values;
    private readonly double[] _errors;

    /// <summary>Creates the data and checks them: finite values, positive finite errors, receivers in range and none
    /// repeated (see <see cref="Survey"/>); throws <see cref="ArgumentException"/> naming the datum.</summary>
    public ObservedData(double[] stationsM, double[] frequenciesHz, IReadOnlyList<Datum> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Survey = new Survey(stationsM, frequenciesHz, [.. data.Select(d => d.Receiver)]);
        _values = new double[Survey.Count];
        _errors = new double[Survey.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var d = data[i];
            string where = Survey.Describe(d.Receiver);
            if (!double.IsFinite(d.Log10RhoApp) || !double.IsFinite(d.PhaseDeg)) throw new ArgumentException($"{where}: the value is not finite");
            if (!(d.Log10RhoAppError > 0) || !(d.PhaseErrorDeg > 0) || !double.IsFinite(d.Log10RhoAppError) || !double.IsFinite(d.PhaseErrorDeg))
                throw new ArgumentException($"{where}: errors must be positive and finite");
            (_values[Survey.RhoIndex(i)], _values[Survey.PhaseIndex(i)]) = (d.Log10RhoApp, d.PhaseDeg);
            (_errors[Survey.RhoIndex(i)], _errors[Survey.PhaseIndex(i)]) = (d.Log10RhoAppError, d.PhaseErrorDeg);
        }
        Data = [.. data];
    }

    /// <summary>What was measured.</summary>
    public Survey Survey { get; }

    /// <summary>Station positions (m).</summary>
    public double[] StationsM => Survey.StationsM;

    /// <summary>Frequencies (Hz).</summary>
    public double[] FrequenciesHz => Survey.FrequenciesHz;

    /// <summary>The observations, in the survey's receiver order.</summary>
    public IReadOnlyList<Datum> Data { get; }

    /// <summary>The modes observed, TE before TM.</summary>
    public IReadOnlyList<Mode> Modes => Survey.Modes;

    /// <summary>Length of the data vector (two per datum).</summary>
    public int Count => Survey.Count;

    /// <summary>The observed data vector (a copy).</summary>
    public double[] Values() => (double[])_values.Clone();

    /// <summary>The standard errors, in the order of <see cref="Values"/> (a copy).</summary>
    public double[] Errors() => (double[])_errors.Clone();

    /// <summary>Observed value of data-vector entry <paramref name="i"/>.</summary>
    public double Value(int i) => _values[i];

    /// <summary>Standard error of data-vector entry <paramref name="i"/>.</summary>
    public double Error(int i) => _errors[i];
}
