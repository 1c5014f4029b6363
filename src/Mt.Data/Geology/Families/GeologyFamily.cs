using MathNet.Numerics.Random;
using Mt.Forward;

namespace Mt.Data.Geology.Families;

/// <summary>The named geology families. The numeric values salt each family's random stream and fix the order in which
/// the test split cycles through them: do not renumber.</summary>
public enum GeologyFamily
{
    /// <summary>The paper's layered models with anomalies (<see cref="GeologyGenerator"/>).</summary>
    Paper = 0,

    /// <summary>Gaussian random fields in log10 resistivity.</summary>
    GaussianRandomField = 1,

    /// <summary>Smooth log10 resistivity against depth.</summary>
    DepthTrend = 2,

    /// <summary>Vertical and dipping dikes.</summary>
    Dikes = 3,

    /// <summary>Layers offset by faults.</summary>
    Faults = 4,

    /// <summary>Sedimentary basins with stepped floors.</summary>
    Basins = 5,

    /// <summary>Thin conductive and resistive layers.</summary>
    ThinLayers = 6,
}

/// <summary>One generated model and the family it came from.</summary>
/// <param name="Family">Its family.</param>
/// <param name="Split">Data set.</param>
/// <param name="Index">Index in the data set.</param>
/// <param name="Model">The resistivity model.</param>
public sealed record FamilySample(GeologyFamily Family, DataSplit Split, int Index, ResistivityModel Model);

/// <summary>A family of models: sample <c>index</c> of <c>split</c> depends only on the experiment seed, the split,
/// the index and the family's settings.</summary>
public interface IGeologyFamily
{
    /// <summary>Which family this is.</summary>
    GeologyFamily Family { get; }

    /// <summary>The model of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    FamilySample Generate(DataSplit split, int index);
}

/// <summary>
/// A family drawn in two steps: <see cref="Draw(Random)"/> makes the random choices into a typed description
/// (<typeparamref name="TSection"/>, which tests inspect), <see cref="Rasterise"/> turns it into resistivities. Sample
/// i draws from its own <see cref="Xoshiro256StarStar"/> seeded by SplitMix64(<see cref="SampleSeed.Derive"/> xor
/// (salt + family number)), so families never share a stream with each other or with the family choice.
/// </summary>
/// <typeparam name="TSection">What one draw describes.</typeparam>
public abstract class DrawnFamily<TSection>(ModelGrid grid, long experimentSeed) : IGeologyFamily
{
    private const ulong FamilySalt = 0x66616D696C79UL; // "family"

    /// <summary>The grid models are built on.</summary>
    protected ModelGrid Grid { get; } = grid ?? throw new ArgumentNullException(nameof(grid));

    /// <inheritdoc />
    public abstract GeologyFamily Family { get; }

    /// <summary>The random choices of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public TSection Draw(DataSplit split, int index)
    {
        ulong seed = SampleSeed.SplitMix64(SampleSeed.Derive(experimentSeed, split, index) ^ (FamilySalt + (ulong)Family));
        return Draw(new Xoshiro256StarStar(SampleSeed.ToInt32(seed), threadSafe: false));
    }

    /// <inheritdoc />
    public FamilySample Generate(DataSplit split, int index) => new(Family, split, index, Grid.ToModel(Rasterise(Draw(split, index))));

    /// <summary>Makes the random choices of one model.</summary>
    protected abstract TSection Draw(Random random);

    /// <summary>The nz x ny resistivities (ohm-m) of a drawn section.</summary>
    public abstract double[,] Rasterise(TSection section);
}

/// <summary>The paper's generator as a family: its models are exactly those of <see cref="GeologyGenerator"/>.</summary>
public sealed class PaperFamily(GeologyGenerator generator) : IGeologyFamily
{
    /// <inheritdoc />
    public GeologyFamily Family => GeologyFamily.Paper;

    /// <inheritdoc />
    public FamilySample Generate(DataSplit split, int index) => new(Family, split, index, generator.Generate(split, index).Model);
}
