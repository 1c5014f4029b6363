namespace Mt.Forward;

/// <summary>Settings of the computational mesh built for each frequency, and of the solver.</summary>
public sealed record ForwardOptions
{
    /// <summary>Smallest cell near the surface and near each interface, as a fraction of the local skin depth at the
    /// frequency being solved (cell = skin depth / this).</summary>
    public double CellsPerSkinDepth { get; init; } = 6;

    /// <summary>The first cell below the surface is the surface skin depth divided by this (the mesh grades from it).</summary>
    public double SurfaceCellsPerSkinDepth { get; init; } = 16;

    /// <summary>TM only: growth of the cell size away from the surface and from each interface, starting from the
    /// thinner neighbouring model row (the galvanic TM field varies on the scale of the geometry).</summary>
    public double InterfaceGrowthRatio { get; init; } = 1.5;

    /// <summary>TM only: the cells at the surface and at each interface are the thinner neighbouring model row divided
    /// by this.</summary>
    public double InterfaceCellsPerRow { get; init; } = 1;

    /// <summary>Largest ratio between neighbouring cell sizes in the earth.</summary>
    public double GrowthRatio { get; init; } = 1.25;

    /// <summary>The earth mesh reaches at least this many skin depths (of the most resistive column) below the surface,
    /// and the lateral padding this many skin depths beyond the model.</summary>
    public double PaddingSkinDepths { get; init; } = 4;

    /// <summary>Largest ratio between neighbouring cells in the padding and in the air.</summary>
    public double PaddingGrowthRatio { get; init; } = 2;

    /// <summary>Largest ratio between neighbouring air cells (TE).</summary>
    public double AirGrowthRatio { get; init; } = 2.5;

    /// <summary>The air reaches at least this high (m); it also reaches twice the model's width.</summary>
    public double MinAirHeightM { get; init; } = 300_000;

    /// <summary>At a vertical contact (a model edge across which the resistivity changes) the lateral spacing is the
    /// smallest skin depth next to it divided by this, but at most w/4 and at least w/2^(MaxContactRefinement+1)
    /// (w: the narrower neighbouring cell); it grows away from the contact by <see cref="LateralGrowthRatio"/>.</summary>
    public double LateralCellsPerSkinDepth { get; init; } = 3;

    /// <summary>In TM the spacing at a contact is also at most w/2^(ContactRefinement+1): the TM field is galvanic
    /// there and varies on the scale of the geometry, whatever the frequency.</summary>
    public int ContactRefinement { get; init; } = 3;

    /// <summary>Bound on the halvings of the spacing at a contact (see <see cref="LateralCellsPerSkinDepth"/>).</summary>
    public int MaxContactRefinement { get; init; } = 3;

    /// <summary>Growth of the lateral target spacing away from a contact.</summary>
    public double LateralGrowthRatio { get; init; } = 1.5;

    /// <summary>Make every model edge a node, also those across which the resistivity does not change (by default
    /// those are dropped: the cells on both sides are the same material).</summary>
    public bool KeepAllModelEdges { get; init; }

    /// <summary>Grade the lateral spacing towards vertical contacts (see <see cref="LateralCellsPerSkinDepth"/>). An
    /// inversion turns it off: its models change in every cell, so every edge would be a contact.</summary>
    public bool LateralContactGrading { get; init; } = true;

    /// <summary>Each model cell is split into at least this many lateral mesh cells (besides the station nodes).</summary>
    public int LateralSubdivisions { get; init; } = 1;

    /// <summary>Frequencies solved at once (0: one per processor).</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Full lateral grading (see <see cref="LateralCellsPerSkinDepth"/>) only at a contact whose resistivity
    /// ratio across it (the largest over the rows it grades for) is at least this; at a weaker contact the spacing is
    /// w/2^<see cref="WeakContactHalvings"/> (on a smooth model every column edge is such a contact). 1 grades every
    /// contact fully.</summary>
    public double ContactRatioThreshold { get; init; } = 2;

    /// <summary>Halvings of the spacing at a weak contact (see <see cref="ContactRatioThreshold"/>).</summary>
    public int WeakContactHalvings { get; init; } = 2;

    /// <summary>A contact is graded for only the rows that the field reaches at the frequency (the attenuation at the
    /// top of the row, in skin depths, below <see cref="PaddingSkinDepths"/> on one side of the edge at least); a change
    /// deeper down is still a node but no contact.</summary>
    public bool ContactsWithinReach { get; init; } = true;

    /// <summary>A contact is graded only if a station lies within this many skin depths (of the more resistive side) of
    /// it; infinity grades every contact.</summary>
    public double ContactStationSkinDepths { get; init; } = 4;

    /// <summary>TM only: the geometric grading at a depth edge (see <see cref="InterfaceCellsPerRow"/>) only where the
    /// resistivity ratio across it is at least this in some column the field reaches; a weaker interface (every row edge
    /// of a smooth model) is graded by the skin depth alone. 1 grades every interface.</summary>
    public double InterfaceRatioThreshold { get; init; } = 2;

    /// <summary>Default settings.</summary>
    public static ForwardOptions Default { get; } = new();

    /// <summary>The default mesh before the contact rules (every contact graded fully, whatever its ratio, depth or
    /// distance from the stations): the reference of the benchmark's before/after.</summary>
    public static ForwardOptions EveryContact { get; } = new()
    {
        ContactRatioThreshold = 1, InterfaceRatioThreshold = 1, ContactsWithinReach = false, ContactStationSkinDepths = double.PositiveInfinity,
    };

    /// <summary>A refined mesh to measure the default against: every model edge a node, columns split in four, twice
    /// the cells per skin depth, growth ratios halved towards 1, every contact graded fully.</summary>
    public static ForwardOptions Refined { get; } = EveryContact with
    {
        CellsPerSkinDepth = 12, SurfaceCellsPerSkinDepth = 32, GrowthRatio = 1.125, InterfaceGrowthRatio = 1.25,
        LateralSubdivisions = 4, KeepAllModelEdges = true,
    };
}
