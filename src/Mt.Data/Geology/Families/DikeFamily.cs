using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>One dike.</summary>
/// <param name="Shape">Its outline: a parallelogram with horizontal top and bottom of the dike's width.</param>
/// <param name="ResistivityOhmM">Resistivity (ohm-m).</param>
/// <param name="DipDeg">Dip from the horizontal (90: vertical).</param>
/// <param name="Conductive">Conductive (else resistive).</param>
public sealed record Dike(PolygonShape Shape, double ResistivityOhmM, double DipDeg, bool Conductive);

/// <summary>The draws of one dike model.</summary>
/// <param name="Layers">Background layers.</param>
/// <param name="Dikes">Dikes in painting order.</param>
public sealed record DikeSection(IReadOnlyList<Layer> Layers, IReadOnlyList<Dike> Dikes);

/// <summary>
/// Dikes in a layered background (<see cref="LayeredBackground"/>). Per dike, in order: conductive or resistive, its
/// resistivity, width, top and bottom depth, the lateral centre of its top (uniform between the first and last
/// station), vertical or not, then the dip and its direction. A dipping dike's bottom edge is offset from its top by
/// (bottom - top) / tan(dip). Cells take a dike's resistivity when their centre lies inside it (later dikes cover
/// earlier ones).
/// </summary>
public sealed class DikeFamily(ModelGrid grid, long experimentSeed, DikeSettings settings) : DrawnFamily<DikeSection>(grid, experimentSeed)
{
    private readonly LayeredBackground _background = new(grid, settings.Background);

    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.Dikes;

    /// <inheritdoc />
    protected override DikeSection Draw(Random random)
    {
        Layer[] layers = _background.Draw(random);
        var dikes = new Dike[Draws.Integer(random, settings.Count)];
        for (int d = 0; d < dikes.Length; d++)
        {
            bool conductive = Draws.Chance(random, settings.ConductiveProbability);
            double resistivity = Draws.LogUniform(random, conductive ? settings.ConductiveOhmM : settings.ResistiveOhmM);
            double width = Draws.LogUniform(random, settings.WidthM);
            double top = Draws.Uniform(random, settings.TopDepthM);
            double bottom = Math.Max(top + width, Draws.Uniform(random, settings.BottomDepthM));
            double centre = Draws.Uniform(random, new Bounds<double> { Min = Grid.StationYM[0], Max = Grid.StationYM[^1] });
            double dip = Draws.Chance(random, settings.VerticalProbability) ? 90 : Draws.Uniform(random, settings.DipDeg);
            double offset = dip == 90 ? 0 : Draws.Sign(random) * (bottom - top) / Math.Tan(dip * Math.PI / 180);
            var shape = new PolygonShape(ShapeKind.DippingBody,
            [
                new(centre - width / 2, top), new(centre + width / 2, top),
                new(centre + width / 2 + offset, bottom), new(centre - width / 2 + offset, bottom),
            ]);
            dikes[d] = new Dike(shape, resistivity, dip, conductive);
        }

        return new DikeSection(layers, dikes);
    }

    /// <inheritdoc />
    public override double[,] Rasterise(DikeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        double[,] resistivity = LayeredBackground.Fill(Grid, section.Layers);
        foreach (Dike dike in section.Dikes) LayeredBackground.Paint(Grid, resistivity, dike.Shape, dike.ResistivityOhmM);
        return resistivity;
    }
}
