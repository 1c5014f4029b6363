namespace Mt.Data.Misfit;

/// <summary>
/// The standard errors of the data the inversion and the evaluation see (log10 apparent resistivity and phase); the
/// misfit under them is <see cref="Mt.Forward.DataMisfit"/>. A relative impedance error e (a noise level) is a relative apparent-resistivity
/// error 2e and a phase error of e radians (the noise model of the data sets); the floors bound both from below.
/// </summary>
/// <param name="Log10RhoApp">Standard error of log10 apparent resistivity (log10 units).</param>
/// <param name="PhaseDeg">Standard error of the phase (degrees).</param>
public sealed record DataErrors(double Log10RhoApp, double PhaseDeg)
{
    /// <summary>The errors of data with relative impedance noise <paramref name="noiseLevel"/> (0 for clean data), bounded
    /// below by a relative apparent-resistivity floor and a phase floor (degrees).</summary>
    public static DataErrors From(double rhoAppFloorFraction, double phaseFloorDeg, double noiseLevel = 0)
    {
        if (!(rhoAppFloorFraction >= 0) || !(phaseFloorDeg >= 0) || !(noiseLevel >= 0))
            throw new ArgumentOutOfRangeException(nameof(noiseLevel), "error floors and the noise level must be >= 0");
        double rhoFraction = Math.Max(rhoAppFloorFraction, 2 * noiseLevel);
        double phase = Math.Max(phaseFloorDeg, noiseLevel * 180 / Math.PI);
        if (!(rhoFraction > 0) || !(phase > 0))
            throw new ArgumentOutOfRangeException(nameof(rhoAppFloorFraction), "data errors must be positive: give positive floors for clean data");
        return new DataErrors(Log10Error(rhoFraction), phase);
    }

    /// <summary>The log10 error of a relative apparent-resistivity error (first order: d log10 x = dx / (x ln 10)).</summary>
    public static double Log10Error(double relativeError) => relativeError / Math.Log(10);
}
