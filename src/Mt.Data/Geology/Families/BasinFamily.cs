using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>One step of a basin floor: between <see cref="LeftYM"/> and <see cref="RightYM"/> the sediments reach at
/// least <see cref="DepthM"/>.</summary>
/// <param name="LeftYM">Left end (m).</param>
/// <param name="RightYM">Right end (m).</param>
/// <param name="DepthM">Floor depth (m).</param>
public sealed record BasinStep(double LeftYM, double RightYM, double DepthM);

/// <summary>The draws of one basin model.</summary>
/// <param name="BasementOhmM">Resistivity of the basement (ohm-m).</param>
/// <param name="Sediments">Sediment layers, top down (tops from 0), resistivity increasing with depth.</param>
/// <param name="Steps">Floor steps from the outermost (widest, shallowest) to the innermost (deepest).</param>
public sealed record BasinSection(double BasementOhmM, IReadOnlyList<Layer> Sediments, IReadOnlyList<BasinStep> Steps)
{
    /// <summary>Depth of the floor at <paramref name="yM"/> (m): that of the deepest step over it, 0 outside the basin.</summary>
    public double FloorDepthM(double yM) => Steps.Where(s => s.LeftYM <= yM && yM <= s.RightYM).Select(s => s.DepthM).DefaultIfEmpty(0).Max();
}

/// <summary>
/// A sedimentary basin in a resistive basement: sediments from the surface down to a floor that deepens in steps
/// towards the basin's inner part. Draws, in order: basement resistivity, sediment layer count and resistivities
/// (sorted ascending, so resistivity grows with depth), the basin width and centre (its middle on the line), the step
/// count n, the deepest floor D, then per step i = 1..n-1 (from the outside) its depth (uniform in (0.15 D, D), sorted)
/// and how far its ends move in from the previous step's (each flank a uniform fraction of the remaining half-width
/// over the steps left), then the sediment interfaces (uniform in (0, D), sorted). A cell is sediment when its centre
/// lies above the floor of its column.
/// </summary>
public sealed class BasinFamily(ModelGrid grid, long experimentSeed, BasinSettings settings) : DrawnFamily<BasinSection>(grid, experimentSeed)
{
    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.Basins;

    /// <inheritdoc />
    protected override BasinSection Draw(Random random)
    {
        double basement = Draws.LogUniform(random, settings.BasementOhmM);
        int sedimentCount = Draws.Integer(random, settings.SedimentLayers);
        double[] sedimentOhmM = [.. Enumerable.Range(0, sedimentCount).Select(_ => Draws.LogUniform(random, settings.SedimentOhmM)).Order()];
        double width = Draws.Uniform(random, settings.WidthM);
        double first = Grid.StationYM[0], last = Grid.StationYM[^1];
        double halfSpan = Math.Min(width / 2, (last - first) / 2);
        double centre = Draws.Uniform(random, new Bounds<double> { Min = first + halfSpan, Max = last - halfSpan });
        int n = Draws.Integer(random, settings.Steps);
        double deepest = Draws.LogUniform(random, settings.MaxDepthM);
        double[] depths = [.. Enumerable.Range(0, n - 1).Select(_ => Draws.Uniform(random, new Bounds<double> { Min = 0.15 * deepest, Max = deepest })).Order().Append(deepest)];
        var steps = new BasinStep[n];
        double left = centre - halfSpan, right = centre + halfSpan;
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                // Each flank moves in by a share of what is left of it, leaving the innermost step some width.
                left += Draws.Uniform(random, new Bounds<double> { Min = 0.3, Max = 1 }) * (centre - left) / (n - i + 1);
                right -= Draws.Uniform(random, new Bounds<double> { Min = 0.3, Max = 1 }) * (right - centre) / (n - i + 1);
            }

            steps[i] = new BasinStep(left, right, depths[i]);
        }

        double[] tops = [0, .. Enumerable.Range(0, sedimentCount - 1).Select(_ => Draws.Uniform(random, new Bounds<double> { Min = 0, Max = deepest })).Order()];
        return new BasinSection(basement, [.. tops.Zip(sedimentOhmM, (t, r) => new Layer(t, r))], steps);
    }

    /// <inheritdoc />
    public override double[,] Rasterise(BasinSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var resistivity = new double[Grid.Nz, Grid.Ny];
        for (int j = 0; j < Grid.Ny; j++)
        {
            double floor = section.FloorDepthM(Grid.CellCentreYM(j));
            for (int k = 0; k < Grid.Nz; k++)
            {
                double z = Grid.CellCentreZM(k);
                resistivity[k, j] = z < floor ? section.Sediments.Last(l => l.TopDepthM <= z).ResistivityOhmM : section.BasementOhmM;
            }
        }

        return resistivity;
    }
}
