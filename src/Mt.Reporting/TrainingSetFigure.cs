using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>
/// The paper's training-set figure: one row per sample with three panels, (1) the resistivity model with its true
/// cell geometry (each cell drawn as its own rectangle, depth in km pointing down), (2) the apparent-resistivity
/// pseudo-section and (3) the phase pseudo-section (station distance in km across, period down), each with a colour
/// bar. Colour ranges are shared by all rows. Beside the PNG goes a CSV with every value drawn.
/// </summary>
public static class TrainingSetFigure
{
    /// <summary>
    /// Draws <paramref name="samples"/> (one figure row each) to <paramref name="pngPath"/> and writes the drawn values to
    /// the same path with extension <c>.csv</c>, in long format <c>sample,panel,x,y,value</c>: sample is 1-based;
    /// panel <c>model</c> has x = cell-centre distance (km), y = cell-centre depth (km), value = log10 resistivity
    /// (ohm-m); panels <c>log10_rho_app</c> (log10 ohm-m) and <c>phase_deg</c> (degrees) have x = station distance (km),
    /// y = log10 period (s). Both files are written to a temporary file first and then moved into place.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">A sample's arrays are missing, of inconsistent shapes, not increasing or not finite.</exception>
    public static string Render(IReadOnlyList<FigureSample> samples, string pngPath, TrainingSetFigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        options ??= new TrainingSetFigureOptions();
        if (samples.Count == 0)
            throw new ArgumentException("At least one sample is needed.", nameof(samples));
        for (int s = 0; s < samples.Count; s++)
            Validate(samples[s], s);
        int width = options.Width, height = options.Height ?? 420 * samples.Count;
        if (width < 300 || height < 150 * samples.Count)
            throw new ArgumentException($"The image of {width} x {height} pixels is too small for {samples.Count} rows.", nameof(options));

        ValueRange rhoRange = options.Log10ResistivityRange ?? FigureStyle.DataRange(samples.Select(x => x.Log10Resistivity));
        ValueRange appRange = options.Log10RhoAppRange ?? FigureStyle.DataRange(samples.Select(x => x.Log10RhoApp));
        ValueRange phaseRange = options.PhaseRangeDeg ?? FigureStyle.DataRange(samples.Select(x => x.PhaseDeg));
        FigureStyle.CheckRange(rhoRange, nameof(options.Log10ResistivityRange));
        FigureStyle.CheckRange(appRange, nameof(options.Log10RhoAppRange));
        FigureStyle.CheckRange(phaseRange, nameof(options.PhaseRangeDeg));
        double maxDepthKm = options.MaxDepthKm ?? samples.Max(x => x.ZEdgesM[^1]) / 1000;

        FigureStyle.UseBundledFont();

        var multiplot = new Multiplot();
        multiplot.AddPlots(3 * samples.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(samples.Count, 3);
        // The same margins in every panel keep the columns aligned; the right margin holds the colour bar.
        var padding = new PixelPadding(left: 70, right: 125, bottom: 50, top: 42);
        for (int s = 0; s < samples.Count; s++)
        {
            FigureSample sample = samples[s];
            double[] yKm = sample.YEdgesM.Select(v => v / 1000).ToArray();
            double[] zKm = sample.ZEdgesM.Select(v => v / 1000).ToArray();
            double[] stationEdgesKm = FigureStyle.CentresToEdges(sample.StationsM.Select(v => v / 1000).ToArray());
            double[] periodEdges = FigureStyle.Log10PeriodEdges(sample.FrequenciesHz);
            double xMin = Math.Min(yKm[0], stationEdgesKm.Min()), xMax = Math.Max(yKm[^1], stationEdgesKm.Max());
            char letter(int panel) => (char)('a' + 3 * s + panel);

            Plot model = multiplot.GetPlot(3 * s);
            FigureStyle.Panel(model, $"({letter(0)}) {sample.Title}: model", "Distance (km)", "Depth (km)", padding);
            var grid = new CellGrid(yKm, zKm, sample.Log10Resistivity, FigureStyle.Resistivity(), new(rhoRange.Min, rhoRange.Max));
            model.Add.Plottable(grid);
            model.Axes.SetLimitsX(xMin, xMax);
            model.Axes.SetLimitsY(bottom: maxDepthKm, top: 0); // depth points down
            FigureStyle.ColourBar(model, grid, $"Resistivity ({FigureStyle.Ohm})", rhoRange, log10Ticks: true);

            Plot app = multiplot.GetPlot(3 * s + 1);
            FigureStyle.Panel(app, $"({letter(1)}) {sample.Title}: apparent resistivity", "Station distance (km)", "Period (s)", padding);
            var appGrid = new CellGrid(stationEdgesKm, periodEdges, sample.Log10RhoApp, FigureStyle.Resistivity(), new(appRange.Min, appRange.Max));
            app.Add.Plottable(appGrid);
            app.Axes.SetLimitsX(xMin, xMax);
            FigureStyle.PeriodAxis(app, periodEdges);
            FigureStyle.ColourBar(app, appGrid, $"Apparent resistivity ({FigureStyle.Ohm})", appRange, log10Ticks: true);

            Plot phase = multiplot.GetPlot(3 * s + 2);
            FigureStyle.Panel(phase, $"({letter(2)}) {sample.Title}: phase", "Station distance (km)", "Period (s)", padding);
            var phaseGrid = new CellGrid(stationEdgesKm, periodEdges, sample.PhaseDeg, FigureStyle.Sequential(), new(phaseRange.Min, phaseRange.Max));
            phase.Add.Plottable(phaseGrid);
            phase.Axes.SetLimitsX(xMin, xMax);
            FigureStyle.PeriodAxis(phase, periodEdges);
            FigureStyle.ColourBar(phase, phaseGrid, "Phase (\u00B0)", phaseRange, log10Ticks: false);
        }

        return FigureFile.Save(multiplot, width, height, pngPath, writer => WriteCsv(samples, writer));
    }

    private static void Validate(FigureSample? sample, int index)
    {
        string where = $"samples[{index}]";
        if (sample is null)
            throw new ArgumentException($"{where} is null.", "samples");
        FigureCheck.Increasing(sample.YEdgesM, $"{where}.{nameof(FigureSample.YEdgesM)}", 2, "samples");
        FigureCheck.Increasing(sample.ZEdgesM, $"{where}.{nameof(FigureSample.ZEdgesM)}", 2, "samples");
        FigureCheck.Increasing(sample.StationsM, $"{where}.{nameof(FigureSample.StationsM)}", 1, "samples");
        FigureCheck.Frequencies(sample.FrequenciesHz, $"{where}.{nameof(FigureSample.FrequenciesHz)}", "samples");
        int ny = sample.YEdgesM.Length - 1, nz = sample.ZEdgesM.Length - 1;
        int ns = sample.StationsM.Length, nf = sample.FrequenciesHz.Length;
        FigureCheck.Shape(sample.Log10Resistivity, nz, ny, $"{where}.{nameof(FigureSample.Log10Resistivity)}", "[nz, ny] = [ZEdgesM.Length - 1, YEdgesM.Length - 1]", "samples");
        FigureCheck.Shape(sample.Log10RhoApp, nf, ns, $"{where}.{nameof(FigureSample.Log10RhoApp)}", "[nf, ns] = [FrequenciesHz.Length, StationsM.Length]", "samples");
        FigureCheck.Shape(sample.PhaseDeg, nf, ns, $"{where}.{nameof(FigureSample.PhaseDeg)}", "[nf, ns] = [FrequenciesHz.Length, StationsM.Length]", "samples");
    }

    private static void WriteCsv(IReadOnlyList<FigureSample> samples, TextWriter writer)
    {
        writer.WriteLine("sample,panel,x,y,value");
        for (int s = 0; s < samples.Count; s++)
        {
            FigureSample sample = samples[s];
            string id = (s + 1).ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < sample.ZEdgesM.Length - 1; i++)
                for (int j = 0; j < sample.YEdgesM.Length - 1; j++)
                    Row(writer, id, "model", 0.5e-3 * (sample.YEdgesM[j] + sample.YEdgesM[j + 1]),
                        0.5e-3 * (sample.ZEdgesM[i] + sample.ZEdgesM[i + 1]), sample.Log10Resistivity[i, j]);
            foreach ((string panel, double[,] values) in new[] { ("log10_rho_app", sample.Log10RhoApp), ("phase_deg", sample.PhaseDeg) })
                for (int f = 0; f < sample.FrequenciesHz.Length; f++)
                    for (int k = 0; k < sample.StationsM.Length; k++)
                        Row(writer, id, panel, sample.StationsM[k] / 1000, -Math.Log10(sample.FrequenciesHz[f]), values[f, k]);
        }
    }

    private static void Row(TextWriter writer, string sample, string panel, double x, double y, double value) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample},{panel},{x:R},{y:R},{value:R}"));
}
