using System.Numerics;

namespace Mt.Forward;

/// <summary>Conversions between impedance and apparent resistivity / phase (time dependence e^{+iwt}, SI units).</summary>
public static class Impedance
{
    /// <summary>Magnetic permeability of free space (H/m).</summary>
    public const double Mu0 = 4e-7 * Math.PI;

    /// <summary>Apparent resistivity |Z|^2 / (w mu0) in ohm-m of an impedance in ohms.</summary>
    public static double RhoAppOhmM(Complex z, double frequencyHz) =>
        (z.Real * z.Real + z.Imaginary * z.Imaginary) / (2 * Math.PI * frequencyHz * Mu0);

    /// <summary>Phase in degrees, reported in the first quadrant for both modes: TE (Zxy) as is,
    /// TM (Zyx, third quadrant for a half-space) with +180 degrees, so that a half-space gives 45 degrees in both.</summary>
    public static double PhaseDeg(Complex z, Mode mode)
    {
        double deg = Math.Atan2(z.Imaginary, z.Real) * 180 / Math.PI;
        if (mode == Mode.TM) deg += 180;
        // Wrap into (-180, 180].
        while (deg > 180) deg -= 360;
        while (deg <= -180) deg += 360;
        return deg;
    }

    /// <summary>Skin depth sqrt(2 rho / (w mu0)) in metres.</summary>
    public static double SkinDepthM(double resistivityOhmM, double frequencyHz) =>
        Math.Sqrt(2 * resistivityOhmM / (2 * Math.PI * frequencyHz * Mu0));
}
