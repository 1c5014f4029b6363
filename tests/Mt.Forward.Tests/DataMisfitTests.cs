using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The data misfit: residuals normalised by the errors, phases compared across the +-180 degree wrap.</summary>
public class DataMisfitTests
{
    /// <summary>Every residual one error: RMS 1; log10 apparent-resistivity residuals of +-0.1 against an error of 0.1
    /// and phases of -179 against 179 degrees (2 degrees apart across the wrap) against an error of 2.</summary>
    [Fact]
    public void Rms_of_one_error_everywhere_is_one_and_phases_wrap()
    {
        Mode[] modes = [Mode.TE, Mode.TM];
        var survey = Survey.Full([0, 1000, 2000, 3000], [0.1, 1, 10], modes);
        var observed = new ObservedData(survey.StationsM, survey.FrequenciesHz,
            [.. survey.Receivers.Select(r => new Datum(r.Mode, r.StationIndex, r.FrequencyIndex, r.StationIndex, 179, 0.1, 2))]);
        double[] predicted = new double[survey.Count];
        for (int i = 0; i < survey.Receivers.Count; i++)
        {
            var r = survey.Receivers[i];
            predicted[Survey.RhoIndex(i)] = r.StationIndex + (((int)r.Mode + r.FrequencyIndex + r.StationIndex) % 2 == 0 ? 0.1 : -0.1);
            predicted[Survey.PhaseIndex(i)] = -179;
        }
        var misfit = new DataMisfit(observed);

        Assert.Equal(1.0, misfit.Rms(predicted), 12);
        Assert.Equal(0.0, misfit.Rms(observed.Values()));
        Assert.Equal(predicted.Length, misfit.ChiSquared(predicted), 9);
    }

    [Fact]
    public void A_predicted_vector_of_another_length_is_refused()
    {
        var survey = Survey.Full([0], [1], [Mode.TE]);
        var misfit = new DataMisfit(new ObservedData(survey.StationsM, survey.FrequenciesHz, [new Datum(Mode.TE, 0, 0, 2, 45, 0.1, 1)]));

        var ex = Assert.Throws<ArgumentException>(() => misfit.Rms([2, 45, 0]));

        Assert.Equal("the predicted data vector has 3 entries, the observed data 2", ex.Message);
    }

    /// <summary>The derivative the inversion's gradient uses is that of chi-squared, by central differences.</summary>
    [Fact]
    public void ChiSquaredDerivative_is_the_derivative_of_chi_squared()
    {
        var survey = Survey.Full([0, 500], [1, 3], [Mode.TM]);
        var observed = new ObservedData(survey.StationsM, survey.FrequenciesHz,
            [.. survey.Receivers.Select(r => new Datum(r.Mode, r.StationIndex, r.FrequencyIndex, 1.5, 170, 0.05, 1.5))]);
        var misfit = new DataMisfit(observed);
        double[] d = [.. Enumerable.Range(0, survey.Count).Select(i => Survey.IsPhase(i) ? -175.0 + i : 1.4 + 0.01 * i)];
        for (int i = 0; i < d.Length; i++)
            Assert.Equal(NumericDerivative.Central(misfit.ChiSquared, d, i), misfit.ChiSquaredDerivative(i, d[i]), 4);
    }
}
