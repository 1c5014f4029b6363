using System.Numerics;
using Mt.Forward;

namespace Mt.Data.Edi;

/// <summary>Unit conversion between EDI field units and SI.</summary>
public static class EdiUnits
{
    /// <summary>
    /// Ohms per (mV/km)/nT. E in mV/km is 1e-6 V/m; B in nT gives H = B * 1e-9 / mu0 A/m; so
    /// Z[ohm] = Z[(mV/km)/nT] * 1e-6 / (1e-9 / mu0) = Z[(mV/km)/nT] * mu0 * 1e3 = Z * 4 pi 1e-4.
    /// Check: |Z_ohm|^2 / (omega mu0) = |Z|^2 mu0 1e6 / (2 pi f) = 0.2 T |Z|^2.
    /// </summary>
    public const double OhmPerMvPerKmPerNt = Impedance.Mu0 * 1e3;
}

/// <summary>
/// One impedance component (e.g. Zxy) per frequency, as read in (mV/km)/nT and converted to ohms.
/// The field-unit values are the stored truth; the ohm values are derived from them by one multiplication with
/// <see cref="EdiUnits.OhmPerMvPerKmPerNt"/> (variances by its square), so a file read, written and read again gives
/// bit-identical ohm values.
/// </summary>
public sealed class EdiImpedanceComponent
{
    /// <summary>Creates a component from field-unit values; <paramref name="isMissing"/> defaults to "missing where NaN".</summary>
    public EdiImpedanceComponent(Complex[] valuesMvPerKmPerNt, double[]? variancesMvPerKmPerNtSquared, bool[]? isMissing = null)
    {
        ValuesMvPerKmPerNt = valuesMvPerKmPerNt;
        VariancesMvPerKmPerNtSquared = variancesMvPerKmPerNtSquared;
        IsMissing = EdiTipperComponent.CheckedMask(valuesMvPerKmPerNt, variancesMvPerKmPerNtSquared, isMissing);
        const double f = EdiUnits.OhmPerMvPerKmPerNt;
        ValuesOhm = [.. valuesMvPerKmPerNt.Select(z => new Complex(z.Real * f, z.Imaginary * f))];
        VariancesOhmSquared = variancesMvPerKmPerNtSquared?.Select(v => v * (f * f)).ToArray();
    }

    /// <summary>
    /// Creates a component from ohm values (e.g. a forward-model result). The field-unit values are ohm / factor,
    /// so <see cref="ValuesOhm"/> can differ from the input by one rounding (relative 2.3e-16, tested at 1e-15).
    /// </summary>
    public static EdiImpedanceComponent FromOhm(Complex[] valuesOhm, double[]? variancesOhmSquared = null)
    {
        const double f = EdiUnits.OhmPerMvPerKmPerNt;
        return new EdiImpedanceComponent(
            [.. valuesOhm.Select(z => new Complex(z.Real / f, z.Imaginary / f))],
            variancesOhmSquared?.Select(v => v / (f * f)).ToArray());
    }

    /// <summary>Values in (mV/km)/nT, as in the file; NaN where missing.</summary>
    public Complex[] ValuesMvPerKmPerNt { get; }

    /// <summary>Variances in ((mV/km)/nT)^2, as in the file (NaN where missing), or null when the file has none.</summary>
    public double[]? VariancesMvPerKmPerNtSquared { get; }

    /// <summary>Values in ohms (SI); NaN where missing.</summary>
    public Complex[] ValuesOhm { get; }

    /// <summary>Variances in ohm^2 (SI), or null when the file has none.</summary>
    public double[]? VariancesOhmSquared { get; }

    /// <summary>True where the real or imaginary part was the EMPTY marker (or NaN): that value is not data.</summary>
    public bool[] IsMissing { get; }
}

/// <summary>One tipper component (Tx or Ty) per frequency; dimensionless.</summary>
public sealed class EdiTipperComponent
{
    /// <summary>Creates a component; <paramref name="isMissing"/> defaults to "missing where NaN".</summary>
    public EdiTipperComponent(Complex[] values, double[]? variances, bool[]? isMissing = null)
    {
        Values = values;
        Variances = variances;
        IsMissing = CheckedMask(values, variances, isMissing);
    }

    /// <summary>Values (dimensionless); NaN where missing.</summary>
    public Complex[] Values { get; }

    /// <summary>Variances (dimensionless), or null when the file has none.</summary>
    public double[]? Variances { get; }

    /// <summary>True where the real or imaginary part was the EMPTY marker (or NaN).</summary>
    public bool[] IsMissing { get; }

    /// <summary>Checks the lengths of a component's arrays; returns the mask, by default "missing where NaN".</summary>
    internal static bool[] CheckedMask(Complex[] values, double[]? variances, bool[]? isMissing)
    {
        if (variances is not null && variances.Length != values.Length)
            throw new ArgumentException("variances must have one value per frequency", nameof(variances));
        if (isMissing is not null && isMissing.Length != values.Length)
            throw new ArgumentException("the mask must have one value per frequency", nameof(isMissing));
        return isMissing ?? [.. values.Select(z => double.IsNaN(z.Real) || double.IsNaN(z.Imaginary))];
    }
}
