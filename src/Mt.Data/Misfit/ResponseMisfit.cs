using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Data.Misfit;

/// <summary>The data RMS misfit of a model: its responses by the forward engine (<see cref="Simulation"/>, on the
/// model's own adaptive meshes) against observed data (<see cref="DataMisfit"/>). The evaluation's data RMS and the
/// network's physics check.</summary>
public static class ResponseMisfit
{
    /// <summary>The modes every method's data misfit is measured in: TE and TM.</summary>
    public static IReadOnlyList<Mode> Modes { get; } = [Mode.TE, Mode.TM];

    /// <summary>The normalised RMS misfit of <paramref name="model"/>'s predicted data against the observed data of
    /// <paramref name="misfit"/>.</summary>
    public static double DataRms(ResistivityModel model, DataMisfit misfit, ForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(misfit);
        return misfit.Rms(new Simulation(misfit.Data.Survey, options).Dpred(model));
    }

    /// <summary>The data RMS of the log10-resistivity section <paramref name="log10"/> (on the data set's grid) against
    /// sample <paramref name="index"/> of <paramref name="observed"/> in TE and TM, under <paramref name="floors"/>
    /// raised to the data set's noise level.</summary>
    public static double SampleRms(DataSet observed, int index, double[,] log10, ErrorFloors floors, ForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(log10);
        return DataRms(ResistivityModel.FromLog10(observed.YEdgesM, observed.ZEdgesM, log10),
            new DataMisfit(Observations.FromSample(observed, index, Modes, floors)), options);
    }
}
