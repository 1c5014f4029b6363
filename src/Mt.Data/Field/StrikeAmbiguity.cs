namespace Mt.Data.Field;

/// <summary>How the 90-degree ambiguity of a strike was resolved.</summary>
public enum StrikeAmbiguityResolution
{
    /// <summary>The strike is the candidate closer to perpendicular to the principal axis of the real induction arrows.</summary>
    InductionArrows,

    /// <summary>No tipper: the strike is the candidate closer to perpendicular to the profile (so that the profile runs
    /// along the model's y axis).</summary>
    ProfileGeometry,
}

/// <summary>
/// The resolved 90-degree ambiguity of a strike: impedance-based strikes (Swift's, the phase tensor's) fit equally at a
/// and a + 90 degrees (TE and TM swapped). Where the files hold tipper, the real induction arrows decide: over a 2D
/// earth they lie perpendicular to the strike (in either sign convention), so the candidate closer to perpendicular to
/// their principal axis is the strike. Without tipper, the candidate closer to perpendicular to the profile is taken.
/// </summary>
/// <param name="ResolvedBy">What decided.</param>
/// <param name="StrikeDeg">The chosen strike, [0, 180) degrees clockwise from north.</param>
/// <param name="AlternativeDeg">The other candidate, <paramref name="StrikeDeg"/> + 90 degrees, in [0, 180).</param>
/// <param name="MarginDeg">How much closer to the decisive direction the chosen candidate is than the other (degrees, 0
/// to 90): 90 when the decisive direction lies exactly on one candidate, 0 when it lies half-way (no decision).</param>
/// <param name="Arrows">The induction arrows' axis when they were available, else null.</param>
/// <param name="GeometryStrikeDeg">The candidate that the profile geometry alone would have chosen (to show whether the
/// arrows changed the decision).</param>
public sealed record StrikeAmbiguity(StrikeAmbiguityResolution ResolvedBy, double StrikeDeg, double AlternativeDeg, double MarginDeg,
    InductionArrowAxis? Arrows, double GeometryStrikeDeg)
{
    /// <summary>Resolves the ambiguity of <paramref name="angleDeg"/> (defined modulo 90): by <paramref name="arrows"/>
    /// when given, else by <paramref name="profileAzimuthDeg"/>.</summary>
    public static StrikeAmbiguity Resolve(double angleDeg, double profileAzimuthDeg, InductionArrowAxis? arrows)
    {
        if (!double.IsFinite(angleDeg) || !double.IsFinite(profileAzimuthDeg)) throw new ArgumentException("the strike and the profile azimuth must be finite");
        double geometry = Closest(angleDeg, profileAzimuthDeg + 90).Chosen;
        var (chosen, other, margin) = Closest(angleDeg, arrows is null ? profileAzimuthDeg + 90 : arrows.AxisDeg + 90);
        return new StrikeAmbiguity(arrows is null ? StrikeAmbiguityResolution.ProfileGeometry : StrikeAmbiguityResolution.InductionArrows,
            chosen, other, margin, arrows, geometry);
    }

    /// <summary>Of <paramref name="angleDeg"/> and <paramref name="angleDeg"/> + 90 (as axes in [0, 180)), the one
    /// closer to the axis <paramref name="targetDeg"/>.</summary>
    public static double Nearest(double angleDeg, double targetDeg) => Closest(angleDeg, targetDeg).Chosen;

    private static (double Chosen, double Other, double Margin) Closest(double angleDeg, double targetDeg)
    {
        double a = Angles.Wrap180(angleDeg), b = Angles.Wrap180(angleDeg + 90);
        double da = Math.Abs(Angles.Difference(a, targetDeg, 180)), db = Math.Abs(Angles.Difference(b, targetDeg, 180));
        return da <= db ? (a, b, db - da) : (b, a, da - db);
    }
}
