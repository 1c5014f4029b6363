namespace Mt.Data.Field;

/// <summary>
/// The phase tensor of Caldwell, Bibby and Brown (2004), Phi = X^-1 Y for the impedance Z = X + iY, in the frame of
/// that impedance (for the profile's tensors: x north, y east, angles clockwise from north).
/// <para>
/// Invariants (Caldwell et al. 2004; Bibby et al. 2005): Pi1 = sqrt((Phi11 - Phi22)^2 + (Phi12 + Phi21)^2) / 2,
/// Pi2 = sqrt((Phi11 + Phi22)^2 + (Phi12 - Phi21)^2) / 2, Phi_max = Pi2 + Pi1, Phi_min = Pi2 - Pi1,
/// alpha = atan2(Phi12 + Phi21, Phi11 - Phi22) / 2, skew beta = atan2(Phi12 - Phi21, Phi11 + Phi22) / 2 (two-argument
/// arctangent as in mtpy; the same as Caldwell's arctan form while the trace is positive), ellipticity
/// (Phi_max - Phi_min) / (Phi_max + Phi_min) = Pi1 / Pi2. The major axis of the ellipse points along alpha - beta.
/// </para>
/// <para>
/// Under e^{+iwt} a 2D tensor in its strike frame (x along strike) has Phi = diag(tan phi_TM, tan phi_TE): beta = 0 and
/// alpha - beta is the strike when the TM phase is the larger, the strike + 90 degrees otherwise (the 90-degree
/// ambiguity). A 1D tensor gives Phi = tan(phi) I (ellipticity 0, no direction). Since X and Y are distorted alike by
/// a real galvanic distortion tensor C (Z_d = C Z gives X_d = C X, Y_d = C Y), Phi_d = X^-1 C^-1 C Y = Phi: the phase
/// tensor is unchanged by galvanic distortion.
/// </para>
/// </summary>
/// <param name="Phi11">Phi_xx.</param>
/// <param name="Phi12">Phi_xy.</param>
/// <param name="Phi21">Phi_yx.</param>
/// <param name="Phi22">Phi_yy.</param>
public readonly record struct PhaseTensor(double Phi11, double Phi12, double Phi21, double Phi22)
{
    /// <summary>The phase tensor of <paramref name="z"/>, or null when a component is not finite or Re Z is singular.</summary>
    public static PhaseTensor? Of(ImpedanceTensor z)
    {
        if (!z.IsFinite) return null;
        double x11 = z.Xx.Real, x12 = z.Xy.Real, x21 = z.Yx.Real, x22 = z.Yy.Real;
        double y11 = z.Xx.Imaginary, y12 = z.Xy.Imaginary, y21 = z.Yx.Imaginary, y22 = z.Yy.Imaginary;
        double det = x11 * x22 - x12 * x21;
        // A determinant at rounding level of the real parts' products is singular for all purposes.
        double scale = Math.Abs(x11 * x22) + Math.Abs(x12 * x21);
        if (!(Math.Abs(det) > 1e-14 * scale)) return null;
        var phi = new PhaseTensor(
            (x22 * y11 - x12 * y21) / det, (x22 * y12 - x12 * y22) / det,
            (x11 * y21 - x21 * y11) / det, (x11 * y22 - x21 * y12) / det);
        return double.IsFinite(phi.Phi11) && double.IsFinite(phi.Phi12) && double.IsFinite(phi.Phi21) && double.IsFinite(phi.Phi22) ? phi : null;
    }

    /// <summary>Pi1 (half the norm of the tensor's symmetric, trace-free part).</summary>
    public double Pi1 => 0.5 * Math.Sqrt((Phi11 - Phi22) * (Phi11 - Phi22) + (Phi12 + Phi21) * (Phi12 + Phi21));

    /// <summary>Pi2 (half the norm of the trace and antisymmetric part).</summary>
    public double Pi2 => 0.5 * Math.Sqrt((Phi11 + Phi22) * (Phi11 + Phi22) + (Phi12 - Phi21) * (Phi12 - Phi21));

    /// <summary>Phi_max = Pi2 + Pi1.</summary>
    public double PhiMax => Pi2 + Pi1;

    /// <summary>Phi_min = Pi2 - Pi1 (negative when det Phi is).</summary>
    public double PhiMin => Pi2 - Pi1;

    /// <summary>arctan Phi_max in degrees: a phase-like angle (45 degrees over a half-space).</summary>
    public double PhiMaxDeg => Math.Atan(PhiMax) * 180 / Math.PI;

    /// <summary>arctan Phi_min in degrees.</summary>
    public double PhiMinDeg => Math.Atan(PhiMin) * 180 / Math.PI;

    /// <summary>alpha in degrees, in (-90, 90] (undefined, returned as 0, for a circle).</summary>
    public double AlphaDeg => 0.5 * Math.Atan2(Phi12 + Phi21, Phi11 - Phi22) * 180 / Math.PI;

    /// <summary>The skew angle beta in degrees, in (-90, 90]: 0 for 1D and 2D responses.</summary>
    public double BetaDeg => 0.5 * Math.Atan2(Phi12 - Phi21, Phi11 + Phi22) * 180 / Math.PI;

    /// <summary>Ellipticity (Phi_max - Phi_min) / (Phi_max + Phi_min) = Pi1 / Pi2: 0 for 1D, NaN when Pi2 is 0.</summary>
    public double Ellipticity => Pi2 > 0 ? Pi1 / Pi2 : double.NaN;

    /// <summary>The direction of the ellipse's major axis, alpha - beta, as an axis in [0, 180) degrees clockwise from
    /// x: the strike or the strike + 90 degrees (the 90-degree ambiguity).</summary>
    public double StrikeDeg => Angles.Wrap180(AlphaDeg - BetaDeg);

    /// <summary>
    /// The standard error of beta (degrees) by first-order (linear) propagation of the impedance variances: the real
    /// and imaginary parts of the four components are taken as independent, each with half the component's variance
    /// (the EDI variance is that of the complex value), and the derivatives of beta with respect to the eight parts
    /// are central differences. NaN when a variance is unknown or the phase tensor is undefined. Valid while the errors
    /// are small against |Z| (a linearisation); tested against a seeded Monte-Carlo estimate.
    /// </summary>
    public static double BetaStdDeg(ImpedanceTensor z)
    {
        if (Of(z) is null) return double.NaN;
        double[] variances = [z.VarXx, z.VarXy, z.VarYx, z.VarYy];
        if (variances.Any(v => !(v >= 0) || !double.IsFinite(v))) return double.NaN;
        double[] parts = [z.Xx.Real, z.Xx.Imaginary, z.Xy.Real, z.Xy.Imaginary, z.Yx.Real, z.Yx.Imaginary, z.Yy.Real, z.Yy.Imaginary];
        double h = 1e-7 * Math.Sqrt(z.Power);
        double sum = 0;
        for (int k = 0; k < parts.Length; k++)
        {
            double variance = 0.5 * variances[k / 2];
            if (variance == 0) continue;
            double plus = BetaAt(parts, k, h), minus = BetaAt(parts, k, -h);
            if (!double.IsFinite(plus) || !double.IsFinite(minus)) return double.NaN;
            // beta jumps by 180 degrees where the trace changes sign with a zero antisymmetric part: take the short way.
            double derivative = Angles.Difference(plus, minus, 180) / (2 * h);
            sum += derivative * derivative * variance;
        }
        return Math.Sqrt(sum);
    }

    private static double BetaAt(double[] parts, int k, double step)
    {
        double[] p = (double[])parts.Clone();
        p[k] += step;
        var z = new ImpedanceTensor(new(p[0], p[1]), new(p[2], p[3]), new(p[4], p[5]), new(p[6], p[7]));
        return Of(z)?.BetaDeg ?? double.NaN;
    }
}
