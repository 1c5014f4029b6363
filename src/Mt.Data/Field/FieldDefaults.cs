using Mt.Data.Experiments;
using Mt.Data.Geology;

namespace Mt.Data.Field;

/// <summary>The paper's network geometry and inversion settings (experiments/paper.json), used when no experiment is
/// given: 121 stations 0 to 600 km every 5 km, 60 frequencies log-spaced 1e-4 to 1e3 Hz, 60 depth cells to 180 km
/// (the first 100 m thick), error floors 5 % and 1.43 degrees, a 100 ohm-m start, resistivities of the training models
/// 5 to 5000 ohm-m.</summary>
public static class FieldDefaults
{
    /// <summary>The paper's station line.</summary>
    public static StationLine Stations { get; } = new() { Count = 121, StartM = 0, SpacingM = 5000 };

    /// <summary>The paper's depth cells.</summary>
    public static DepthGrid Depth { get; } = new() { Cells = 60, BottomM = 180_000, FirstThicknessM = 100 };

    /// <summary>The paper's frequencies.</summary>
    public static FrequencyGrid Frequencies { get; } = new() { MinHz = 1e-4, MaxHz = 1e3, Count = 60 };

    /// <summary>The paper's range of layer and anomaly resistivities (ohm-m), that of its training models.</summary>
    public static (double Min, double Max) ResistivityOhmM { get; } = (5, 5000);

    /// <summary>The paper's error floors: 5 % in apparent resistivity, 1.43 degrees in phase (2.5 % in impedance).</summary>
    public static ErrorFloors ErrorFloors { get; } = ErrorFloors.Of(0.05, 1.43);

    /// <summary>The paper's starting (and reference) half-space resistivity (ohm-m).</summary>
    public const double HalfSpaceResistivityOhmM = 100;

    /// <summary>The paper's network grid.</summary>
    public static ModelGrid NetworkGrid() => ModelGrid.Create(Stations, Depth, Frequencies);
}
