using Mt.Data.Results;
namespace Mt.Reporting.Tests;

public sealed class UncertaintyFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Draws_four_panels_per_model_with_the_error_beside_the_spread()
    {
        FigureSample a = TrainingSetFigureTests.Synthetic(0);
        double[,] mean = FigureFiles.Plus(a.Log10Resistivity, (i, j) => 0.1 * ((i + j) % 3 - 1));
        double[,] sd = FigureFiles.Plus(new double[60, 121], (i, j) => 0.05 + 0.001 * i);
        string png = Path.Combine(_dir, "figures", "uncertainty.png");

        string csv = UncertaintyFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, [new UncertaintyModel("test 0", a.Log10Resistivity, mean, sd)],
            new ValueRange(0.7, 3.7), 1.5, png);

        Assert.Equal((4 * 440 + 2 * 140, 56 + 250), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("model,panel,x_km,depth_km,value", lines[0]);
        const int cells = 60 * 121;
        Assert.Equal(1 + 4 * cells, lines.Length);
        Assert.Equal(cells, lines.Count(l => l.StartsWith("1,sd,", StringComparison.Ordinal)));
        string firstError = lines.First(l => l.StartsWith("1,error,", StringComparison.Ordinal));
        Assert.Equal(Math.Abs(mean[0, 0] - a.Log10Resistivity[0, 0]), FigureFiles.Numbers(firstError)[4], 12);
    }

    [Fact]
    public void A_section_of_another_shape_or_not_finite_throws()
    {
        FigureSample a = TrainingSetFigureTests.Synthetic(0);
        string png = Path.Combine(_dir, "bad.png");
        var nan = (double[,])a.Log10Resistivity.Clone();
        nan[3, 4] = double.NaN;
        Assert.Throws<ArgumentException>(() => UncertaintyFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM,
            [new UncertaintyModel("m", a.Log10Resistivity, a.Log10Resistivity, new double[2, 2])], new ValueRange(0.7, 3.7), 1, png));
        Assert.Throws<ArgumentException>(() => UncertaintyFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM,
            [new UncertaintyModel("m", a.Log10Resistivity, nan, a.Log10Resistivity)], new ValueRange(0.7, 3.7), 1, png));
        Assert.Throws<ArgumentException>(() => UncertaintyFigure.Render(a.YEdgesM, a.ZEdgesM, a.StationsM, [], new ValueRange(0.7, 3.7), 1, png));
        Assert.False(File.Exists(png));
    }
}
