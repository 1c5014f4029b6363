using Mt.Data.Datasets;
using Mt.Data.Misfit;
using Mt.Forward;

namespace Mt.Evaluation.Metrics;

/// <summary>The data RMS misfit of a model: its TE and TM responses (the 2D forward engine) against observed data.</summary>
public static class ResponseMisfit
{
    /// <summary>
    /// Forward-models the section <paramref name="log10Resistivity"/> [nz, ny] on the grid of <paramref name="data"/>
    /// (its edges, stations and frequencies, modes TE and TM) and returns the normalised RMS misfit
    /// (<see cref="DataErrors.Rms"/>) against the observed log10 apparent resistivity and phase [mode, frequency,
    /// station] under <paramref name="errors"/>.
    /// </summary>
    public static double DataRms(double[,] log10Resistivity, DataSet data, double[,,] observedLog10RhoApp, double[,,] observedPhaseDeg,
        DataErrors errors, ForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log10Resistivity);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(errors);
        var model = ResistivityModel.FromLog10(data.YEdgesM, data.ZEdgesM, log10Resistivity);
        SampleData predicted = SampleData.Compute(0, model, data.StationsM, data.FrequenciesHz, options);
        return errors.Rms(predicted.Log10RhoApp, predicted.PhaseDeg, observedLog10RhoApp, observedPhaseDeg);
    }

}
