using Mt.Forward;

namespace Mt.Data.Responses;

/// <summary>
/// One line of a response CSV: the response of one mode at one station and frequency, optionally with the standard
/// errors of observed data.
/// </summary>
/// <param name="Mode">Polarisation mode.</param>
/// <param name="StationM">Lateral station position (m).</param>
/// <param name="FrequencyHz">Frequency (Hz), positive.</param>
/// <param name="RhoAppOhmM">Apparent resistivity (ohm-m).</param>
/// <param name="PhaseDeg">Phase (degrees, first quadrant for a half-space in both modes).</param>
/// <param name="ZReOhm">Real part of the impedance (ohm; TE: Zxy, TM: Zyx).</param>
/// <param name="ZImOhm">Imaginary part of the impedance (ohm).</param>
/// <param name="RhoAppErrOhmM">Standard error of the apparent resistivity (ohm-m), if known.</param>
/// <param name="PhaseErrDeg">Standard error of the phase (degrees), if known.</param>
public sealed record ResponseRow(
    Mode Mode,
    double StationM,
    double FrequencyHz,
    double RhoAppOhmM,
    double PhaseDeg,
    double ZReOhm,
    double ZImOhm,
    double? RhoAppErrOhmM = null,
    double? PhaseErrDeg = null)
{
    /// <summary>Period (s), 1 / <see cref="FrequencyHz"/>.</summary>
    public double PeriodS => 1 / FrequencyHz;
}
