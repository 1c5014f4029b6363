namespace Mt.Reporting;

/// <summary>
/// One row of the training-set figure: a resistivity model on its mesh and the responses of ONE mode (TE or TM)
/// at its stations.
/// </summary>
/// <param name="Title">Shown above the row's panels (e.g. "Sample 17, TE").</param>
/// <param name="YEdgesM">Lateral cell edges in metres, strictly increasing, length ny + 1.</param>
/// <param name="ZEdgesM">Depth cell edges in metres (positive down), strictly increasing, length nz + 1.</param>
/// <param name="Log10Resistivity">log10 of the cell resistivity in ohm-m, [nz, ny] (row = depth).</param>
/// <param name="StationsM">Station lateral positions in metres, strictly increasing, length ns.</param>
/// <param name="FrequenciesHz">Frequencies in Hz, positive and strictly ascending, length nf.</param>
/// <param name="Log10RhoApp">log10 of the apparent resistivity in ohm-m, [nf, ns].</param>
/// <param name="PhaseDeg">Impedance phase in degrees, [nf, ns].</param>
public sealed record FigureSample(
    string Title,
    double[] YEdgesM,
    double[] ZEdgesM,
    double[,] Log10Resistivity,
    double[] StationsM,
    double[] FrequenciesHz,
    double[,] Log10RhoApp,
    double[,] PhaseDeg);

/// <summary>A closed value range [Min, Max] for a colour scale.</summary>
/// <param name="Min">Value drawn with the first colour of the map.</param>
/// <param name="Max">Value drawn with the last colour of the map; greater than <paramref name="Min"/>.</param>
public readonly record struct ValueRange(double Min, double Max);

/// <summary>Settings of <see cref="TrainingSetFigure"/>; every member has a default.</summary>
public sealed record TrainingSetFigureOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 1800;

    /// <summary>Image height in pixels; by default 420 per sample row.</summary>
    public int? Height { get; init; }

    /// <summary>
    /// Shared colour range of the model panels in log10(ohm-m); by default the range of all samples' models.
    /// The paper's figure uses 0.7..3.7 (5 to 5000 ohm-m).
    /// </summary>
    public ValueRange? Log10ResistivityRange { get; init; }

    /// <summary>Shared colour range of the apparent-resistivity panels in log10(ohm-m); by default from the data.</summary>
    public ValueRange? Log10RhoAppRange { get; init; }

    /// <summary>Shared colour range of the phase panels in degrees; by default from the data.</summary>
    public ValueRange? PhaseRangeDeg { get; init; }

    /// <summary>Deepest depth shown in the model panels, in km; by default the bottom of the deepest mesh.</summary>
    public double? MaxDepthKm { get; init; }
}
