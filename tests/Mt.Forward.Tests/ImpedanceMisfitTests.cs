using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The impedance misfit (real and imaginary parts of Z under |Z|-relative errors) and the impedance error
/// floors, against closed forms and central differences.</summary>
public class ImpedanceMisfitTests
{
    private static readonly double RelativeOfLog10 = Math.Log(10) / 2;

    private static ObservedData OneDatum(double log10Rho, double phaseDeg, double relativeError) =>
        new([0], [1], [new Datum(Mode.TE, 0, 0, log10Rho, phaseDeg, relativeError / RelativeOfLog10, relativeError * 180 / Math.PI)]);

    /// <summary>|Z| 10 % too large at the observed phase: |Z_pred - Z_obs| / |Z_obs| = 0.1, two errors of 5 %
    /// (chi-squared 4); the observed phase rotated by delta at the observed |Z|: |e^(i delta) - 1| = 2 sin(delta / 2).</summary>
    [Fact]
    public void Residuals_are_the_impedance_difference_in_units_of_its_error()
    {
        var misfit = new ImpedanceMisfit(OneDatum(2, 45, 0.05));
        Assert.Equal(0.05, misfit.ReceiverError(0), 12);

        Assert.Equal(4.0, misfit.ChiSquared([2 + 2 * Math.Log10(1.1), 45]), 10);
        Assert.Equal(Math.Sqrt(4.0 / 2), misfit.Rms([2 + 2 * Math.Log10(1.1), 45]), 10);
        double delta = 10 * Math.PI / 180;
        Assert.Equal(Math.Pow(2 * Math.Sin(delta / 2) / 0.05, 2), misfit.ChiSquared([2, 55]), 10);
        Assert.Equal(0.0, misfit.ChiSquared([2, 45]), 14);
    }

    /// <summary>With errors that correspond (2e / ln10 in log10 rho_a, e radians in phase), small residuals give the same
    /// chi-squared in both measures: the impedance residual is to first order the rho/phase residual pair.</summary>
    [Fact]
    public void For_small_residuals_both_measures_agree()
    {
        var data = OneDatum(1.5, 60, 0.03);
        double[] predicted = [1.5 + 0.0005, 60 - 0.02];
        double rhoPhase = new DataMisfit(data).ChiSquared(predicted), impedance = new ImpedanceMisfit(data).ChiSquared(predicted);
        Assert.True(Math.Abs(impedance / rhoPhase - 1) < 2e-3, $"impedance {impedance:G6} vs rho/phase {rhoPhase:G6}");
    }

    /// <summary>The derivative the adjoint gradient uses is that of chi-squared, by central differences, in both modes
    /// and for phases on both sides of the TM convention.</summary>
    [Fact]
    public void Derivative_is_the_derivative_of_chi_squared()
    {
        var survey = Survey.Full([0, 500], [1, 3], [Mode.TE, Mode.TM]);
        var observed = new ObservedData(survey.StationsM, survey.FrequenciesHz,
            [.. survey.Receivers.Select((r, i) => new Datum(r.Mode, r.StationIndex, r.FrequencyIndex, 1.5 + 0.1 * i, 40 + 15 * i, 0.02 + 0.005 * i, 1 + 0.2 * i))]);
        IDataMisfit misfit = new ImpedanceMisfit(observed);
        double[] d = [.. Enumerable.Range(0, survey.Count).Select(i => Survey.IsPhase(i) ? 30.0 + 17 * i : 1.3 + 0.07 * i)];
        for (int i = 0; i < d.Length; i++)
        {
            double numeric = NumericDerivative.Central(misfit.ChiSquared, d, i);
            double analytic = misfit.Derivative(i, d);
            Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"entry {i}: {analytic:R} vs {numeric:R}");
        }
    }

    /// <summary>Per-station RMS under either measure: each station's chi-squared is its share of the whole (the
    /// squared RMS times its entries sums to the total), and a station whose predictions are exact has RMS 0.</summary>
    [Theory]
    [InlineData(MisfitMeasure.RhoPhase)]
    [InlineData(MisfitMeasure.Impedance)]
    public void Rms_by_station_splits_the_chi_squared_by_station(MisfitMeasure measure)
    {
        var survey = Survey.Full([0, 500, 900], [1, 3], [Mode.TE, Mode.TM]);
        var observed = new ObservedData(survey.StationsM, survey.FrequenciesHz,
            [.. survey.Receivers.Select((r, i) => new Datum(r.Mode, r.StationIndex, r.FrequencyIndex, 1.5 + 0.1 * i, 40 + 3 * i, 0.02 + 0.005 * i, 1 + 0.2 * i))]);
        double[] predicted = observed.Values();
        for (int i = 0; i < survey.Receivers.Count; i++)
            if (survey.Receivers[i].StationIndex != 1) (predicted[Survey.RhoIndex(i)], predicted[Survey.PhaseIndex(i)]) = (predicted[Survey.RhoIndex(i)] + 0.03 * (i % 3), predicted[Survey.PhaseIndex(i)] - 0.7 * i);

        double[] rms = DataMisfits.RmsByStation(observed, predicted, measure);

        Assert.Equal(3, rms.Length);
        Assert.Equal(0.0, rms[1], 12);
        Assert.True(rms[0] > 0.1 && rms[2] > 0.1, $"{rms[0]}, {rms[2]}");
        double total = DataMisfits.Of(observed, measure).ChiSquared(predicted), perStation = rms.Sum(r => r * r * 2 * 2 * 2); // 2 modes x 2 frequencies x 2 values
        Assert.Equal(total, perStation, 9);
    }

    /// <summary>5 % of |Z| is 10 % in rho_a (0.0434 in log10) and 2.865 degrees; larger errors stay as they are.</summary>
    [Fact]
    public void A_component_floor_raises_smaller_errors_only()
    {
        var data = new ObservedData([0], [1, 2], [new Datum(Mode.TE, 0, 0, 2, 45, 0.01, 0.5), new Datum(Mode.TE, 0, 1, 2, 45, 0.2, 9)]);

        var floored = ImpedanceErrorFloor.Default.Apply(data);

        Assert.Equal(0.1 / Math.Log(10), floored.Data[0].Log10RhoAppError, 12);
        Assert.Equal(0.05 * 180 / Math.PI, floored.Data[0].PhaseErrorDeg, 12);
        Assert.Equal(0.2, floored.Data[1].Log10RhoAppError);
        Assert.Equal(9, floored.Data[1].PhaseErrorDeg);
        Assert.Equal(0.05, new ImpedanceMisfit(floored).ReceiverError(0), 12);
        Assert.Equal("5 % of |Z|", ImpedanceErrorFloor.Default.ToString());
    }

    /// <summary>A floor of e sqrt(|Zxy Zyx|) is one absolute error for both modes: with rho_TM = 100 rho_TE (|Z_TM| =
    /// 10 |Z_TE|), TE's relative floor is e sqrt(10) and TM's e / sqrt(10); a station with one mode keeps its own |Z|.</summary>
    [Fact]
    public void A_geometric_mean_floor_is_one_absolute_error_for_both_modes()
    {
        var tiny = (Log10: 1e-6, Phase: 1e-6);
        var data = new ObservedData([0, 1000], [1],
        [
            new Datum(Mode.TE, 0, 0, 1, 45, tiny.Log10, tiny.Phase), new Datum(Mode.TE, 1, 0, 1, 45, tiny.Log10, tiny.Phase),
            new Datum(Mode.TM, 0, 0, 3, 45, tiny.Log10, tiny.Phase),
        ]);

        var misfit = new ImpedanceMisfit(new ImpedanceErrorFloor(0.05, ImpedanceFloorBasis.OffDiagonalGeometricMean).Apply(data));

        int te0 = 0, te1 = 1, tm0 = 2;
        Assert.Equal(Mode.TM, data.Survey.Receivers[tm0].Mode);
        Assert.Equal(0.05 * Math.Sqrt(10), misfit.ReceiverError(te0), 10);
        Assert.Equal(0.05 / Math.Sqrt(10), misfit.ReceiverError(tm0), 10);
        Assert.Equal(0.05, misfit.ReceiverError(te1), 10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.05)]
    [InlineData(double.NaN)]
    public void A_floor_that_is_not_a_positive_fraction_is_refused(double fraction)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ImpedanceErrorFloor(fraction).Apply(OneDatum(2, 45, 0.05)));
        Assert.Contains("the impedance error floor must be a positive fraction", ex.Message);
    }
}
