namespace Mt.Forward;

/// <summary>Settings of the computational mesh built for each frequency, and of the solver.</summary>
public sealed record ForwardOptions
{
    /// <summary>Smallest cell near the surface and near each interface, as a fraction of the local skin depth at the
    /// frequency being solved (cell = skin depth / this).</summary>
    public double CellsPerSkinDepth { get; init; } = 8;

    /// <summary>Largest ratio between neighbouring cell sizes in the earth.</summary>
    public double GrowthRatio { get; init; } = 1.2;

    /// <summary>The earth mesh reaches at least this many skin depths (of the most resistive column) below the surface,
    /// and the lateral padding this many skin depths beyond the model.</summary>
    public double PaddingSkinDepths { get; init; } = 5;

    /// <summary>Largest ratio between neighbouring cells in the padding and in the air.</summary>
    public double PaddingGrowthRatio { get; init; } = 1.5;

    /// <summary>Largest ratio between neighbouring air cells (TE).</summary>
    public double AirGrowthRatio { get; init; } = 2.5;

    /// <summary>The air reaches at least this high (m); it also reaches twice the model's width.</summary>
    public double MinAirHeightM { get; init; } = 300_000;

    /// <summary>Each model cell is split into at least this many lateral mesh cells (besides the station nodes).</summary>
    public int LateralSubdivisions { get; init; } = 1;

    /// <summary>Frequencies solved at once (0: one per processor).</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Default settings.</summary>
    public static ForwardOptions Default { get; } = new();
}
