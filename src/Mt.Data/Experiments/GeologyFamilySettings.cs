namespace Mt.Data.Experiments;

/// <summary>
/// The mixture of geology families of an experiment (<c>data.geology.families</c>): each family named here takes part
/// with its <see cref="FamilySettings.Weight"/> and its parameters (every parameter has a default, so
/// <c>"dikes": {}</c> is a dike family of weight 1). A family left out takes no part. Without this object an experiment
/// uses the paper's generator alone, as before the families existed.
/// </summary>
public sealed record GeologyFamilies
{
    /// <summary>The paper's layered models with anomalies, drawn from the ranges of <c>data.geology</c>.</summary>
    public PaperFamilySettings? Paper { get; init; }

    /// <summary>Gaussian random fields in log10 resistivity.</summary>
    public GaussianRandomFieldSettings? GaussianRandomField { get; init; }

    /// <summary>Smooth log10 resistivity against depth.</summary>
    public DepthTrendSettings? DepthTrend { get; init; }

    /// <summary>Vertical and dipping dikes in a layered background.</summary>
    public DikeSettings? Dikes { get; init; }

    /// <summary>Layers offset by faults.</summary>
    public FaultSettings? Faults { get; init; }

    /// <summary>Sedimentary basins with stepped floors in a resistive basement.</summary>
    public BasinSettings? Basins { get; init; }

    /// <summary>Thin conductive and resistive layers in a layered background.</summary>
    public ThinLayerSettings? ThinLayers { get; init; }
}

/// <summary>What every family's settings hold.</summary>
public abstract record FamilySettings
{
    /// <summary>Relative weight of the family in the mixture (&gt;= 0; the weights need not sum to 1).</summary>
    public double Weight { get; init; } = 1;

    /// <summary>The range [<paramref name="min"/>, <paramref name="max"/>] (for defaults).</summary>
    internal static Bounds<T> Range<T>(T min, T max) where T : struct, System.Numerics.INumber<T> => new() { Min = min, Max = max };
}

/// <summary>The paper's family: its parameters are the ranges of <c>data.geology</c>.</summary>
public sealed record PaperFamilySettings : FamilySettings;

/// <summary>The layered background a family draws its structures in.</summary>
public sealed record BackgroundSettings
{
    /// <summary>Number of layers (the deepest is the half-space).</summary>
    public Bounds<int> LayerCount { get; init; } = FamilySettings.Range(2, 5);

    /// <summary>Depths of the interfaces (m), log-uniform, snapped to the nearest grid edge.</summary>
    public Bounds<double> InterfaceDepthM { get; init; } = FamilySettings.Range(1000.0, 100000.0);

    /// <summary>Resistivity of a layer (ohm-m), log-uniform.</summary>
    public Bounds<double> ResistivityOhmM { get; init; } = FamilySettings.Range(3.0, 3000.0);
}

/// <summary>A Gaussian random field in log10 resistivity: white noise smoothed by Gaussian kernels, separately in y and z.</summary>
public sealed record GaussianRandomFieldSettings : FamilySettings
{
    /// <summary>Resistivities are clamped to this range (ohm-m, within 1 to 20000).</summary>
    public Bounds<double> ResistivityOhmM { get; init; } = Range(1.0, 20000.0);

    /// <summary>Mean of log10 resistivity, uniform.</summary>
    public Bounds<double> MeanLog10 { get; init; } = Range(1.0, 3.0);

    /// <summary>Standard deviation of log10 resistivity, uniform.</summary>
    public Bounds<double> StdLog10 { get; init; } = Range(0.3, 0.8);

    /// <summary>Lateral correlation length (m), log-uniform: the covariance at lag d is exp(-d^2 / (2 L^2)).</summary>
    public Bounds<double> LateralLengthM { get; init; } = Range(5000.0, 80000.0);

    /// <summary>Vertical correlation length (m), log-uniform, drawn independently of the lateral one (anisotropy).</summary>
    public Bounds<double> VerticalLengthM { get; init; } = Range(5000.0, 80000.0);
}

/// <summary>A smooth log10 resistivity against depth through random control points, optionally varying laterally.</summary>
public sealed record DepthTrendSettings : FamilySettings
{
    /// <summary>Resistivity at the control points, log-uniform (ohm-m, within 1 to 20000).</summary>
    public Bounds<double> ResistivityOhmM { get; init; } = Range(1.0, 20000.0);

    /// <summary>Number of control points, log-spaced in depth between the first cell and the grid bottom.</summary>
    public Bounds<int> ControlPoints { get; init; } = Range(3, 6);

    /// <summary>Probability that the trend varies laterally.</summary>
    public double LateralVariationProbability { get; init; } = 0.5;

    /// <summary>Amplitude of the lateral variation (log10 ohm-m), uniform.</summary>
    public Bounds<double> LateralAmplitudeLog10 { get; init; } = Range(0.1, 0.6);

    /// <summary>Correlation length of the lateral variation (m), log-uniform.</summary>
    public Bounds<double> LateralLengthM { get; init; } = Range(20000.0, 200000.0);
}

/// <summary>Dikes (vertical or dipping parallelograms) in a layered background.</summary>
public sealed record DikeSettings : FamilySettings
{
    /// <summary>The layered background.</summary>
    public BackgroundSettings Background { get; init; } = new();

    /// <summary>Number of dikes.</summary>
    public Bounds<int> Count { get; init; } = Range(1, 3);

    /// <summary>Horizontal width (m), log-uniform; at least a station spacing keeps a dike on the grid.</summary>
    public Bounds<double> WidthM { get; init; } = Range(5000.0, 20000.0);

    /// <summary>Depth of the top (m), uniform.</summary>
    public Bounds<double> TopDepthM { get; init; } = Range(0.0, 10000.0);

    /// <summary>Depth of the bottom (m), uniform.</summary>
    public Bounds<double> BottomDepthM { get; init; } = Range(20000.0, 150000.0);

    /// <summary>Probability that a dike is vertical; otherwise its dip is drawn from <see cref="DipDeg"/>.</summary>
    public double VerticalProbability { get; init; } = 0.4;

    /// <summary>Dip of a dipping dike from the horizontal (degrees), uniform.</summary>
    public Bounds<double> DipDeg { get; init; } = Range(30.0, 80.0);

    /// <summary>Probability that a dike is conductive; otherwise it is resistive.</summary>
    public double ConductiveProbability { get; init; } = 0.5;

    /// <summary>Resistivity of a conductive dike (ohm-m), log-uniform.</summary>
    public Bounds<double> ConductiveOhmM { get; init; } = Range(1.0, 30.0);

    /// <summary>Resistivity of a resistive dike (ohm-m), log-uniform.</summary>
    public Bounds<double> ResistiveOhmM { get; init; } = Range(2000.0, 20000.0);
}

/// <summary>Layers offset by faults: the layering on the hanging wall of a fault is shifted down (normal) or up
/// (reverse) by its throw.</summary>
public sealed record FaultSettings : FamilySettings
{
    /// <summary>The layered background.</summary>
    public BackgroundSettings Background { get; init; } = new() { LayerCount = Range(3, 6), InterfaceDepthM = Range(1000.0, 60000.0) }; // more, shallower layers: offsets show

    /// <summary>Number of faults.</summary>
    public Bounds<int> Count { get; init; } = Range(1, 3);

    /// <summary>Dip of a fault from the horizontal (degrees), uniform.</summary>
    public Bounds<double> DipDeg { get; init; } = Range(45.0, 90.0);

    /// <summary>Vertical throw (m), log-uniform.</summary>
    public Bounds<double> ThrowM { get; init; } = Range(2000.0, 15000.0);
}

/// <summary>A sedimentary basin: conductive sediments from the surface down to a stepped floor, in a resistive basement.</summary>
public sealed record BasinSettings : FamilySettings
{
    /// <summary>Resistivity of the sediments (ohm-m), log-uniform.</summary>
    public Bounds<double> SedimentOhmM { get; init; } = Range(1.0, 50.0);

    /// <summary>Resistivity of the basement (ohm-m), log-uniform.</summary>
    public Bounds<double> BasementOhmM { get; init; } = Range(500.0, 20000.0);

    /// <summary>Width of the basin (m), uniform.</summary>
    public Bounds<double> WidthM { get; init; } = Range(60000.0, 400000.0);

    /// <summary>Number of steps of the floor on each flank.</summary>
    public Bounds<int> Steps { get; init; } = Range(2, 5);

    /// <summary>Depth of the deepest floor (m), log-uniform; the steps up from it are shallower.</summary>
    public Bounds<double> MaxDepthM { get; init; } = Range(2000.0, 12000.0);

    /// <summary>Number of sediment layers (resistivity increasing with depth).</summary>
    public Bounds<int> SedimentLayers { get; init; } = Range(1, 3);
}

/// <summary>Thin conductive and resistive layers, snapped to grid edges, in a layered background.</summary>
public sealed record ThinLayerSettings : FamilySettings
{
    /// <summary>The layered background.</summary>
    public BackgroundSettings Background { get; init; } = new() { ResistivityOhmM = Range(10.0, 1000.0) }; // between the thin layers' ranges

    /// <summary>Number of thin layers.</summary>
    public Bounds<int> Count { get; init; } = Range(1, 4);

    /// <summary>Thickness of a thin layer (m): its top and bottom are grid edges this far apart.</summary>
    public Bounds<double> ThicknessM { get; init; } = Range(500.0, 3000.0);

    /// <summary>Depth of a thin layer's top (m).</summary>
    public Bounds<double> TopDepthM { get; init; } = Range(200.0, 30000.0);

    /// <summary>Probability that a thin layer is conductive; otherwise it is resistive.</summary>
    public double ConductiveProbability { get; init; } = 0.5;

    /// <summary>Resistivity of a conductive thin layer (ohm-m), log-uniform.</summary>
    public Bounds<double> ConductiveOhmM { get; init; } = Range(1.0, 10.0);

    /// <summary>Resistivity of a resistive thin layer (ohm-m), log-uniform.</summary>
    public Bounds<double> ResistiveOhmM { get; init; } = Range(2000.0, 20000.0);
}
