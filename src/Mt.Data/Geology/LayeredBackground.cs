using Mt.Data.Experiments;

namespace Mt.Data.Geology;

/// <summary>
/// Horizontal layers drawn as the paper does: the layer count uniform in <c>layerCount</c>, then distinct interfaces,
/// each a depth log-uniform in <c>interfaceDepthM</c> snapped to the grid edge nearest in log depth (among the inner
/// edges inside that range), redrawn if that edge is taken, then one log-uniform resistivity per layer, top down.
/// </summary>
public sealed class LayeredBackground
{
    private readonly ModelGrid _grid;
    private readonly Bounds<int> _layerCount;
    private readonly Bounds<double> _interfaceDepthM;
    private readonly Bounds<double> _resistivityOhmM;
    private readonly int[] _interfaceEdges;

    /// <summary>Creates the draw; throws <see cref="ArgumentException"/> if the depth range holds too few grid edges
    /// for the largest layer count.</summary>
    public LayeredBackground(ModelGrid grid, Bounds<int> layerCount, Bounds<double> interfaceDepthM, Bounds<double> resistivityOhmM)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(layerCount);
        ArgumentNullException.ThrowIfNull(interfaceDepthM);
        ArgumentNullException.ThrowIfNull(resistivityOhmM);
        _grid = grid;
        _interfaceDepthM = interfaceDepthM;
        _layerCount = layerCount;
        _resistivityOhmM = resistivityOhmM;
        _interfaceEdges = grid.InnerZEdgeIndices(interfaceDepthM);
        if (_interfaceEdges.Length < layerCount.Max - 1)
            throw new ArgumentException(
                $"interface_depth_m holds {_interfaceEdges.Length} grid edges; {layerCount.Max} layers need {layerCount.Max - 1}");
    }

    /// <summary>The draw of a family's background settings.</summary>
    public LayeredBackground(ModelGrid grid, BackgroundSettings settings)
        : this(grid, settings?.LayerCount!, settings?.InterfaceDepthM!, settings?.ResistivityOhmM!)
    {
    }

    /// <summary>The layers of one model, top down, the first at depth 0.</summary>
    public Layer[] Draw(Random random)
    {
        int count = Draws.Integer(random, _layerCount);
        var tops = new SortedSet<int> { 0 };
        while (tops.Count < count)
            tops.Add(NearestInLog(Draws.LogUniform(random, _interfaceDepthM)));
        return tops.Select(k => new Layer(_grid.ZEdgesM[k], Draws.LogUniform(random, _resistivityOhmM))).ToArray();
    }

    private int NearestInLog(double depthM)
    {
        double logDepth = Math.Log(depthM);
        return _interfaceEdges.MinBy(k => Math.Abs(Math.Log(_grid.ZEdgesM[k]) - logDepth));
    }

    /// <summary>The nz x ny resistivities of <paramref name="layers"/>: a cell takes the layer its top edge lies in.</summary>
    public static double[,] Fill(ModelGrid grid, IReadOnlyList<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(layers);
        var resistivity = new double[grid.Nz, grid.Ny];
        int layer = 0;
        for (int k = 0; k < grid.Nz; k++)
        {
            while (layer + 1 < layers.Count && layers[layer + 1].TopDepthM <= grid.ZEdgesM[k]) layer++;
            for (int j = 0; j < grid.Ny; j++) resistivity[k, j] = layers[layer].ResistivityOhmM;
        }

        return resistivity;
    }

    /// <summary>Sets the cells of <paramref name="resistivity"/> whose centres lie inside <paramref name="shape"/>.</summary>
    public static void Paint(ModelGrid grid, double[,] resistivity, Shape shape, double resistivityOhmM)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(resistivity);
        ArgumentNullException.ThrowIfNull(shape);
        for (int k = 0; k < grid.Nz; k++)
            for (int j = 0; j < grid.Ny; j++)
                if (shape.Contains(grid.CellCentreYM(j), grid.CellCentreZM(k)))
                    resistivity[k, j] = resistivityOhmM;
    }
}
