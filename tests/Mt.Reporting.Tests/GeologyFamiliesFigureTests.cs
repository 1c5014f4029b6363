using Mt.Data.Experiments;
using Mt.Data.Tests.Experiments;
using Mt.Reporting;

namespace Mt.Reporting.Tests;

public sealed class GeologyFamiliesFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly double[] YEdges = [.. Enumerable.Range(0, 31).Select(j => j * 5e3)];
    private static readonly double[] ZEdges = [.. Enumerable.Range(0, 21).Select(k => k * k * 400.0)];

    private static double[,] Model(double value)
    {
        var m = new double[ZEdges.Length - 1, YEdges.Length - 1];
        for (int k = 0; k < m.GetLength(0); k++)
            for (int j = 0; j < m.GetLength(1); j++) m[k, j] = value + 0.05 * k - 0.01 * j;
        return m;
    }

    [Fact]
    public void Renders_one_row_per_family_and_one_column_per_example_with_a_csv_of_every_cell()
    {
        FamilyExamples[] families =
        [
            new("paper", [0, 3], [Model(1), Model(2)]),
            new("thin_layers", [1], [Model(3)]),
        ];
        string png = Path.Combine(_dir, "figures", "families.png");

        string csv = GeologyFamiliesFigure.Render(YEdges, ZEdges, families, png, "test",
            new GeologyFamiliesFigureOptions { PanelWidth = 300, PanelHeight = 150, MaxDepthKm = 100 });

        Assert.Equal((2 * 300 + 140, 56 + 2 * 150), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("family,sample,x_km,depth_km,log10_resistivity", lines[0]);
        Assert.Equal(1 + 3 * 20 * 30, lines.Length);
        Assert.Equal(20 * 30, lines.Count(l => l.StartsWith("paper,3,", StringComparison.Ordinal)));
        Assert.Equal([2.5, 0.2, 1.0], FigureFiles.Numbers(lines[1])[2..]);
    }

    [Fact]
    public void A_model_of_the_wrong_shape_is_named()
    {
        FamilyExamples[] families = [new("dikes", [0], [new double[3, 3]])];

        var error = Assert.Throws<ArgumentException>(() => GeologyFamiliesFigure.Render(YEdges, ZEdges, families, Path.Combine(_dir, "x.png"), "test"));

        Assert.Contains("families[0].Log10Resistivity[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_figure_draws_every_family_of_the_mixture()
    {
        DataSection data = ExperimentLoader.Load(ExperimentFiles.PathOf("general.json")).Data;
        string png = Path.Combine(_dir, "families.png");

        string csv = GeologyFamiliesFigure.RenderExperiment("general", data, 1, png, maxDepthKm: 60);

        Assert.Equal((420 + 140, 56 + 7 * 210), FigureFiles.PngSize(png));
        string[] families = [.. File.ReadLines(csv).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).Distinct()];
        Assert.Equal(["paper", "gaussian_random_field", "depth_trend", "dikes", "faults", "basins", "thin_layers"], families);
    }
}
