using System.Numerics;

namespace Mt.Data.Field;

/// <summary>
/// The real induction arrow of a tipper (Hz = Tx Hx + Ty Hy) in the EDI frame: x north, y east, z down, so Hz is
/// positive downwards. The arrow is drawn in the <b>Wiese convention</b>: (Re Tx, Re Ty) as (north, east), which with z
/// down points away from good conductors; the Parkinson arrow is its reverse and points towards them. Which of the two a
/// file's tipper gives depends on its sign convention for Hz (EDI: z down) and its time convention (the real part does
/// not change between e^{+iwt} and e^{-iwt}, the imaginary part does). The <em>axis</em> of the arrow, which is what
/// the strike decision uses, is the same in both conventions: over a 2D earth the tipper of the TE mode alone is
/// non-zero, so the real arrow lies perpendicular to the strike.
/// </summary>
/// <param name="NorthReal">Re Tx, the arrow's north component.</param>
/// <param name="EastReal">Re Ty, the arrow's east component.</param>
public readonly record struct InductionArrow(double NorthReal, double EastReal)
{
    /// <summary>The real arrow of (<paramref name="tx"/>, <paramref name="ty"/>), or null when either is not finite.</summary>
    public static InductionArrow? Of(Complex tx, Complex ty) =>
        double.IsFinite(tx.Real) && double.IsFinite(ty.Real) && double.IsFinite(tx.Imaginary) && double.IsFinite(ty.Imaginary)
            ? new InductionArrow(tx.Real, ty.Real)
            : null;

    /// <summary>Length |Re T|.</summary>
    public double Magnitude => Math.Sqrt(NorthReal * NorthReal + EastReal * EastReal);

    /// <summary>Azimuth of the Wiese arrow (degrees clockwise from north, [0, 360)); the Parkinson arrow is this + 180.</summary>
    public double WieseAzimuthDeg => Angles.Wrap360(Math.Atan2(EastReal, NorthReal) * 180 / Math.PI);

    /// <summary>
    /// The principal axis of the arrows: the direction (an axis in [0, 180), degrees clockwise from north) that
    /// maximises the sum of squared projections of the arrows onto it, i.e. the mean of the doubled angles weighted by
    /// the squared lengths. Arrows pointing in opposite directions (either side of a conductor) add to the same axis.
    /// Null when no arrow has a length.
    /// </summary>
    public static InductionArrowAxis? Axis(IEnumerable<InductionArrow> arrows)
    {
        ArgumentNullException.ThrowIfNull(arrows);
        double c = 0, s = 0, weight = 0, length = 0;
        int n = 0;
        foreach (InductionArrow a in arrows)
        {
            double r2 = a.NorthReal * a.NorthReal + a.EastReal * a.EastReal;
            if (!(r2 > 0) || !double.IsFinite(r2)) continue;
            c += a.NorthReal * a.NorthReal - a.EastReal * a.EastReal;
            s += 2 * a.NorthReal * a.EastReal;
            weight += r2;
            length += Math.Sqrt(r2);
            n++;
        }
        if (n == 0) return null;
        return new InductionArrowAxis(Angles.Wrap180(0.5 * Math.Atan2(s, c) * 180 / Math.PI), Math.Sqrt(c * c + s * s) / weight, n, length / n);
    }
}

/// <summary>The principal axis of a set of real induction arrows.</summary>
/// <param name="AxisDeg">The axis, degrees clockwise from north in [0, 180).</param>
/// <param name="Coherence">Length of the weighted mean doubled-angle vector, 0 (no preferred axis) to 1 (all arrows on
/// the axis).</param>
/// <param name="Count">Number of arrows used.</param>
/// <param name="MeanMagnitude">Mean |Re T| of those arrows.</param>
public sealed record InductionArrowAxis(double AxisDeg, double Coherence, int Count, double MeanMagnitude);
