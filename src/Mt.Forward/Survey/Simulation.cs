namespace Mt.Forward;

/// <summary>
/// The predicted data of a model: the 2D forward engine (<see cref="Forward2D"/>, meshes built for the model at each
/// frequency and mode) at a survey's stations and frequencies, as the survey's data vector. This is the one way from a
/// model to predicted data for data generation, evaluation, figures and the final response of an inversion; an
/// inversion's own iterations use the differentiable fixed-mesh simulation of Mt.Inversion.
/// </summary>
/// <param name="survey">What is measured.</param>
/// <param name="options">Mesh and solver settings (null: the defaults).</param>
public sealed class Simulation(Survey survey, ForwardOptions? options = null)
{
    /// <summary>What is measured.</summary>
    public Survey Survey { get; } = survey ?? throw new ArgumentNullException(nameof(survey));

    /// <summary>Mesh and solver settings.</summary>
    public ForwardOptions Options { get; } = options ?? ForwardOptions.Default;

    /// <summary>The impedances of <paramref name="model"/> at every station and frequency of the survey, in its modes.</summary>
    public ForwardResponse Response(ResistivityModel model) =>
        Forward2D.Compute(model, Survey.StationsM, Survey.FrequenciesHz, Survey.Modes, Options);

    /// <summary>The predicted data vector of <paramref name="model"/> (the survey's order).</summary>
    public double[] Dpred(ResistivityModel model) => Survey.DataVector(Response(model));
}
