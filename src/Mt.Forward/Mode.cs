namespace Mt.Forward;

/// <summary>Polarisation mode of a 2D magnetotelluric response (strike along x, profile along y, depth z down).</summary>
public enum Mode
{
    /// <summary>Transverse electric: E along strike (Ex), impedance Zxy = Ex/Hy.</summary>
    TE,

    /// <summary>Transverse magnetic: H along strike (Hx), impedance Zyx = Ey/Hx.</summary>
    TM,
}
