using Mt.Forward;

namespace Mt.Inversion;

/// <summary>One observation: log10 apparent resistivity and phase of one mode at one station and frequency, with their
/// standard errors (log10 units and degrees; both positive).</summary>
/// <param name="Mode">Polarisation mode.</param>
/// <param name="Station">Index into <see cref="ObservedData.StationsM"/>.</param>
/// <param name="Frequency">Index into <see cref="ObservedData.FrequenciesHz"/>.</param>
/// <param name="Log10RhoApp">log10 apparent resistivity (ohm-m).</param>
/// <param name="PhaseDeg">Phase (degrees, first quadrant for a half-space in both modes).</param>
/// <param name="Log10RhoAppError">Standard error of <paramref name="Log10RhoApp"/>.</param>
/// <param name="PhaseErrorDeg">Standard error of <paramref name="PhaseDeg"/>.</param>
public readonly record struct Datum(Mode Mode, int Station, int Frequency, double Log10RhoApp, double PhaseDeg,
    double Log10RhoAppError, double PhaseErrorDeg);

/// <summary>
/// The data an inversion fits: stations (lateral positions, m), frequencies (Hz) and any subset of (mode, station,
/// frequency) observations. The real data vector holds two entries per datum: log10 apparent resistivity, then phase.
/// </summary>
public sealed class ObservedData
{
    /// <summary>Creates the data and checks them: finite values, positive errors, indices in range, no repeats.</summary>
    public ObservedData(double[] stationsM, double[] frequenciesHz, IReadOnlyList<Datum> data)
    {
        ArgumentNullException.ThrowIfNull(stationsM);
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("there are no data to fit");
        foreach (double f in frequenciesHz)
            if (!(f > 0) || !double.IsFinite(f)) throw new ArgumentException($"frequency {f} Hz must be positive and finite");
        var seen = new HashSet<(Mode, int, int)>();
        foreach (var d in data)
        {
            if (d.Station < 0 || d.Station >= stationsM.Length || d.Frequency < 0 || d.Frequency >= frequenciesHz.Length)
                throw new ArgumentException($"a datum refers to station {d.Station} / frequency {d.Frequency}, outside the lists");
            string where = $"{d.Mode} at station {stationsM[d.Station]} m, {frequenciesHz[d.Frequency]} Hz";
            if (!double.IsFinite(d.Log10RhoApp) || !double.IsFinite(d.PhaseDeg)) throw new ArgumentException($"{where}: the value is not finite");
            if (!(d.Log10RhoAppError > 0) || !(d.PhaseErrorDeg > 0) || !double.IsFinite(d.Log10RhoAppError) || !double.IsFinite(d.PhaseErrorDeg))
                throw new ArgumentException($"{where}: errors must be positive and finite");
            if (!seen.Add((d.Mode, d.Station, d.Frequency))) throw new ArgumentException($"{where} is given twice");
        }
        StationsM = (double[])stationsM.Clone();
        FrequenciesHz = (double[])frequenciesHz.Clone();
        Data = [.. data];
        Modes = [.. data.Select(d => d.Mode).Distinct().Order()];
    }

    /// <summary>Station positions (m).</summary>
    public double[] StationsM { get; }

    /// <summary>Frequencies (Hz).</summary>
    public double[] FrequenciesHz { get; }

    /// <summary>The observations.</summary>
    public IReadOnlyList<Datum> Data { get; }

    /// <summary>The modes observed, TE before TM.</summary>
    public IReadOnlyList<Mode> Modes { get; }

    /// <summary>Length of the real data vector (two per datum).</summary>
    public int Count => 2 * Data.Count;

    /// <summary>The observed data vector (log10 apparent resistivity and phase per datum).</summary>
    public double[] Values()
    {
        var v = new double[Count];
        for (int i = 0; i < Data.Count; i++)
        {
            v[2 * i] = Data[i].Log10RhoApp;
            v[2 * i + 1] = Data[i].PhaseDeg;
        }
        return v;
    }

    /// <summary>The standard errors, in the order of <see cref="Values"/>.</summary>
    public double[] Errors()
    {
        var e = new double[Count];
        for (int i = 0; i < Data.Count; i++)
        {
            e[2 * i] = Data[i].Log10RhoAppError;
            e[2 * i + 1] = Data[i].PhaseErrorDeg;
        }
        return e;
    }

    /// <summary>The residual (predicted - observed) / error of entry <paramref name="i"/>, phases wrapped into (-180, 180].</summary>
    public double NormalisedResidual(int i, double predicted)
    {
        var d = Data[i / 2];
        if (i % 2 == 0) return (predicted - d.Log10RhoApp) / d.Log10RhoAppError;
        return Mt.Data.Misfit.DataErrors.PhaseDifference(predicted, d.PhaseDeg) / d.PhaseErrorDeg;
    }

    /// <summary>Normalised RMS misfit of a predicted data vector.</summary>
    public double Rms(double[] predicted)
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            double r = NormalisedResidual(i, predicted[i]);
            sum += r * r;
        }
        return Math.Sqrt(sum / Count);
    }
}
