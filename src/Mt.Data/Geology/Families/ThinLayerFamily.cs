using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>One thin layer between depth edges <see cref="TopEdge"/> and <see cref="BottomEdge"/> of the grid.</summary>
/// <param name="TopEdge">Index of its top edge.</param>
/// <param name="BottomEdge">Index of its bottom edge.</param>
/// <param name="TopDepthM">Depth of its top (m).</param>
/// <param name="ThicknessM">Thickness (m).</param>
/// <param name="ResistivityOhmM">Resistivity (ohm-m).</param>
/// <param name="Conductive">Conductive (else resistive).</param>
public sealed record ThinLayer(int TopEdge, int BottomEdge, double TopDepthM, double ThicknessM, double ResistivityOhmM, bool Conductive);

/// <summary>The draws of one thin-layer model.</summary>
/// <param name="Layers">Background layers.</param>
/// <param name="ThinLayers">Thin layers, in drawing order.</param>
public sealed record ThinLayerSection(IReadOnlyList<Layer> Layers, IReadOnlyList<ThinLayer> ThinLayers);

/// <summary>
/// Thin conductive and resistive layers in a layered background (<see cref="LayeredBackground"/>). A thin layer's top
/// and bottom are grid edges, so its thickness on the grid is exactly its drawn thickness: the candidates are the
/// edge pairs (top, bottom) with the top depth in <c>top_depth_m</c> and bottom - top in <c>thickness_m</c>; each
/// layer is drawn uniformly among the candidates at least one cell away from the layers drawn before (so no two
/// merge), and drawing stops early when none is left. Per layer, in order: the candidate, conductive or resistive, its
/// resistivity.
/// </summary>
public sealed class ThinLayerFamily : DrawnFamily<ThinLayerSection>
{
    private readonly ThinLayerSettings _settings;
    private readonly LayeredBackground _background;
    private readonly (int Top, int Bottom)[] _candidates;

    /// <summary>Creates the family; throws <see cref="ArgumentException"/> if no edge pair of the grid fits the
    /// thickness and depth ranges.</summary>
    public ThinLayerFamily(ModelGrid grid, long experimentSeed, ThinLayerSettings settings) : base(grid, experimentSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _background = new LayeredBackground(grid, settings.Background);
        _candidates = Candidates(grid, settings);
        if (_candidates.Length == 0)
            throw new ArgumentException("no pair of grid edges has its top in top_depth_m and its distance in thickness_m");
    }

    /// <summary>The edge pairs a thin layer can take on <paramref name="grid"/>.</summary>
    public static (int Top, int Bottom)[] Candidates(ModelGrid grid, ThinLayerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(settings);
        var pairs = new List<(int, int)>();
        for (int top = 0; top < grid.Nz; top++)
        {
            if (grid.ZEdgesM[top] < settings.TopDepthM.Min || grid.ZEdgesM[top] > settings.TopDepthM.Max) continue;
            for (int bottom = top + 1; bottom <= grid.Nz; bottom++)
            {
                double thickness = grid.ZEdgesM[bottom] - grid.ZEdgesM[top];
                if (thickness > settings.ThicknessM.Max) break;
                if (thickness >= settings.ThicknessM.Min) pairs.Add((top, bottom));
            }
        }

        return [.. pairs];
    }

    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.ThinLayers;

    /// <inheritdoc />
    protected override ThinLayerSection Draw(Random random)
    {
        Layer[] layers = _background.Draw(random);
        int count = Draws.Integer(random, _settings.Count);
        var thin = new List<ThinLayer>();
        for (int t = 0; t < count; t++)
        {
            (int Top, int Bottom)[] free = [.. _candidates.Where(c => thin.All(l => c.Bottom < l.TopEdge || c.Top > l.BottomEdge))];
            if (free.Length == 0) break;
            (int top, int bottom) = free[Draws.Integer(random, new Bounds<int> { Min = 0, Max = free.Length - 1 })];
            bool conductive = Draws.Chance(random, _settings.ConductiveProbability);
            double resistivity = Draws.LogUniform(random, conductive ? _settings.ConductiveOhmM : _settings.ResistiveOhmM);
            thin.Add(new ThinLayer(top, bottom, Grid.ZEdgesM[top], Grid.ZEdgesM[bottom] - Grid.ZEdgesM[top], resistivity, conductive));
        }

        return new ThinLayerSection(layers, thin);
    }

    /// <inheritdoc />
    public override double[,] Rasterise(ThinLayerSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        double[,] resistivity = LayeredBackground.Fill(Grid, section.Layers);
        foreach (ThinLayer layer in section.ThinLayers)
            for (int k = layer.TopEdge; k < layer.BottomEdge; k++)
                for (int j = 0; j < Grid.Ny; j++) resistivity[k, j] = layer.ResistivityOhmM;
        return resistivity;
    }
}
