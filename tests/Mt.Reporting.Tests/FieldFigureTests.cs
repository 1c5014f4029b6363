namespace Mt.Reporting.Tests;

public sealed class FieldFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>6 stations 10 km apart on a 12 x 5 grid, 3 frequencies, TE and TM; two sections and two fits.</summary>
    private static FieldFigureInput Input()
    {
        double[] y = [.. Enumerable.Range(0, 13).Select(i => -10_000 + 6_000.0 * i)], z = [0, 1_000, 3_000, 7_000, 15_000, 30_000];
        double[] stations = [.. Enumerable.Range(0, 6).Select(i => 10_000.0 * i)];
        double[] frequencies = [0.01, 1, 100];
        var data = new List<FieldDatum>();
        for (int s = 0; s < 6; s++)
            foreach (string mode in new[] { "TE", "TM" })
                foreach (double f in frequencies)
                    data.Add(new FieldDatum(s, mode, f, 2 + 0.1 * s - 0.1 * Math.Log10(f), mode == "TE" ? 40 : 50, 0.02, 1.43));
        var section = new double[5, 12];
        for (int k = 0; k < 5; k++) for (int j = 0; j < 12; j++) section[k, j] = 1 + 0.2 * k + 0.05 * j;
        return new FieldFigureInput("Test line", y, z, stations, [.. stations.Select((_, i) => $"S{i}")],
            [new("nlcg_halfspace", "NLCG", section, 3.5), new("hybrid", "hybrid", FigureFiles.Plus(section, (_, _) => 0.3), 2.25)],
            data,
            [new("nlcg_halfspace", "NLCG", [.. data.Select(d => d.Log10RhoApp + 0.05)], [.. data.Select(d => d.PhaseDeg + 2)]),
             new("hybrid", "hybrid", [.. data.Select(d => d.Log10RhoApp - 0.05)], [.. data.Select(d => d.PhaseDeg - 2)])],
            FieldFigure.SpreadStations(6));
    }

    [Fact]
    public void Draws_sections_and_data_fit_and_writes_every_cell_and_the_fit_stations_data()
    {
        FieldFigureInput input = Input();
        string png = Path.Combine(_dir, "field", "field.png");

        string csv = FieldFigure.Render(input, png);

        Assert.Equal([0, 2, 3, 5], input.FitStations);
        Assert.Equal((4 * 430 + 140, 56 + 330 + 300 + 270), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("kind,method,station,x_km,depth_km,mode,period_s,log10_resistivity,log10_rho_app,phase_deg,log10_rho_app_err,phase_err_deg,data_rms", lines[0]);
        Assert.Equal(6, lines.Count(l => l.StartsWith("station,", StringComparison.Ordinal)));
        Assert.Equal(2 * 5 * 12, lines.Count(l => l.StartsWith("cell,", StringComparison.Ordinal)));
        string firstHybrid = lines.First(l => l.StartsWith("cell,hybrid,", StringComparison.Ordinal));
        Assert.Equal([-7, 0.5, 1.3, 2.25], FigureFiles.Numbers(firstHybrid).Where(double.IsFinite));
        Assert.Equal(4 * 2 * 3, lines.Count(l => l.StartsWith("observed,", StringComparison.Ordinal)));
        Assert.Equal(2 * 4 * 2 * 3, lines.Count(l => l.StartsWith("predicted,", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("observed,,S1,", StringComparison.Ordinal));
        Assert.Contains("observed,,S5,50,,TM,1,,2.5,50,0.02,1.43,", lines);
    }

    [Fact]
    public void Inconsistent_input_is_refused_with_a_message()
    {
        FieldFigureInput input = Input();
        string png = Path.Combine(_dir, "bad.png");

        Assert.Contains("Fit hybrid has 3 values", Assert.Throws<ArgumentException>(() => FieldFigure.Render(
            input with { Fits = [input.Fits[0], input.Fits[1] with { Log10RhoApp = [1, 2, 3] }] }, png)).Message);
        Assert.Contains("section nlcg_halfspace is [5, 11]", Assert.Throws<ArgumentException>(() => FieldFigure.Render(
            input with { Sections = [input.Sections[0] with { Log10Resistivity = new double[5, 11] }] }, png)).Message);
        Assert.Contains("data-fit stations", Assert.Throws<ArgumentException>(() => FieldFigure.Render(input with { FitStations = [6] }, png)).Message);
        Assert.False(File.Exists(png));
    }
}
