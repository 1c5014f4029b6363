namespace Mt.Reporting.Tests;

public sealed class DataQualityFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const int Nf = 6, Ns = 5;

    /// <summary>Five stations (the last two 1 km apart, then a 90 km gap), six frequencies; TM of station 2 at the lowest
    /// frequency missing; "skew" masks frequency 1 of station 3 in both modes, "phase" masks TE phases above 90.</summary>
    private static DataQualityFigureInput Input()
    {
        double[] stations = [0, 10_000, 20_000, 110_000, 111_000];
        double[] frequencies = [.. Enumerable.Range(0, Nf).Select(f => Math.Pow(10, f - 3))];
        var rho = new double[2, Nf, Ns];
        var phase = new double[2, Nf, Ns];
        var skew = new bool[2, Nf, Ns];
        var outOfQuadrant = new bool[2, Nf, Ns];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < Nf; f++)
                for (int s = 0; s < Ns; s++)
                {
                    rho[m, f, s] = 1 + 0.3 * f + 0.2 * s + m;
                    phase[m, f, s] = 20 + 15 * f + m;
                }
        rho[1, 0, 2] = phase[1, 0, 2] = double.NaN;
        skew[0, 1, 3] = skew[1, 1, 3] = true;
        for (int f = 0; f < Nf; f++) for (int s = 0; s < Ns; s++) outOfQuadrant[0, f, s] = phase[0, f, s] > 90;
        return new DataQualityFigureInput("Test line", stations, ["A", "B", "C", "D", "E"], frequencies, rho, phase,
            [new("skew", "|β| > 5°", skew), new("phase", "phase outside 0-90°", outOfQuadrant)]);
    }

    [Fact]
    public void Writes_every_datum_with_its_masks_beside_the_png()
    {
        DataQualityFigureInput input = Input();
        string png = Path.Combine(_dir, "quality-sections.png");

        string csv = DataQualityFigure.Render(input, png);

        Assert.Equal((1800, 1000), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("station,station_km,mode,frequency_hz,period_s,log10_rho_app,phase_deg,masked,skew,phase", lines[0]);
        Assert.Equal(1 + 2 * Nf * Ns - 1, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("C,20,TM,0.001,", StringComparison.Ordinal));
        string[] masked = [.. lines.Skip(1).Where(l => l.Split(',')[7] == "1")];
        // TE phases above 90 degrees: 20 + 15 f > 90 for f = 5 only, at every station; plus the two skew data.
        Assert.Equal(Ns + 2, masked.Length);
        double[] skewRow = FigureFiles.Numbers(Assert.Single(masked, l => l.StartsWith("D,110,TM,", StringComparison.Ordinal)));
        Assert.Equal(input.FrequenciesHz[1], skewRow[3], 15);
        Assert.Equal(input.PhaseDeg[1, 1, 3], skewRow[6]);
        Assert.Equal([1, 1, 0], skewRow[7..]);
        double[] row = FigureFiles.Numbers(Assert.Single(lines, l => l.StartsWith("E,111,TE,100,", StringComparison.Ordinal)));
        Assert.Equal(input.Log10RhoApp[0, 5, 4], row[5], 12);
        Assert.Equal(1, row[7]);
        Assert.Equal(1, row[9]);
    }

    [Fact]
    public void Wrong_shapes_and_decreasing_stations_throw()
    {
        DataQualityFigureInput input = Input();
        string png = Path.Combine(_dir, "bad.png");

        Assert.Contains("PhaseDeg must be [2, 6, 5]", Assert.Throws<ArgumentException>(() =>
            DataQualityFigure.Render(input with { PhaseDeg = new double[2, 5, 5] }, png)).Message);
        Assert.Contains("Mask skew", Assert.Throws<ArgumentException>(() =>
            DataQualityFigure.Render(input with { Masks = [new("skew", "x", new bool[1, Nf, Ns])] }, png)).Message);
        Assert.Contains("non-decreasing", Assert.Throws<ArgumentException>(() =>
            DataQualityFigure.Render(input with { StationsM = [0, 10_000, 5_000, 110_000, 111_000] }, png)).Message);
        Assert.False(File.Exists(png));
    }
}
