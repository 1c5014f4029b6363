using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Tests.Experiments;

namespace Mt.Data.Tests.Geology;

/// <summary>200 training models of the paper experiment, generated once for the statistics tests.</summary>
public sealed class PaperSamples
{
    public const int Count = 200;

    public PaperSamples()
    {
        Data = ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json")).Data;
        Samples = GeologyGenerator.FromData(Data).Generate(DataSplit.Train, new IndexRange(0, Count)).ToArray();
    }

    public DataSection Data { get; }

    public IReadOnlyList<GeologySample> Samples { get; }
}

public sealed class GeologyGeneratorTests(PaperSamples paper) : IClassFixture<PaperSamples>
{
    [Theory]
    [InlineData(DataSplit.Train, 0)]
    [InlineData(DataSplit.Train, 137)]
    [InlineData(DataSplit.Test, 3)]
    public void Same_seed_gives_identical_models_and_another_seed_does_not(DataSplit split, int index)
    {
        GeologySample first = GeologyGenerator.FromData(paper.Data).Generate(split, index);
        GeologySample second = GeologyGenerator.FromData(paper.Data).Generate(split, index);
        GeologySample reseeded = GeologyGenerator.FromData(paper.Data with { Seed = paper.Data.Seed + 1 }).Generate(split, index);

        Assert.Equal(first.Model.ResistivityOhmM, second.Model.ResistivityOhmM);
        Assert.Equal(first.Layers, second.Layers);
        Assert.NotEqual(first.Model.ResistivityOhmM, reseeded.Model.ResistivityOhmM);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(57)]
    [InlineData(PaperSamples.Count - 1)]
    public void Sample_rebuilt_alone_equals_the_sample_of_a_full_run(int index)
    {
        GeologySample alone = GeologyGenerator.FromData(paper.Data).Generate(DataSplit.Train, index);

        Assert.Equal(paper.Samples[index].Model.ResistivityOhmM, alone.Model.ResistivityOhmM);
    }

    [Fact]
    public void Three_shards_together_equal_the_full_run()
    {
        const int n = 3, count = 20;
        var generator = GeologyGenerator.FromData(paper.Data);

        GeologySample[] sharded = Enumerable.Range(1, n)
            .SelectMany(k => generator.Generate(DataSplit.Train, Shard.ShardRange(count, k, n))).ToArray();

        Assert.Equal(Enumerable.Range(0, count), sharded.Select(s => s.Index));
        Assert.All(sharded, s => Assert.Equal(paper.Samples[s.Index].Model.ResistivityOhmM, s.Model.ResistivityOhmM));
    }

    [Fact]
    public void Train_and_test_samples_differ()
    {
        GeologySample test0 = GeologyGenerator.FromData(paper.Data).Generate(DataSplit.Test, 0);

        Assert.NotEqual(paper.Samples[0].Model.ResistivityOhmM, test0.Model.ResistivityOhmM);
    }

    [Fact]
    public void Layer_counts_cover_2_to_6_and_interfaces_lie_on_grid_edges()
    {
        Assert.Equal([2, 3, 4, 5, 6], paper.Samples.Select(s => s.Layers.Count).Distinct().Order());
        Assert.All(paper.Samples.SelectMany(s => s.Layers.Skip(1)), layer => Assert.Contains(layer.TopDepthM, paper.Samples[0].Model.ZEdgesM));
        Assert.All(paper.Samples, s => Assert.Equal(0, s.Layers[0].TopDepthM));
    }

    [Fact]
    public void Every_shape_kind_occurs()
    {
        Assert.Equal(Enum.GetValues<ShapeKind>(), paper.Samples.SelectMany(s => s.Anomalies).Select(a => a.Shape.Kind).Distinct().Order());
    }

    [Fact]
    public void Resistivities_lie_in_5_to_5000_and_log10_is_centred_on_log10_158()
    {
        double[] log10 = paper.Samples.SelectMany(s => s.Model.ResistivityOhmM.Cast<double>()).Select(Math.Log10).ToArray();

        Assert.All(log10, v => Assert.InRange(v, Math.Log10(5), Math.Log10(5000)));
        // Log-uniform on [5, 5000]: log10 uniform on [0.70, 3.70], mean log10(sqrt(5 * 5000)) = 2.20. A model holds only a
        // few independent draws (layers, anomalies), so the cell mean over 200 models has a standard error near 0.04;
        // 0.15 is about four of those.
        Assert.InRange(log10.Average(), Math.Log10(Math.Sqrt(5 * 5000)) - 0.15, Math.Log10(Math.Sqrt(5 * 5000)) + 0.15);
        // Roughly uniform: each third of the log range holds between a fifth and a half of the cells.
        double third = (Math.Log10(5000) - Math.Log10(5)) / 3;
        for (int b = 0; b < 3; b++)
        {
            double low = Math.Log10(5) + b * third;
            double fraction = log10.Count(v => v >= low && v < low + third) / (double)log10.Length;
            Assert.InRange(fraction, 0.2, 0.5);
        }
    }

    [Fact]
    public void Cells_take_the_last_anomaly_containing_their_centre_else_their_layer()
    {
        var grid = ModelGrid.FromData(paper.Data);
        foreach (GeologySample s in paper.Samples.Take(20))
            for (int k = 0; k < grid.Nz; k++)
                for (int j = 0; j < grid.Ny; j++)
                {
                    double y = grid.CellCentreYM(j), z = grid.CellCentreZM(k);
                    double expected = s.Anomalies.LastOrDefault(a => a.Shape.Contains(y, z))?.ResistivityOhmM
                                      ?? s.Layers.Last(l => l.TopDepthM < z).ResistivityOhmM;
                    Assert.Equal(expected, s.Model.ResistivityOhmM[k, j]);
                }
    }

    [Fact]
    public void Sample_seeds_are_distinct_and_use_the_documented_mix()
    {
        Assert.Equal(0xE220A8397B1DCDAFUL, SampleSeed.SplitMix64(0));
        int[] seeds = Enum.GetValues<DataSplit>()
            .SelectMany(split => Enumerable.Range(0, 1000).Select(i => SampleSeed.ToInt32(SampleSeed.Derive(paper.Data.Seed, split, i))))
            .ToArray();
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
    }

    [Theory]
    [InlineData(2.5, 5, true)]
    [InlineData(0, 5, false)]
    [InlineData(7, 9, true)]
    [InlineData(3, 9, false)]
    [InlineData(5, 1, false)]
    public void Dipping_parallelogram_contains_points_by_even_odd_rule(double yM, double zM, bool inside)
    {
        // Top edge from y = 0 to 4 at z = 0, bottom edge from y = 4 to 8 at z = 10 (dipping to the right): at depth z the
        // body spans y from 0.4 z to 4 + 0.4 z.
        var body = new PolygonShape(ShapeKind.DippingBody, [new(0, 0), new(4, 0), new(8, 10), new(4, 10)]);

        Assert.Equal(inside, body.Contains(yM, zM));
    }
}
