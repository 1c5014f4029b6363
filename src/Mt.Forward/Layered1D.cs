using System.Numerics;

namespace Mt.Forward;

/// <summary>
/// The 1D layered-earth magnetotelluric response: surface impedance and field profiles, in the reflection-coefficient
/// (tanh) form, which stays finite at any frequency (no cosh/sinh overflow). Time dependence e^{+iwt}.
/// </summary>
public sealed class Layered1D
{
    private readonly double[] _rho;
    private readonly double[] _top;

    /// <summary>Creates a layered earth: <paramref name="thicknessesM"/> has one value fewer than
    /// <paramref name="resistivitiesOhmM"/>; the last layer is a half-space.</summary>
    public Layered1D(IReadOnlyList<double> resistivitiesOhmM, IReadOnlyList<double> thicknessesM)
    {
        if (resistivitiesOhmM.Count < 1) throw new ArgumentException("a layered earth needs at least one layer");
        if (thicknessesM.Count != resistivitiesOhmM.Count - 1)
            throw new ArgumentException("a layered earth needs one thickness fewer than resistivities");
        _rho = [.. resistivitiesOhmM];
        _top = new double[_rho.Length];
        for (int i = 0; i < _rho.Length; i++)
        {
            if (!double.IsFinite(_rho[i]) || _rho[i] <= 0) throw new ArgumentException($"resistivity {_rho[i]} of layer {i} must be positive");
            if (i > 0)
            {
                double h = thicknessesM[i - 1];
                if (!double.IsFinite(h) || h <= 0) throw new ArgumentException($"thickness {h} of layer {i - 1} must be positive");
                _top[i] = _top[i - 1] + h;
            }
        }
    }

    /// <summary>A uniform half-space.</summary>
    public static Layered1D HalfSpace(double resistivityOhmM) => new([resistivityOhmM], []);

    /// <summary>The column <paramref name="column"/> of a 2D model as a layered earth (its bottom cell continues downward).</summary>
    public static Layered1D FromColumn(ResistivityModel model, int column)
    {
        var rho = new double[model.Nz];
        var h = new double[model.Nz - 1];
        for (int k = 0; k < model.Nz; k++) rho[k] = model.ResistivityOhmM[k, column];
        for (int k = 0; k < model.Nz - 1; k++) h[k] = model.ZEdgesM[k + 1] - model.ZEdgesM[k];
        return new Layered1D(rho, h);
    }

    /// <summary>The TE-convention surface impedance Zxy = Ex/Hy (ohms); the TM impedance Zyx of a 1D earth is its negative.</summary>
    public Complex SurfaceImpedance(double frequencyHz) => Impedances(frequencyHz)[0];

    /// <summary>Surface impedance of a given mode (TE: Zxy; TM: Zyx = -Zxy).</summary>
    public Complex SurfaceImpedance(double frequencyHz, Mode mode) =>
        mode == Mode.TE ? SurfaceImpedance(frequencyHz) : -SurfaceImpedance(frequencyHz);

    /// <summary>
    /// The field along strike at depths <paramref name="depthsM"/> (negative: in the air, TE only), normalised to 1 at
    /// <paramref name="referenceDepthM"/>: TE gives Ex, TM gives Hx.
    /// </summary>
    public Complex[] Profile(double frequencyHz, Mode mode, IReadOnlyList<double> depthsM, double referenceDepthM)
    {
        double omega = 2 * Math.PI * frequencyHz;
        var zTop = Impedances(frequencyHz);
        int n = _rho.Length;
        // Field at the top of each layer, with the surface field = 1, and each layer's reflection coefficient.
        var fTop = new Complex[n];
        var r = new Complex[n];
        var k = new Complex[n];
        fTop[0] = 1;
        double s = mode == Mode.TE ? 1 : -1;
        for (int i = 0; i < n; i++)
        {
            k[i] = Wavenumber(_rho[i], omega);
            if (i == n - 1) break;
            Complex z0 = Complex.ImaginaryOne * omega * Impedance.Mu0 / k[i];
            r[i] = (zTop[i + 1] - z0) / (zTop[i + 1] + z0);
            double h = _top[i + 1] - _top[i];
            Complex e = Complex.Exp(-k[i] * h);
            fTop[i + 1] = fTop[i] * e * (1 + s * r[i]) / (1 + s * r[i] * e * e);
        }

        Complex At(double z)
        {
            if (z < 0)
            {
                if (mode == Mode.TM) throw new ArgumentException("the TM field is uniform in the air; ask for depths >= 0");
                return 1 - Complex.ImaginaryOne * omega * Impedance.Mu0 * z / zTop[0];
            }
            int i = Array.BinarySearch(_top, z);
            if (i < 0) i = ~i - 1;
            i = Math.Clamp(i, 0, n - 1);
            double d = z - _top[i];
            if (i == n - 1) return fTop[i] * Complex.Exp(-k[i] * d);
            double h = _top[i + 1] - _top[i];
            Complex num = Complex.Exp(-k[i] * d) + s * r[i] * Complex.Exp(-k[i] * (2 * h - d));
            return fTop[i] * num / (1 + s * r[i] * Complex.Exp(-2 * k[i] * h));
        }

        Complex reference = At(referenceDepthM);
        var result = new Complex[depthsM.Count];
        for (int i = 0; i < result.Length; i++) result[i] = At(depthsM[i]) / reference;
        return result;
    }

    /// <summary>The TE-convention impedance at the top of each layer.</summary>
    private Complex[] Impedances(double frequencyHz)
    {
        if (!(frequencyHz > 0) || !double.IsFinite(frequencyHz)) throw new ArgumentOutOfRangeException(nameof(frequencyHz), "frequency must be positive");
        double omega = 2 * Math.PI * frequencyHz;
        int n = _rho.Length;
        var z = new Complex[n];
        Complex iwm = Complex.ImaginaryOne * omega * Impedance.Mu0;
        z[n - 1] = iwm / Wavenumber(_rho[n - 1], omega);
        for (int i = n - 2; i >= 0; i--)
        {
            Complex k = Wavenumber(_rho[i], omega);
            Complex z0 = iwm / k;
            Complex t = StableTanh(k * (_top[i + 1] - _top[i]));
            z[i] = z0 * (z[i + 1] + z0 * t) / (z0 + z[i + 1] * t);
        }
        return z;
    }

    /// <summary>k = sqrt(i w mu0 / rho), the root with positive real part.</summary>
    internal static Complex Wavenumber(double resistivityOhmM, double omega) =>
        Complex.Sqrt(new Complex(0, omega * Impedance.Mu0 / resistivityOhmM));

    /// <summary>tanh(x) for Re x >= 0 as (1 - e^{-2x}) / (1 + e^{-2x}): never overflows.</summary>
    private static Complex StableTanh(Complex x)
    {
        Complex e = Complex.Exp(-2 * x);
        return (1 - e) / (1 + e);
    }
}
