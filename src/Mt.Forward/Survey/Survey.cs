namespace Mt.Forward;

/// <summary>One receiver of a <see cref="Survey"/>: a mode at a station and a frequency.</summary>
/// <param name="Mode">Polarisation mode.</param>
/// <param name="StationIndex">Index into <see cref="Survey.StationsM"/>.</param>
/// <param name="FrequencyIndex">Index into <see cref="Survey.FrequenciesHz"/>.</param>
public readonly record struct Receiver(Mode Mode, int StationIndex, int FrequencyIndex);

/// <summary>
/// What is measured: stations (lateral positions on the surface, m), frequencies (Hz) and the receivers, any subset of
/// (mode, station, frequency). A survey's data vector holds two entries per receiver, in the receivers' order: log10
/// apparent resistivity (log10 ohm-m) at <see cref="RhoIndex"/>, then the phase (degrees, first quadrant for a
/// half-space in both modes) at <see cref="PhaseIndex"/>.
/// </summary>
public sealed class Survey
{
    /// <summary>Creates a survey and checks it: positive finite frequencies, finite stations, receivers in range and
    /// none repeated; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public Survey(double[] stationsM, double[] frequenciesHz, IReadOnlyList<Receiver> receivers)
    {
        ArgumentNullException.ThrowIfNull(stationsM);
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(receivers);
        if (receivers.Count == 0) throw new ArgumentException("there are no data to fit");
        foreach (double f in frequenciesHz)
            if (!(f > 0) || !double.IsFinite(f)) throw new ArgumentException($"frequency {f} Hz must be positive and finite");
        foreach (double s in stationsM)
            if (!double.IsFinite(s)) throw new ArgumentException($"station position {s} m must be finite");
        var seen = new HashSet<Receiver>();
        foreach (var r in receivers)
        {
            if (r.StationIndex < 0 || r.StationIndex >= stationsM.Length || r.FrequencyIndex < 0 || r.FrequencyIndex >= frequenciesHz.Length)
                throw new ArgumentException($"a datum refers to station {r.StationIndex} / frequency {r.FrequencyIndex}, outside the lists");
            if (!seen.Add(r)) throw new ArgumentException($"{Describe(r, stationsM, frequenciesHz)} is given twice");
        }
        StationsM = (double[])stationsM.Clone();
        FrequenciesHz = (double[])frequenciesHz.Clone();
        Receivers = [.. receivers];
        Modes = [.. receivers.Select(r => r.Mode).Distinct().Order()];
    }

    /// <summary>Every mode at every station and frequency, ordered by mode, then station, then frequency.</summary>
    public static Survey Full(double[] stationsM, double[] frequenciesHz, IReadOnlyList<Mode> modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        var receivers = new List<Receiver>();
        foreach (var mode in modes)
            for (int s = 0; s < stationsM.Length; s++)
                for (int f = 0; f < frequenciesHz.Length; f++) receivers.Add(new Receiver(mode, s, f));
        return new Survey(stationsM, frequenciesHz, receivers);
    }

    /// <summary>Station positions (m).</summary>
    public double[] StationsM { get; }

    /// <summary>Frequencies (Hz).</summary>
    public double[] FrequenciesHz { get; }

    /// <summary>The receivers, in data-vector order.</summary>
    public IReadOnlyList<Receiver> Receivers { get; }

    /// <summary>The modes observed, TE before TM.</summary>
    public IReadOnlyList<Mode> Modes { get; }

    /// <summary>Length of the data vector (two entries per receiver).</summary>
    public int Count => 2 * Receivers.Count;

    /// <summary>Data-vector index of receiver <paramref name="receiver"/>'s log10 apparent resistivity.</summary>
    public static int RhoIndex(int receiver) => 2 * receiver;

    /// <summary>Data-vector index of receiver <paramref name="receiver"/>'s phase.</summary>
    public static int PhaseIndex(int receiver) => 2 * receiver + 1;

    /// <summary>Whether data-vector entry <paramref name="index"/> is a phase (odd) rather than a log10 apparent
    /// resistivity (even).</summary>
    public static bool IsPhase(int index) => index % 2 == 1;

    /// <summary>The data vector of a forward response computed at this survey's stations and frequencies.</summary>
    public double[] DataVector(ForwardResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var d = new double[Count];
        for (int i = 0; i < Receivers.Count; i++)
        {
            var (mode, s, f) = Receivers[i];
            d[RhoIndex(i)] = Math.Log10(response.RhoAppOhmM(mode, f, s));
            d[PhaseIndex(i)] = response.PhaseDeg(mode, f, s);
        }
        return d;
    }

    /// <summary>"TE at station 1000 m, 10 Hz": a receiver in words.</summary>
    public string Describe(Receiver receiver) => Describe(receiver, StationsM, FrequenciesHz);

    private static string Describe(Receiver r, double[] stationsM, double[] frequenciesHz) =>
        $"{r.Mode} at station {stationsM[r.StationIndex]} m, {frequenciesHz[r.FrequencyIndex]} Hz";
}
