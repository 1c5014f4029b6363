using Mt.Forward;

namespace Mt.Evaluation.Metrics;

/// <summary>The data RMS misfit of a model: its responses by the forward engine (<see cref="Simulation"/>, on the
/// model's own adaptive meshes) against observed data (<see cref="DataMisfit"/>).</summary>
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
}
