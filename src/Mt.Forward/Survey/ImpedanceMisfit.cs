namespace Mt.Forward;

/// <summary>
/// The impedance misfit: the real and imaginary parts of the predicted impedance against the observed one, each
/// normalised by the datum's impedance error e |Z_obs| (e relative). Since Z = sqrt(omega mu rho_a) e^(i phi), the two
/// residuals of a receiver are the real and imaginary parts of (A e^(i phi_pred) - e^(i phi_obs)) / e with
/// A = |Z_pred| / |Z_obs| = 10^((log10 rho_pred - log10 rho_obs) / 2), so they follow from the data vector alone.
/// The relative impedance error e of a datum is the larger of the two that its errors imply: ln(10) / 2 times the
/// log10 apparent-resistivity error (a relative rho_a error is twice the relative |Z| error), and the phase error in
/// radians (set impedance floors on the data first: <see cref="ImpedanceErrorFloor"/>). Chi-squared sums both parts of
/// every receiver, so N (and the RMS) counts the data vector's entries as <see cref="DataMisfit"/> does.
/// </summary>
public sealed class ImpedanceMisfit : IDataMisfit
{
    private const double DegToRad = Math.PI / 180;
    private static readonly double Ln10Half = Math.Log(10) / 2;
    private readonly double[] _relativeError;

    /// <summary>The impedance misfit of <paramref name="data"/>.</summary>
    public ImpedanceMisfit(ObservedData data)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        _relativeError = new double[data.Survey.Receivers.Count];
        for (int r = 0; r < _relativeError.Length; r++)
            _relativeError[r] = RelativeError(data.Error(Survey.RhoIndex(r)), data.Error(Survey.PhaseIndex(r)));
    }

    /// <inheritdoc/>
    public ObservedData Data { get; }

    /// <summary>The relative impedance error that a log10 apparent-resistivity error and a phase error (degrees) imply:
    /// the larger of ln(10)/2 times the first and the second in radians.</summary>
    public static double RelativeError(double log10RhoAppError, double phaseErrorDeg) =>
        Math.Max(Ln10Half * log10RhoAppError, phaseErrorDeg * DegToRad);

    /// <summary>The relative impedance error of receiver <paramref name="receiver"/>.</summary>
    public double ReceiverError(int receiver) => _relativeError[receiver];

    /// <summary>The normalised residuals (real, imaginary) of receiver <paramref name="receiver"/>.</summary>
    public (double Real, double Imaginary) Residual(int receiver, double[] predicted)
    {
        int ir = Survey.RhoIndex(receiver), ip = Survey.PhaseIndex(receiver);
        double a = Math.Pow(10, (predicted[ir] - Data.Value(ir)) / 2);
        double pp = predicted[ip] * DegToRad, po = Data.Value(ip) * DegToRad;
        double e = _relativeError[receiver];
        return ((a * Math.Cos(pp) - Math.Cos(po)) / e, (a * Math.Sin(pp) - Math.Sin(po)) / e);
    }

    /// <inheritdoc/>
    public double ChiSquared(double[] predicted)
    {
        Check(predicted);
        double sum = 0;
        for (int r = 0; r < _relativeError.Length; r++)
        {
            var (re, im) = Residual(r, predicted);
            sum += re * re + im * im;
        }
        return sum;
    }

    /// <inheritdoc/>
    public double Rms(double[] predicted) => Math.Sqrt(ChiSquared(predicted) / Data.Count);

    /// <inheritdoc/>
    public double Derivative(int i, double[] predicted)
    {
        int receiver = i / 2;
        var (re, im) = Residual(receiver, predicted);
        double e = _relativeError[receiver];
        double a = Math.Pow(10, (predicted[Survey.RhoIndex(receiver)] - Data.Value(Survey.RhoIndex(receiver))) / 2);
        double pp = predicted[Survey.PhaseIndex(receiver)] * DegToRad;
        // d(re, im)/d log10 rho = A ln10/2 (cos, sin) / e; d(re, im)/d phase_deg = A (-sin, cos) / e * pi/180.
        return Survey.IsPhase(i)
            ? 2 * a * (-re * Math.Sin(pp) + im * Math.Cos(pp)) / e * DegToRad
            : 2 * a * Ln10Half * (re * Math.Cos(pp) + im * Math.Sin(pp)) / e;
    }

    private void Check(double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        if (predicted.Length != Data.Count)
            throw new ArgumentException($"the predicted data vector has {predicted.Length} entries, the observed data {Data.Count}");
    }
}
