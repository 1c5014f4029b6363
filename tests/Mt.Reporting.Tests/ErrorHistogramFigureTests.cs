namespace Mt.Reporting.Tests;

public sealed class ErrorHistogramFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double[,] Plus(double[,] model, double shift) => FigureFiles.Plus(model, (_, _) => shift);

    [Fact]
    public void Counts_every_cell_of_every_model_on_shared_bins()
    {
        double[][,] truth = [TrainingSetFigureTests.Synthetic(0).Log10Resistivity, TrainingSetFigureTests.Synthetic(1).Log10Resistivity];
        ErrorSeries network = new("network", "network", [Plus(truth[0], 0.12), Plus(truth[1], -0.37)]);
        ErrorSeries nlcg = new("nlcg_halfspace", "NLCG", [Plus(truth[0], 0.02), null]);
        string png = Path.Combine(_dir, "error-histogram.png");

        string csv = ErrorHistogramFigure.Render(truth, [network, nlcg], png, binWidth: 0.05);

        Assert.Equal((1100, 650), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("bin_lower,bin_upper,network_count,nlcg_halfspace_count", lines[0]);
        // Errors reach 0.37, so the bins run from -0.4 to 0.4: 16 bins.
        Assert.Equal(17, lines.Length);
        double[][] rows = lines.Skip(1).Select(FigureFiles.Numbers).ToArray();
        Assert.Equal(-0.4, rows[0][0], 12);
        Assert.Equal(0.4, rows[^1][1], 12);
        const int cells = 60 * 121;
        Assert.Equal(2 * cells, rows.Sum(r => r[2]));
        Assert.Equal(cells, rows.Sum(r => r[3]));
        Assert.Equal(cells, rows.Single(r => r[0] < 0.12 && 0.12 < r[1])[2]);
        Assert.Equal(cells, rows.Single(r => r[0] < -0.37 && -0.37 < r[1])[2]);
        Assert.Equal(cells, rows.Single(r => r[0] < 0.02 && 0.02 < r[1])[3]);
    }

    [Fact]
    public void Mismatched_or_empty_inputs_throw()
    {
        double[,] truth = TrainingSetFigureTests.Synthetic(0).Log10Resistivity;
        string png = Path.Combine(_dir, "bad.png");
        Assert.Contains("has 2 models but there are 1", Assert.Throws<ArgumentException>(() =>
            ErrorHistogramFigure.Render([truth], [new ErrorSeries("network", "network", [truth, truth])], png)).Message);
        Assert.Contains("network[0] is [59, 121]", Assert.Throws<ArgumentException>(() =>
            ErrorHistogramFigure.Render([truth], [new ErrorSeries("network", "network", [new double[59, 121]])], png)).Message);
        Assert.Contains("holds no model", Assert.Throws<ArgumentException>(() =>
            ErrorHistogramFigure.Render([truth], [new ErrorSeries("hybrid", "hybrid", [null])], png)).Message);
        Assert.Contains("At least one series", Assert.Throws<ArgumentException>(() => ErrorHistogramFigure.Render([truth], [], png)).Message);
        Assert.False(File.Exists(png));
    }
}
