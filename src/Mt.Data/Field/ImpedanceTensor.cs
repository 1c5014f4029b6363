using System.Numerics;

namespace Mt.Data.Field;

/// <summary>
/// A 2x2 impedance tensor E = Z H (ohms) in a frame with x along some azimuth and y 90 degrees clockwise from it, z down,
/// optionally with the variances of its four components (ohm^2; the variance of the complex value, so the standard
/// error of each component is the square root). NaN variances mean "unknown".
/// </summary>
/// <param name="Xx">Zxx.</param>
/// <param name="Xy">Zxy = Ex/Hy.</param>
/// <param name="Yx">Zyx = Ey/Hx.</param>
/// <param name="Yy">Zyy.</param>
/// <param name="VarXx">Variance of Zxx.</param>
/// <param name="VarXy">Variance of Zxy.</param>
/// <param name="VarYx">Variance of Zyx.</param>
/// <param name="VarYy">Variance of Zyy.</param>
public readonly record struct ImpedanceTensor(
    Complex Xx, Complex Xy, Complex Yx, Complex Yy,
    double VarXx = double.NaN, double VarXy = double.NaN, double VarYx = double.NaN, double VarYy = double.NaN)
{
    /// <summary>Whether all four components are finite.</summary>
    public bool IsFinite => Finite(Xx) && Finite(Xy) && Finite(Yx) && Finite(Yy);

    /// <summary>The determinant Zxx Zyy - Zxy Zyx (invariant under rotation).</summary>
    public Complex Determinant => Xx * Yy - Xy * Yx;

    /// <summary>
    /// The tensor in a frame rotated by <paramref name="angleDeg"/> clockwise (seen from above; x towards north, y east
    /// turn towards east and south): Z' = R Z R^T with R = [[c, s], [-s, c]]. The variances are propagated for
    /// independent components: var Z'ij = sum over k, l of (R_ik R_jl)^2 var Z_kl.
    /// </summary>
    public ImpedanceTensor Rotate(double angleDeg)
    {
        double a = angleDeg * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        double c2 = c * c, s2 = s * s, cs = c * s;
        Complex sum = Xy + Yx, diff = Yy - Xx;
        Complex xx = Xx * c2 + sum * cs + Yy * s2;
        Complex xy = Xy * c2 + diff * cs - Yx * s2;
        Complex yx = Yx * c2 + diff * cs - Xy * s2;
        Complex yy = Yy * c2 - sum * cs + Xx * s2;
        // R Z R^T: Z'ij = sum R_ik Z_kl R_jl; squared weights (R_ik R_jl)^2 for each (k, l) in the order xx, xy, yx, yy.
        double cs2 = c2 * s2, c4 = c2 * c2, s4 = s2 * s2;
        double vxx = c4 * VarXx + cs2 * (VarXy + VarYx) + s4 * VarYy;
        double vxy = cs2 * (VarXx + VarYy) + c4 * VarXy + s4 * VarYx;
        double vyx = cs2 * (VarXx + VarYy) + s4 * VarXy + c4 * VarYx;
        double vyy = s4 * VarXx + cs2 * (VarXy + VarYx) + c4 * VarYy;
        return new ImpedanceTensor(xx, xy, yx, yy, vxx, vxy, vyx, vyy);
    }

    /// <summary>|Zxx|^2 + |Zyy|^2, what the strike minimises.</summary>
    public double DiagonalPower => Xx.Magnitude * Xx.Magnitude + Yy.Magnitude * Yy.Magnitude;

    /// <summary>The squared Frobenius norm |Zxx|^2 + |Zxy|^2 + |Zyx|^2 + |Zyy|^2 (invariant under rotation).</summary>
    public double Power => DiagonalPower + Xy.Magnitude * Xy.Magnitude + Yx.Magnitude * Yx.Magnitude;

    private static bool Finite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);
}
