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
        var model = ToModel(log10Resistivity, data.YEdgesM, data.ZEdgesM);
        SampleData predicted = SampleData.Compute(0, model, data.StationsM, data.FrequenciesHz, options);
        return errors.Rms(predicted.Log10RhoApp, predicted.PhaseDeg, observedLog10RhoApp, observedPhaseDeg);
    }

    /// <summary>The resistivity model (ohm m) of a log10 section on the given cell edges.</summary>
    public static ResistivityModel ToModel(double[,] log10Resistivity, double[] yEdgesM, double[] zEdgesM)
    {
        ArgumentNullException.ThrowIfNull(log10Resistivity);
        var rho = new double[log10Resistivity.GetLength(0), log10Resistivity.GetLength(1)];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++) rho[k, j] = Math.Pow(10, log10Resistivity[k, j]);
        return new ResistivityModel(yEdgesM, zEdgesM, rho);
    }
}
