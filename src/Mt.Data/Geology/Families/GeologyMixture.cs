using MathNet.Numerics.Random;
using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>
/// The models of an experiment: a weighted mixture of geology families (<c>data.geology.families</c>), or the paper's
/// generator alone when the experiment names no families (then every model is <see cref="GeologyGenerator"/>'s, bit
/// for bit, and the data sets keep its name). Training sample i takes the family drawn by weight from its own stream
/// (SplitMix64(<see cref="SampleSeed.Derive"/> xor salt)); test sample i takes family i mod m of the m families of
/// positive weight (in <see cref="GeologyFamily"/> order), so a test set of at least m models holds every family.
/// </summary>
public sealed class GeologyMixture
{
    /// <summary>Name and version of the mixture generator, stored with every data set of an experiment with families;
    /// change it when the draws of any family change.</summary>
    public const string MixtureName = "mt-geology-families-1";

    private const ulong ChoiceSalt = 0x63686F696365UL; // "choice"

    private readonly long _experimentSeed;
    private readonly IGeologyFamily[] _families;
    private readonly double[] _cumulativeWeights;

    private GeologyMixture(ModelGrid grid, long experimentSeed, string name, IReadOnlyList<(IGeologyFamily Family, double Weight)> families)
    {
        Grid = grid;
        _experimentSeed = experimentSeed;
        GeneratorName = name;
        var active = families.Where(f => f.Weight > 0).OrderBy(f => f.Family.Family).ToArray();
        if (active.Length == 0) throw new ArgumentException("the mixture needs a family of positive weight");
        _families = [.. active.Select(f => f.Family)];
        double total = active.Sum(f => f.Weight), sum = 0;
        _cumulativeWeights = [.. active.Select(f => (sum += f.Weight) / total)];
        Weights = active.ToDictionary(f => f.Family.Family, f => f.Weight / total);
    }

    /// <summary>The mixture of a data section: its families, or the paper's generator alone.</summary>
    public static GeologyMixture FromData(DataSection data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var grid = ModelGrid.FromData(data);
        var paper = new PaperFamily(new GeologyGenerator(grid, data.Geology, data.Seed));
        GeologyFamilies? f = data.Geology.Families;
        if (f is null) return new GeologyMixture(grid, data.Seed, GeologyGenerator.Name, [(paper, 1)]);
        long seed = data.Seed;
        var members = new List<(IGeologyFamily, double)>();
        if (f.Paper is { } p) members.Add((paper, p.Weight));
        if (f.GaussianRandomField is { } g) members.Add((new GaussianRandomFieldFamily(grid, seed, g), g.Weight));
        if (f.DepthTrend is { } t) members.Add((new DepthTrendFamily(grid, seed, t), t.Weight));
        if (f.Dikes is { } d) members.Add((new DikeFamily(grid, seed, d), d.Weight));
        if (f.Faults is { } fa) members.Add((new FaultFamily(grid, seed, fa), fa.Weight));
        if (f.Basins is { } b) members.Add((new BasinFamily(grid, seed, b), b.Weight));
        if (f.ThinLayers is { } l) members.Add((new ThinLayerFamily(grid, seed, l), l.Weight));
        return new GeologyMixture(grid, seed, MixtureName, members);
    }

    /// <summary>The generator name and version the data sets are stamped with.</summary>
    public string GeneratorName { get; }

    /// <summary>The grid models are built on.</summary>
    public ModelGrid Grid { get; }

    /// <summary>The families of positive weight, in <see cref="GeologyFamily"/> order.</summary>
    public IReadOnlyList<GeologyFamily> Families => [.. _families.Select(f => f.Family)];

    /// <summary>Each family's share of the training samples (weights normalised to sum 1).</summary>
    public IReadOnlyDictionary<GeologyFamily, double> Weights { get; }

    /// <summary>The family of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public GeologyFamily FamilyOf(DataSplit split, int index) => Member(split, index).Family;

    /// <summary>Sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public FamilySample Generate(DataSplit split, int index) => Member(split, index).Generate(split, index);

    /// <summary>The samples of <paramref name="range"/> of <paramref name="split"/>, each built independently.</summary>
    public IEnumerable<FamilySample> Generate(DataSplit split, Datasets.IndexRange range) => range.Indices.Select(i => Generate(split, i));

    private IGeologyFamily Member(DataSplit split, int index)
    {
        if (_families.Length == 1) return _families[0];
        if (split == DataSplit.Test) return _families[index % _families.Length];
        ulong seed = SampleSeed.SplitMix64(SampleSeed.Derive(_experimentSeed, split, index) ^ ChoiceSalt);
        double u = new Xoshiro256StarStar(SampleSeed.ToInt32(seed), threadSafe: false).NextDouble();
        int i = Array.FindIndex(_cumulativeWeights, c => u < c);
        return _families[i < 0 ? _families.Length - 1 : i];
    }
}
