using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>One fault: a plane through (<see cref="SurfaceYM"/>, 0) dipping at <see cref="DipDeg"/> towards
/// <see cref="DipDirection"/> (+1: towards larger y); the hanging wall (the side it dips towards) moves down by
/// <see cref="ThrowM"/> (negative: up, a reverse fault).</summary>
/// <param name="SurfaceYM">Where the fault meets the surface (m).</param>
/// <param name="DipDeg">Dip from the horizontal (degrees).</param>
/// <param name="DipDirection">+1 or -1.</param>
/// <param name="ThrowM">Vertical offset of the hanging wall (m), positive down.</param>
public sealed record Fault(double SurfaceYM, double DipDeg, int DipDirection, double ThrowM)
{
    /// <summary>Whether (<paramref name="yM"/>, <paramref name="zM"/>) lies on the hanging wall.</summary>
    public bool OnHangingWall(double yM, double zM)
    {
        double planeY = SurfaceYM + DipDirection * zM / Math.Tan(DipDeg * Math.PI / 180);
        return DipDirection * (yM - planeY) > 0;
    }
}

/// <summary>The draws of one faulted model.</summary>
/// <param name="Layers">The layering before faulting.</param>
/// <param name="Faults">The faults.</param>
public sealed record FaultSection(IReadOnlyList<Layer> Layers, IReadOnlyList<Fault> Faults);

/// <summary>
/// A layered background (<see cref="LayeredBackground"/>) offset by faults. A cell at depth z (its centre) takes the
/// layer of depth z - sum of the throws of the faults whose hanging wall it lies on. Per fault, in order: the surface
/// position (uniform over the middle 80 % of the line), the dip, its direction, the throw (log-uniform) and its sign
/// (normal or reverse).
/// </summary>
public sealed class FaultFamily(ModelGrid grid, long experimentSeed, FaultSettings settings) : DrawnFamily<FaultSection>(grid, experimentSeed)
{
    private readonly LayeredBackground _background = new(grid, settings.Background);

    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.Faults;

    /// <inheritdoc />
    protected override FaultSection Draw(Random random)
    {
        Layer[] layers = _background.Draw(random);
        double first = Grid.StationYM[0], length = Grid.StationYM[^1] - first;
        var middle = new Bounds<double> { Min = first + 0.1 * length, Max = first + 0.9 * length };
        var faults = new Fault[Draws.Integer(random, settings.Count)];
        for (int f = 0; f < faults.Length; f++)
        {
            double y = Draws.Uniform(random, middle);
            double dip = Draws.Uniform(random, settings.DipDeg);
            int direction = Draws.Sign(random);
            double throwM = Draws.LogUniform(random, settings.ThrowM);
            faults[f] = new Fault(y, dip, direction, Draws.Sign(random) * throwM);
        }

        return new FaultSection(layers, faults);
    }

    /// <inheritdoc />
    public override double[,] Rasterise(FaultSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var resistivity = new double[Grid.Nz, Grid.Ny];
        for (int k = 0; k < Grid.Nz; k++)
            for (int j = 0; j < Grid.Ny; j++)
            {
                double y = Grid.CellCentreYM(j), z = Grid.CellCentreZM(k);
                double restored = z - section.Faults.Where(f => f.OnHangingWall(y, z)).Sum(f => f.ThrowM);
                resistivity[k, j] = section.Layers.Last(l => l.TopDepthM <= restored || l.TopDepthM == 0).ResistivityOhmM;
            }

        return resistivity;
    }
}
