namespace Mt.Forward;

/// <summary>What an impedance error floor is a fraction of.</summary>
public enum ImpedanceFloorBasis
{
    /// <summary>|Z| of the mode's own impedance (Z_xy for TE, Z_yx for TM).</summary>
    Component,

    /// <summary>sqrt(|Z_xy Z_yx|), the geometric mean of both modes' impedances at the station and frequency (the same
    /// absolute floor for both modes; where only one mode is observed, its own |Z|).</summary>
    OffDiagonalGeometricMean,
}

/// <summary>
/// An error floor on the impedance as MT codes state it: a fraction of |Z| (or of sqrt(|Z_xy Z_yx|)). A relative
/// impedance error e is a relative apparent-resistivity error of 2e, i.e. 2e / ln(10) in log10 rho_a, and a phase error
/// of e radians (first order); 5 % of |Z| is about 10 % in rho_a and 2.86 degrees. The floor bounds the data's errors
/// from below: <see cref="Apply"/>.
/// </summary>
/// <param name="Fraction">The floor as a fraction of the basis (0.05: 5 %).</param>
/// <param name="Basis">What it is a fraction of.</param>
public sealed record ImpedanceErrorFloor(double Fraction, ImpedanceFloorBasis Basis = ImpedanceFloorBasis.Component)
{
    /// <summary>A practitioner's default: 5 % of |Z| per mode.</summary>
    public static ImpedanceErrorFloor Default { get; } = new(0.05);

    /// <summary>The errors of a datum whose relative impedance error is <paramref name="relative"/>: log10 apparent
    /// resistivity (log10 units) and phase (degrees).</summary>
    public static (double Log10RhoApp, double PhaseDeg) ErrorsOfRelativeImpedance(double relative) =>
        (2 * relative / Math.Log(10), relative * 180 / Math.PI);

    /// <summary>The data with every error raised to at least this floor (values unchanged).</summary>
    public ObservedData Apply(ObservedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(Fraction > 0) || !double.IsFinite(Fraction))
            throw new ArgumentOutOfRangeException(nameof(Fraction), Fraction, "the impedance error floor must be a positive fraction");
        // log10 |Z| of each observed mode at each (station, frequency), up to the common term log10 sqrt(omega mu):
        // log10 |Z| = log10 rho_a / 2 + const; the geometric mean's const cancels against the mode's own.
        var log10Z = new Dictionary<(int S, int F, Mode M), double>();
        foreach (var d in data.Data) log10Z[(d.StationIndex, d.FrequencyIndex, d.Mode)] = d.Log10RhoApp / 2;
        var raised = new List<Datum>(data.Data.Count);
        foreach (var d in data.Data)
        {
            double relative = Fraction;
            if (Basis == ImpedanceFloorBasis.OffDiagonalGeometricMean
                && log10Z.TryGetValue((d.StationIndex, d.FrequencyIndex, d.Mode == Mode.TE ? Mode.TM : Mode.TE), out double other))
                relative = Fraction * Math.Pow(10, (other - d.Log10RhoApp / 2) / 2); // e sqrt(|Z_other| / |Z_own|)
            var (rhoFloor, phaseFloor) = ErrorsOfRelativeImpedance(relative);
            raised.Add(d with { Log10RhoAppError = Math.Max(d.Log10RhoAppError, rhoFloor), PhaseErrorDeg = Math.Max(d.PhaseErrorDeg, phaseFloor) });
        }
        return new ObservedData(data.StationsM, data.FrequenciesHz, raised);
    }

    /// <summary>"5 % of |Z|" or "5 % of sqrt(|Zxy Zyx|)".</summary>
    public override string ToString() =>
        $"{Fraction * 100:G4} % of {(Basis == ImpedanceFloorBasis.Component ? "|Z|" : "sqrt(|Zxy Zyx|)")}";
}
