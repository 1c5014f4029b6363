using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Tests.Experiments;

namespace Mt.Data.Tests.Geology;

public sealed class ModelGridTests
{
    private static readonly ModelGrid Paper = ModelGrid.FromData(ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json")).Data);

    [Fact]
    public void Lateral_cells_are_centred_on_121_stations_from_0_to_600_km()
    {
        Assert.Equal(121, Paper.Ny);
        Assert.Equal((-2500.0, 602500.0), (Paper.YEdgesM[0], Paper.YEdgesM[^1]));
        Assert.Equal((0.0, 600000.0), (Paper.StationYM[0], Paper.StationYM[^1]));
        for (int j = 0; j < Paper.Ny; j++)
        {
            Assert.Equal(5000, Paper.YEdgesM[j + 1] - Paper.YEdgesM[j], 1e-9);
            Assert.Equal(Paper.CellCentreYM(j), Paper.StationYM[j], 1e-9);
        }
    }

    [Fact]
    public void Sixty_depth_cells_grow_from_100_m_and_end_at_180_km()
    {
        Assert.Equal(60, Paper.Nz);
        Assert.Equal(0, Paper.ZEdgesM[0]);
        Assert.Equal(100, Paper.ZEdgesM[1], 1e-9);
        Assert.True(Math.Abs(Paper.ZEdgesM[^1] - 180000) <= 1e-6, $"bottom edge {Paper.ZEdgesM[^1]:R}");
        for (int k = 1; k < Paper.Nz; k++)
            Assert.True(Paper.ZEdgesM[k + 1] - Paper.ZEdgesM[k] > Paper.ZEdgesM[k] - Paper.ZEdgesM[k - 1], $"cell {k} is not thicker than cell {k - 1}");
    }

    [Fact]
    public void Sixty_frequencies_are_log_spaced_from_1e_minus_4_to_1e3_hz()
    {
        Assert.Equal(60, Paper.FrequenciesHz.Count);
        Assert.Equal((1e-4, 1e3), (Paper.FrequenciesHz[0], Paper.FrequenciesHz[^1]));
        double step = 7.0 / 59;
        for (int i = 1; i < 60; i++)
            Assert.Equal(step, Math.Log10(Paper.FrequenciesHz[i] / Paper.FrequenciesHz[i - 1]), 1e-12);
    }

    [Theory]
    [InlineData(60, 100, 180000)]
    [InlineData(2, 1, 3)]
    [InlineData(10, 1, 9.5)]
    [InlineData(50, 10, 500.0001)]
    [InlineData(200, 0.01, 1e7)]
    [InlineData(3, 1, 1e12)]
    public void Geometric_edges_end_at_the_total(int cells, double firstM, double totalM)
    {
        double[] edges = GeometricGrid.Edges(cells, firstM, totalM);

        Assert.Equal(cells + 1, edges.Length);
        Assert.Equal(firstM, edges[1], firstM * 1e-12);
        Assert.True(Math.Abs(edges[^1] - totalM) <= 1e-12 * totalM, $"last edge {edges[^1]:R}, expected {totalM:R}");
        Assert.All(Enumerable.Range(0, cells), i => Assert.True(edges[i + 1] > edges[i]));
    }

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(5, 0, 10)]
    [InlineData(5, 2, 2)]
    [InlineData(5, 1, double.PositiveInfinity)]
    public void Geometric_ratio_rejects_impossible_grids(int cells, double firstM, double totalM) =>
        Assert.ThrowsAny<ArgumentException>(() => GeometricGrid.SolveRatio(cells, firstM, totalM));
}
