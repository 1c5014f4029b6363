using System.Numerics;

namespace Mt.Forward;

/// <summary>
/// Impedances of a 2D forward run, per mode, frequency and station. TE holds Zxy = Ex/Hy, TM holds Zyx = Ey/Hx (ohms).
/// </summary>
public sealed class ForwardResponse
{
    private readonly Dictionary<Mode, Complex[,]> _z;

    /// <summary>Creates a response; <paramref name="impedances"/> maps each mode to a [frequency, station] array.</summary>
    public ForwardResponse(double[] stationsM, double[] frequenciesHz, IReadOnlyDictionary<Mode, Complex[,]> impedances)
    {
        StationsM = stationsM;
        FrequenciesHz = frequenciesHz;
        _z = new Dictionary<Mode, Complex[,]>();
        foreach (var (mode, z) in impedances)
        {
            if (z.GetLength(0) != frequenciesHz.Length || z.GetLength(1) != stationsM.Length)
                throw new ArgumentException($"{mode} impedances must be [frequencies, stations]");
            _z[mode] = z;
        }
        Modes = [.. _z.Keys.Order()];
    }

    /// <summary>The modes computed, in enum order (TE before TM).</summary>
    public IReadOnlyList<Mode> Modes { get; }

    /// <summary>Station positions (m).</summary>
    public double[] StationsM { get; }

    /// <summary>Frequencies (Hz).</summary>
    public double[] FrequenciesHz { get; }

    /// <summary>Impedance in ohms (TE: Zxy, TM: Zyx).</summary>
    public Complex Z(Mode mode, int frequencyIndex, int stationIndex) => _z[mode][frequencyIndex, stationIndex];

    /// <summary>Apparent resistivity in ohm-m.</summary>
    public double RhoAppOhmM(Mode mode, int frequencyIndex, int stationIndex) =>
        Impedance.RhoAppOhmM(Z(mode, frequencyIndex, stationIndex), FrequenciesHz[frequencyIndex]);

    /// <summary>Phase in degrees (first quadrant for a half-space in both modes).</summary>
    public double PhaseDeg(Mode mode, int frequencyIndex, int stationIndex) =>
        Impedance.PhaseDeg(Z(mode, frequencyIndex, stationIndex), mode);
}
