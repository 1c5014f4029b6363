namespace Mt.Reporting.Tests;

public sealed class PseudoSectionFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PseudoSectionPair Pair()
    {
        FigureSample observed = TrainingSetFigureTests.Synthetic(0), predicted = TrainingSetFigureTests.Synthetic(1);
        return new PseudoSectionPair("Test 0, TE", observed.StationsM, observed.FrequenciesHz, observed.Log10RhoApp, observed.PhaseDeg,
            predicted.Log10RhoApp, predicted.PhaseDeg, 0.05 / Math.Log(10), 1.43);
    }

    [Fact]
    public void Writes_observed_predicted_and_normalised_residuals_per_datum()
    {
        PseudoSectionPair pair = Pair();
        string png = Path.Combine(_dir, "pseudo-sections.png");

        string csv = PseudoSectionFigure.Render(pair, png);

        Assert.Equal((1800, 900), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal(1 + 60 * 121, lines.Length);
        Assert.StartsWith("station_km,log10_period_s,observed_log10_rho_app,", lines[0]);
        // Row f * ns + s + 1 is frequency f, station s.
        int f = 20, s = 40;
        double[] row = FigureFiles.Numbers(lines[1 + f * 121 + s]);
        Assert.Equal(pair.StationsM[s] / 1000, row[0], 12);
        Assert.Equal(-Math.Log10(pair.FrequenciesHz[f]), row[1], 12);
        Assert.Equal(pair.ObservedLog10RhoApp[f, s], row[2]);
        Assert.Equal((pair.PredictedLog10RhoApp[f, s] - pair.ObservedLog10RhoApp[f, s]) / pair.Log10RhoAppError, row[4], 9);
        Assert.Equal((pair.PredictedPhaseDeg[f, s] - pair.ObservedPhaseDeg[f, s]) / 1.43, row[7], 9);
    }

    [Fact]
    public void Phase_residuals_wrap_across_180_degrees()
    {
        PseudoSectionPair pair = Pair();
        var observed = (double[,])pair.ObservedPhaseDeg.Clone();
        var predicted = (double[,])pair.ObservedPhaseDeg.Clone();
        observed[0, 0] = 179;
        predicted[0, 0] = -179;
        string png = Path.Combine(_dir, "wrap.png");

        string[] lines = File.ReadAllLines(PseudoSectionFigure.Render(pair with { ObservedPhaseDeg = observed, PredictedPhaseDeg = predicted }, png));

        Assert.Equal(2 / 1.43, FigureFiles.Numbers(lines[1])[7], 9);
    }

    [Fact]
    public void Shape_mismatch_or_zero_error_throw()
    {
        PseudoSectionPair pair = Pair();
        string png = Path.Combine(_dir, "bad.png");
        Assert.Contains("PredictedPhaseDeg is [60, 120]", Assert.Throws<ArgumentException>(() =>
            PseudoSectionFigure.Render(pair with { PredictedPhaseDeg = new double[60, 120] }, png)).Message);
        Assert.Contains("errors must be positive", Assert.Throws<ArgumentException>(() =>
            PseudoSectionFigure.Render(pair with { PhaseErrorDeg = 0 }, png)).Message);
        Assert.Contains("StationsM has 0 values", Assert.Throws<ArgumentException>(() =>
            PseudoSectionFigure.Render(pair with { StationsM = [] }, png)).Message);
        Assert.False(File.Exists(png));
    }
}
