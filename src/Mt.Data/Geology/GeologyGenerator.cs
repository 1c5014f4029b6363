using Mt.Data.Datasets;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Mt.Data.Experiments;
using Mt.Forward;

namespace Mt.Data.Geology;

/// <summary>A horizontal background layer, from <see cref="TopDepthM"/> down to the next layer's top (the last one is the half-space).</summary>
/// <param name="TopDepthM">Depth of the top (m), a grid edge; 0 for the first layer.</param>
/// <param name="ResistivityOhmM">Resistivity (ohm-m).</param>
public sealed record Layer(double TopDepthM, double ResistivityOhmM);

/// <summary>A body of uniform resistivity painted over the background.</summary>
/// <param name="Shape">Its outline.</param>
/// <param name="ResistivityOhmM">Resistivity (ohm-m).</param>
public sealed record Anomaly(Shape Shape, double ResistivityOhmM);

/// <summary>One generated model with the random choices it was built from.</summary>
/// <param name="Split">Data set.</param>
/// <param name="Index">Index in the data set.</param>
/// <param name="Layers">Background layers, top down.</param>
/// <param name="Anomalies">Anomalies in painting order (later ones cover earlier ones).</param>
/// <param name="Model">The rasterised resistivity model.</param>
public sealed record GeologySample(DataSplit Split, int Index, IReadOnlyList<Layer> Layers, IReadOnlyList<Anomaly> Anomalies, ResistivityModel Model);

/// <summary>
/// Draws random layered models with anomalies. Sample i of a split uses its own <see cref="Xoshiro256StarStar"/> seeded
/// by <see cref="SampleSeed"/>, and draws, in this order:
/// <list type="number">
/// <item>the layer count L, uniform in <c>layer_count</c>;</item>
/// <item>L-1 distinct interfaces: a depth log-uniform in <c>interface_depth_m</c> snapped to the grid edge nearest in
/// log depth (among the edges inside that range, excluding the surface and the bottom), redrawn if that edge is taken;</item>
/// <item>L layer resistivities, log-uniform in <c>resistivity_ohm_m</c>;</item>
/// <item>the anomaly count, uniform in <c>anomaly_count</c>, then per anomaly: kind (uniform over <c>shape_kinds</c>),
/// resistivity (log-uniform), width and height (log-uniform), top depth (uniform), centre y (uniform between the first
/// and last station), then the kind's own draws: the dip (uniform in <c>dip_deg</c>) and its direction for a dipping
/// body; the vertex count (uniform in <c>polygon_vertices</c>), then per vertex an angle jitter and a radius for a polygon.</item>
/// </list>
/// Shapes are rasterised by cell-centre inclusion: a cell takes an anomaly's resistivity when its centre lies inside the
/// shape (so a body thinner than the cells around it may cover no cell). Anomalies are painted in order.
/// </summary>
public sealed class GeologyGenerator
{
    /// <summary>Name and version of the generator, stored with every data set; change it when the draws change.</summary>
    public const string Name = "mt-geology-1";

    /// <summary>Smallest polygon radius as a fraction of the semi-axes (keeps polygons from collapsing to slivers).</summary>
    private const double MinPolygonRadiusFraction = 0.35;

    private readonly GeologyRanges _ranges;
    private readonly long _experimentSeed;
    private readonly LayeredBackground _background;

    /// <summary>Creates a generator for <paramref name="grid"/>; <paramref name="experimentSeed"/> is required (no default seed).</summary>
    public GeologyGenerator(ModelGrid grid, GeologyRanges ranges, long experimentSeed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(ranges);
        Grid = grid;
        _ranges = ranges;
        _experimentSeed = experimentSeed;
        _background = new LayeredBackground(grid, ranges.LayerCount, ranges.InterfaceDepthM, ranges.ResistivityOhmM);
    }

    /// <summary>The generator of a data section (its grid, geology ranges and seed).</summary>
    public static GeologyGenerator FromData(DataSection data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new GeologyGenerator(ModelGrid.FromData(data), data.Geology, data.Seed);
    }

    /// <summary>The grid models are built on.</summary>
    public ModelGrid Grid { get; }

    /// <summary>The samples of <paramref name="range"/> of <paramref name="split"/>, each built independently.</summary>
    public IEnumerable<GeologySample> Generate(DataSplit split, IndexRange range) => range.Indices.Select(i => Generate(split, i));

    /// <summary>Sample <paramref name="index"/> of <paramref name="split"/>; depends only on the experiment seed, split and index.</summary>
    public GeologySample Generate(DataSplit split, int index)
    {
        var random = new Xoshiro256StarStar(SampleSeed.ToInt32(SampleSeed.Derive(_experimentSeed, split, index)), threadSafe: false);
        Layer[] layers = _background.Draw(random);
        var anomalies = new Anomaly[Draws.Integer(random, _ranges.AnomalyCount)];
        for (int a = 0; a < anomalies.Length; a++) anomalies[a] = DrawAnomaly(random);
        return new GeologySample(split, index, layers, anomalies, Rasterise(layers, anomalies));
    }

    private Anomaly DrawAnomaly(Random random)
    {
        IReadOnlyList<ShapeKind> kinds = _ranges.ShapeKinds;
        ShapeKind kind = kinds[DiscreteUniform.Sample(random, 0, kinds.Count - 1)];
        double resistivity = Draws.LogUniform(random, _ranges.ResistivityOhmM);
        double width = Draws.LogUniform(random, _ranges.AnomalyWidthM);
        double height = Draws.LogUniform(random, _ranges.AnomalyHeightM);
        double top = Draws.Uniform(random, _ranges.AnomalyTopDepthM);
        double centreY = ContinuousUniform.Sample(random, Grid.StationYM[0], Grid.StationYM[^1]);
        var box = new Box(centreY - width / 2, centreY + width / 2, top, top + height);
        Shape shape = kind switch
        {
            ShapeKind.Rectangle => new PolygonShape(kind, [new(box.Left, box.Top), new(box.Right, box.Top), new(box.Right, box.Bottom), new(box.Left, box.Bottom)]),
            ShapeKind.Ellipse => new EllipseShape(new SectionPoint(centreY, box.CentreZ), width / 2, height / 2),
            ShapeKind.DippingBody => DippingBody(random, box),
            ShapeKind.Polygon => StarPolygon(random, box),
            _ => throw new InvalidOperationException($"unknown shape kind {kind}"),
        };
        return new Anomaly(shape, resistivity);
    }

    /// <summary>A parallelogram whose top and bottom edges (each <c>width</c> long) are offset by height / tan(dip),
    /// to the left or right at random, centred on the box centre.</summary>
    private PolygonShape DippingBody(Random random, Box box)
    {
        double dip = Draws.Uniform(random, _ranges.DipDeg) * Math.PI / 180;
        double direction = Draws.Sign(random);
        double halfShift = direction * (box.Bottom - box.Top) / Math.Tan(dip) / 2;
        return new PolygonShape(ShapeKind.DippingBody,
        [
            new(box.Left - halfShift, box.Top), new(box.Right - halfShift, box.Top),
            new(box.Right + halfShift, box.Bottom), new(box.Left + halfShift, box.Bottom),
        ]);
    }

    /// <summary>A polygon star-shaped about the box centre: vertex j at angle 2 pi (j + u_j) / n (u_j uniform in [0, 1),
    /// so angles increase) and radius uniform in [0.35, 1] times the box semi-axes.</summary>
    private PolygonShape StarPolygon(Random random, Box box)
    {
        int n = Draws.Integer(random, _ranges.PolygonVertices);
        var vertices = new SectionPoint[n];
        for (int j = 0; j < n; j++)
        {
            double angle = 2 * Math.PI * (j + ContinuousUniform.Sample(random, 0, 1)) / n;
            double radius = ContinuousUniform.Sample(random, MinPolygonRadiusFraction, 1);
            vertices[j] = new SectionPoint(box.CentreY + radius * box.HalfWidth * Math.Cos(angle), box.CentreZ + radius * box.HalfHeight * Math.Sin(angle));
        }

        return new PolygonShape(ShapeKind.Polygon, vertices);
    }

    private ResistivityModel Rasterise(Layer[] layers, Anomaly[] anomalies)
    {
        double[,] resistivity = LayeredBackground.Fill(Grid, layers);
        foreach (Anomaly anomaly in anomalies) LayeredBackground.Paint(Grid, resistivity, anomaly.Shape, anomaly.ResistivityOhmM);
        return Grid.ToModel(resistivity);
    }

    private readonly record struct Box(double Left, double Right, double Top, double Bottom)
    {
        public double CentreY => 0.5 * (Left + Right);
        public double CentreZ => 0.5 * (Top + Bottom);
        public double HalfWidth => 0.5 * (Right - Left);
        public double HalfHeight => 0.5 * (Bottom - Top);
    }
}
