using Mt.Data.Results;
namespace Mt.Reporting.Tests;

public sealed class ComparisonFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double[,] Shifted(double[,] model, double shift) => FigureFiles.Plus(model, (i, j) => shift * (1 + (i + j) % 3));

    [Fact]
    public void Draws_the_methods_present_and_writes_every_cell_with_its_rmse()
    {
        FigureSample a = TrainingSetFigureTests.Synthetic(0), b = TrainingSetFigureTests.Synthetic(1);
        ComparisonModel[] models =
        [
            new("Test 0", a.Log10Resistivity, new Dictionary<Method, double[,]>
            {
                [Method.Network] = Shifted(a.Log10Resistivity, 0.1),
                [Method.NlcgHalfspace] = Shifted(a.Log10Resistivity, -0.2),
            }),
            // No NLCG result for the second model: its panel stays empty; no hybrid at all: that column is left out.
            new("Test 1", b.Log10Resistivity, new Dictionary<Method, double[,]> { [Method.Network] = Shifted(b.Log10Resistivity, 0.3) }),
        ];
        string png = Path.Combine(_dir, "figures", "comparison.png");

        string csv = ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, models, png,
            new ComparisonFigureOptions { Log10ResistivityRange = new ValueRange(0.7, 3.7) });

        Assert.Equal((3 * 520 + 140, 56 + 2 * 270), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("model,method,x_km,depth_km,log10_resistivity,rmse", lines[0]);
        const int cells = 60 * 121;
        Assert.Equal(1 + 121 + (3 + 2) * cells, lines.Length);
        Assert.Equal(",station,2.5,0,,", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains(",hybrid,", StringComparison.Ordinal));
        double[] firstTrue = FigureFiles.Numbers(lines[1 + 121]);
        Assert.StartsWith("1,true,2.5,", lines[1 + 121]);
        Assert.Equal(a.Log10Resistivity[0, 0], firstTrue[4]);
        Assert.True(double.IsNaN(firstTrue[5]));
        string network = lines.First(l => l.StartsWith("1,network,", StringComparison.Ordinal));
        double expectedRmse = Mt.Data.Models.SectionError.Rmse(Shifted(a.Log10Resistivity, 0.1), a.Log10Resistivity);
        Assert.Equal(expectedRmse, FigureFiles.Numbers(network)[5], 12);
        Assert.InRange(expectedRmse, 0.1, 0.3);
        Assert.Equal(cells, lines.Count(l => l.StartsWith("2,network,", StringComparison.Ordinal)));
        Assert.Equal(0, lines.Count(l => l.StartsWith("2,nlcg_halfspace,", StringComparison.Ordinal)));
    }

    /// <summary>With the ensemble's standard deviation the figure gains a column and a second colour bar, and the CSV
    /// its cells (method sd); a standard deviation of another shape is refused.</summary>
    [Fact]
    public void The_standard_deviation_is_a_column_of_its_own()
    {
        FigureSample a = TrainingSetFigureTests.Synthetic(0);
        double[,] sd = FigureFiles.Plus(new double[a.Log10Resistivity.GetLength(0), a.Log10Resistivity.GetLength(1)], (i, j) => 0.01 * (i % 7));
        var results = new Dictionary<Method, double[,]> { [Method.Network] = Shifted(a.Log10Resistivity, 0.1) };
        string png = Path.Combine(_dir, "sd", "comparison.png");

        string csv = ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, [new("Test 0", a.Log10Resistivity, results, sd)], png);

        Assert.Equal((3 * 520 + 2 * 140, 56 + 270), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        string[] sdRows = [.. lines.Where(l => l.StartsWith("1,sd,", StringComparison.Ordinal))];
        Assert.Equal(60 * 121, sdRows.Length);
        Assert.Equal(sd[3, 0], FigureFiles.Numbers(sdRows[3 * 121])[4]);

        var ex = Assert.Throws<ArgumentException>(() => ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM,
            [new("Test 0", a.Log10Resistivity, results, new double[2, 2])], Path.Combine(_dir, "bad.png")));
        Assert.Contains("StandardDeviation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rmse_is_the_root_mean_square_cell_difference()
    {
        Assert.Equal(Math.Sqrt((0.0 + 1 + 4 + 9) / 4), Mt.Data.Models.SectionError.Rmse(new double[,] { { 1, 2 }, { 3, 4 } }, new double[,] { { 1, 1 }, { 1, 1 } }), 12);
    }

    [Fact]
    public void A_result_of_another_shape_or_no_models_throw_naming_the_problem()
    {
        FigureSample a = TrainingSetFigureTests.Synthetic(0);
        string png = Path.Combine(_dir, "bad.png");
        ComparisonModel bad = new("Test 0", a.Log10Resistivity, new Dictionary<Method, double[,]> { [Method.Hybrid] = new double[60, 120] });

        var shape = Assert.Throws<ArgumentException>(() => ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, [bad], png));
        Assert.Contains("models[0].Results[Hybrid] is [60, 120]", shape.Message);
        var empty = Assert.Throws<ArgumentException>(() => ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, [], png));
        Assert.Contains("At least one model", empty.Message);
        var grid = Assert.Throws<ArgumentException>(() => ComparisonFigure.Render(a.YEdgesM, a.ZEdgesM.Reverse().ToArray(), a.StationsM,
            [new("Test 0", a.Log10Resistivity, new Dictionary<Method, double[,]>())], png));
        Assert.Contains("zEdgesM must be strictly increasing", grid.Message);
        Assert.False(File.Exists(png));
    }
}
