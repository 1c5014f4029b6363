namespace Mt.Forward;

/// <summary>2D magnetotelluric forward modelling of TE and TM responses.</summary>
public static class Forward2D
{
    /// <summary>Computes the impedances at <paramref name="stationsM"/> (lateral positions on the surface, inside the
    /// model's lateral extent) for each frequency and mode.</summary>
    public static ForwardResponse Compute(ResistivityModel model, double[] stationsM, double[] frequenciesHz,
        IReadOnlyList<Mode> modes, ForwardOptions? options = null) =>
        throw new NotImplementedException("the solver is being written");
}
