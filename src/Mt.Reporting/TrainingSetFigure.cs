using System.Globalization;
using System.Text;
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
    private const string Ohm = "\u03A9\u00B7m";

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

        ValueRange rhoRange = options.Log10ResistivityRange ?? DataRange(samples.Select(x => x.Log10Resistivity));
        ValueRange appRange = options.Log10RhoAppRange ?? DataRange(samples.Select(x => x.Log10RhoApp));
        ValueRange phaseRange = options.PhaseRangeDeg ?? DataRange(samples.Select(x => x.PhaseDeg));
        CheckRange(rhoRange, nameof(options.Log10ResistivityRange));
        CheckRange(appRange, nameof(options.Log10RhoAppRange));
        CheckRange(phaseRange, nameof(options.PhaseRangeDeg));
        double maxDepthKm = options.MaxDepthKm ?? samples.Max(x => x.ZEdgesM[^1]) / 1000;

        BundledFonts.Register();
        BundledFonts.EnsureResolves(BundledFonts.FamilyName);

        var multiplot = new Multiplot();
        multiplot.AddPlots(3 * samples.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(samples.Count, 3);
        for (int s = 0; s < samples.Count; s++)
        {
            FigureSample sample = samples[s];
            double[] yKm = sample.YEdgesM.Select(v => v / 1000).ToArray();
            double[] zKm = sample.ZEdgesM.Select(v => v / 1000).ToArray();
            double[] stationEdgesKm = CentresToEdges(sample.StationsM.Select(v => v / 1000).ToArray());
            // Periods descend as frequencies ascend: row i of the data is period 1/f_i.
            double[] periodEdges = CentresToEdges(sample.FrequenciesHz.Select(f => -Math.Log10(f)).ToArray());
            double xMin = Math.Min(yKm[0], stationEdgesKm.Min()), xMax = Math.Max(yKm[^1], stationEdgesKm.Max());
            char letter(int panel) => (char)('a' + 3 * s + panel);

            Plot model = multiplot.GetPlot(3 * s);
            Style(model, $"({letter(0)}) {sample.Title}: model", "Distance (km)", "Depth (km)");
            var grid = new CellGrid(yKm, zKm, sample.Log10Resistivity, new Reversed(new ScottPlot.Colormaps.Turbo()), new(rhoRange.Min, rhoRange.Max));
            model.Add.Plottable(grid);
            model.Axes.SetLimitsX(xMin, xMax);
            model.Axes.SetLimitsY(bottom: maxDepthKm, top: 0); // depth points down
            ColourBar(model, grid, $"Resistivity ({Ohm})", rhoRange, log10Ticks: true);

            Plot app = multiplot.GetPlot(3 * s + 1);
            Style(app, $"({letter(1)}) {sample.Title}: apparent resistivity", "Station distance (km)", "Period (s)");
            var appGrid = new CellGrid(stationEdgesKm, periodEdges, sample.Log10RhoApp, new Reversed(new ScottPlot.Colormaps.Turbo()), new(appRange.Min, appRange.Max));
            app.Add.Plottable(appGrid);
            PseudoSectionAxes(app, xMin, xMax, periodEdges);
            ColourBar(app, appGrid, $"Apparent resistivity ({Ohm})", appRange, log10Ticks: true);

            Plot phase = multiplot.GetPlot(3 * s + 2);
            Style(phase, $"({letter(2)}) {sample.Title}: phase", "Station distance (km)", "Period (s)");
            var phaseGrid = new CellGrid(stationEdgesKm, periodEdges, sample.PhaseDeg, new ScottPlot.Colormaps.Turbo(), new(phaseRange.Min, phaseRange.Max));
            phase.Add.Plottable(phaseGrid);
            PseudoSectionAxes(phase, xMin, xMax, periodEdges);
            ColourBar(phase, phaseGrid, "Phase (\u00B0)", phaseRange, log10Ticks: false);
        }

        string fullPng = Path.GetFullPath(pngPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPng)!);
        byte[] png = multiplot.Render(width, height).GetImageBytes(ImageFormat.Png);
        WriteAtomically(fullPng, stream => stream.Write(png));
        string csvPath = Path.ChangeExtension(fullPng, ".csv");
        WriteAtomically(csvPath, stream => WriteCsv(samples, stream));
        return csvPath;
    }

    private static void Style(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Font.Set(BundledFonts.FamilyName);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Grid.IsVisible = false;
        // The same margins in every panel keep the columns aligned; the right margin holds the colour bar.
        plot.Layout.Fixed(new PixelPadding(left: 70, right: 125, bottom: 50, top: 42));
    }

    private static void PseudoSectionAxes(Plot plot, double xMin, double xMax, double[] log10PeriodEdges)
    {
        plot.Axes.SetLimitsX(xMin, xMax);
        double top = log10PeriodEdges.Min(), bottom = log10PeriodEdges.Max();
        plot.Axes.SetLimitsY(bottom: bottom, top: top); // long periods (deeper) down
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = (int)Math.Ceiling(top - 1e-9); k <= Math.Floor(bottom + 1e-9); k++)
            ticks.AddMajor(k, PowerOfTen(k));
        plot.Axes.Left.TickGenerator = ticks;
    }

    private static void ColourBar(Plot plot, IHasColorAxis source, string label, ValueRange range, bool log10Ticks)
    {
        var bar = plot.Add.ColorBar(source);
        bar.Label = label;
        bar.LabelStyle.FontName = BundledFonts.FamilyName;
        bar.LabelStyle.FontSize = 13;
        bar.LabelStyle.Bold = false;
        bar.Axis.TickLabelStyle.FontName = BundledFonts.FamilyName;
        bar.Axis.TickLabelStyle.FontSize = 11;
        if (log10Ticks)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (double value in ResistivityTicks(range))
                ticks.AddMajor(Math.Log10(value), value.ToString("0.###", CultureInfo.InvariantCulture));
            bar.Axis.TickGenerator = ticks;
        }
    }

    /// <summary>Tick values (ohm-m) for a log10 colour range (within 0.005 in log10, so 0.7 shows 5): 1-2-5, 1-5 or 1 per decade, the first giving at most 8 ticks.</summary>
    internal static IReadOnlyList<double> ResistivityTicks(ValueRange log10Range)
    {
        int[][] mantissas = [[1, 2, 5], [1, 5], [1], [1, 3]];
        List<double> best = [];
        foreach (int[] set in mantissas.Take(3))
        {
            var values = new List<double>();
            for (int k = (int)Math.Floor(log10Range.Min) - 1; k <= (int)Math.Ceiling(log10Range.Max); k++)
                foreach (int m in set)
                {
                    double v = m * Math.Pow(10, k), l = Math.Log10(v);
                    if (l >= log10Range.Min - 0.005 && l <= log10Range.Max + 0.005)
                        values.Add(v);
                }
            best = values;
            if (values.Count <= 8)
                break;
        }
        return best;
    }

    private static string PowerOfTen(int k)
    {
        const string super = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
        string digits = string.Concat(Math.Abs(k).ToString(CultureInfo.InvariantCulture).Select(c => super[c - '0']));
        return "10" + (k < 0 ? "\u207B" : "") + digits;
    }

    private static double[] CentresToEdges(double[] centres)
    {
        var edges = new double[centres.Length + 1];
        if (centres.Length == 1)
        {
            edges[0] = centres[0] - 0.5;
            edges[1] = centres[0] + 0.5;
            return edges;
        }
        for (int i = 1; i < centres.Length; i++)
            edges[i] = 0.5 * (centres[i - 1] + centres[i]);
        edges[0] = centres[0] - (edges[1] - centres[0]);
        edges[^1] = centres[^1] + (centres[^1] - edges[^2]);
        return edges;
    }

    private static ValueRange DataRange(IEnumerable<double[,]> arrays)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double[,] a in arrays)
            foreach (double v in a)
                if (double.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
        if (!double.IsFinite(min))
            return new ValueRange(0, 1);
        return max > min ? new ValueRange(min, max) : new ValueRange(min - 0.5, max + 0.5);
    }

    private static void CheckRange(ValueRange range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Max <= range.Min)
            throw new ArgumentException($"The colour range {name} [{range.Min}, {range.Max}] must be finite with Max > Min.", name);
    }

    private static void Validate(FigureSample? sample, int index)
    {
        string where = $"samples[{index}]";
        if (sample is null)
            throw new ArgumentException($"{where} is null.", "samples");
        Increasing(sample.YEdgesM, $"{where}.{nameof(FigureSample.YEdgesM)}", 2);
        Increasing(sample.ZEdgesM, $"{where}.{nameof(FigureSample.ZEdgesM)}", 2);
        Increasing(sample.StationsM, $"{where}.{nameof(FigureSample.StationsM)}", 1);
        Increasing(sample.FrequenciesHz, $"{where}.{nameof(FigureSample.FrequenciesHz)}", 1);
        if (sample.FrequenciesHz[0] <= 0)
            throw new ArgumentException($"{where}.{nameof(FigureSample.FrequenciesHz)} must be positive.", "samples");
        int ny = sample.YEdgesM.Length - 1, nz = sample.ZEdgesM.Length - 1;
        int ns = sample.StationsM.Length, nf = sample.FrequenciesHz.Length;
        Shape(sample.Log10Resistivity, nz, ny, $"{where}.{nameof(FigureSample.Log10Resistivity)}", "[nz, ny] = [ZEdgesM.Length - 1, YEdgesM.Length - 1]");
        Shape(sample.Log10RhoApp, nf, ns, $"{where}.{nameof(FigureSample.Log10RhoApp)}", "[nf, ns] = [FrequenciesHz.Length, StationsM.Length]");
        Shape(sample.PhaseDeg, nf, ns, $"{where}.{nameof(FigureSample.PhaseDeg)}", "[nf, ns] = [FrequenciesHz.Length, StationsM.Length]");
    }

    private static void Increasing(double[]? values, string name, int minLength)
    {
        if (values is null)
            throw new ArgumentException($"{name} is null.", "samples");
        if (values.Length < minLength)
            throw new ArgumentException($"{name} has {values.Length} values; at least {minLength} are needed.", "samples");
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is not finite.", "samples");
            if (i > 0 && values[i] <= values[i - 1])
                throw new ArgumentException($"{name} must be strictly increasing ({name}[{i}] = {values[i]} after {values[i - 1]}).", "samples");
        }
    }

    private static void Shape(double[,]? values, int rows, int columns, string name, string expected)
    {
        if (values is null)
            throw new ArgumentException($"{name} is null.", "samples");
        if (values.GetLength(0) != rows || values.GetLength(1) != columns)
            throw new ArgumentException(
                $"{name} is [{values.GetLength(0)}, {values.GetLength(1)}] but must be {expected} = [{rows}, {columns}].", "samples");
    }

    private static void WriteCsv(IReadOnlyList<FigureSample> samples, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
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

    private static void Row(StreamWriter writer, string sample, string panel, double x, double y, double value) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample},{panel},{x:R},{y:R},{value:R}"));

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>A colour map read backwards (for resistivity: conductive red, resistive blue).</summary>
    private sealed class Reversed(IColormap inner) : IColormap
    {
        public string Name => inner.Name + " (reversed)";
        public Color GetColor(double position) => inner.GetColor(1 - position);
    }
}
