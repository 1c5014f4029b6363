using Mt.Data.Field;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

public sealed class SectionMappingTests
{
    private static readonly double[] NetworkY = [.. Enumerable.Range(0, 11).Select(i => 10_000.0 * i)]; // 10 cells, 0 to 100 km
    private static readonly double[] Depths = [0, 1_000, 3_000, 7_000];

    /// <summary>log10 resistivity 1 + y/100 km + 0.1 row: linear in the lateral cell centre.</summary>
    private static double[,] Section()
    {
        var v = new double[3, 10];
        for (int k = 0; k < 3; k++) for (int j = 0; j < 10; j++) v[k, j] = 1 + (5_000 + 10_000 * j) / 100_000.0 + 0.1 * k;
        return v;
    }

    /// <summary>A 1 ohm-m model on the given edges (the mapping uses only its grid).</summary>
    private static ResistivityModel Target(double[] y, double[] z, int nz, int ny)
    {
        var rho = new double[nz, ny];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) rho[k, j] = 1;
        return new ResistivityModel(y, z, rho);
    }

    [Fact]
    public void Reads_the_network_at_distance_plus_offset_linearly_and_holds_the_edge_values_beyond()
    {
        // Line cells centred at distances -50, -17.5, 12.5 and 80 km; the profile's 0 lies at 30 km on the network axis.
        var target = Target([-60_000, -40_000, 5_000, 20_000, 140_000], Depths, 3, 4);

        ResistivityModel mapped = SectionMapping.ToGrid(Section(), NetworkY, Depths, 30_000, target);

        Assert.Equal(target.YEdgesM, mapped.YEdgesM);
        for (int k = 0; k < 3; k++)
        {
            double[] log10 = [.. Enumerable.Range(0, 4).Select(j => Math.Log10(mapped.ResistivityOhmM[k, j]))];
            Assert.Equal(1 + 0.05 + 0.1 * k, log10[0], 12);          // -20 km on the network: the first cell's value
            Assert.Equal(1 + 0.125 + 0.1 * k, log10[1], 12);         // 12.5 km: between centres, linear
            Assert.Equal(1 + 0.425 + 0.1 * k, log10[2], 12);         // 42.5 km
            Assert.Equal(1 + 0.95 + 0.1 * k, log10[3], 12);          // 110 km: the last cell's value
        }
    }

    [Fact]
    public void Other_depth_cells_are_interpolated_between_row_centres()
    {
        var target = Target([0, 10_000], [0, 1_000, 2_000, 5_000], 3, 1);

        ResistivityModel mapped = SectionMapping.ToGrid(Section(), NetworkY, Depths, 0, target);

        // Row centres 0.5, 2 and 5 km; target centres 0.5, 1.5 and 3.5 km.
        Assert.Equal(1.05, Math.Log10(mapped.ResistivityOhmM[0, 0]), 12);
        Assert.Equal(1.05 + 0.1 * (1.0 / 1.5), Math.Log10(mapped.ResistivityOhmM[1, 0]), 12);
        Assert.Equal(1.05 + 0.1 + 0.1 * (1.5 / 3), Math.Log10(mapped.ResistivityOhmM[2, 0]), 12);
    }

    [Fact]
    public void A_section_that_does_not_match_its_edges_or_holds_nan_is_refused()
    {
        var target = Target([0, 10_000], Depths, 3, 1);
        var nan = Section();
        nan[1, 1] = double.NaN;

        Assert.Contains("edges", Assert.Throws<ArgumentException>(() => SectionMapping.ToGrid(Section(), NetworkY[..5], Depths, 0, target)).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => SectionMapping.ToGrid(nan, NetworkY, Depths, 0, target)).Message);
    }

    [Fact]
    public void Clip_bounds_every_cell_to_the_range_and_counts_the_clipped_ones()
    {
        var model = new ResistivityModel([0, 1, 2, 3], [0, 1], new double[,] { { 1e-5, 50, 1e9 } });

        var (clipped, count) = SectionMapping.Clip(model, 5, 5000);

        Assert.Equal(2, count);
        Assert.Equal(new double[,] { { 5, 50, 5000 } }, clipped.ResistivityOhmM);
        Assert.Throws<ArgumentException>(() => SectionMapping.Clip(model, 10, 5));
    }
}
