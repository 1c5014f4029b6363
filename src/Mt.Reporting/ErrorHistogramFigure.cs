using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>One method's recovered models for the error histogram, aligned with the true models.</summary>
/// <param name="Key">CSV column stem (e.g. "network").</param>
/// <param name="Label">Legend text (e.g. "network").</param>
/// <param name="PredictedLog10Resistivity">One entry per true model, [nz, ny] each; null where the method has no result.</param>
public sealed record ErrorSeries(string Key, string Label, IReadOnlyList<double[,]?> PredictedLog10Resistivity);

/// <summary>
/// Histograms of the error predicted - true log10 resistivity over every cell of every test model, one outline per
/// method on shared bins, in percent of the method's cells; the legend gives each method's cell count, mean and RMS error.
/// </summary>
public static class ErrorHistogramFigure
{
    /// <summary>
    /// Draws the histograms to <paramref name="pngPath"/> and writes beside it (<c>.csv</c>)
    /// <c>bin_lower,bin_upper,KEY_count,...</c>: one row per bin, one count column per series. Bins of
    /// <paramref name="binWidth"/> are symmetric about zero and cover every error. Atomic.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">No true models or series, a series with another count of models, a model of
    /// another shape than its true model, a series without any model, or a bad bin width.</exception>
    public static string Render(IReadOnlyList<double[,]> trueLog10Resistivity, IReadOnlyList<ErrorSeries> series, string pngPath,
        double binWidth = 0.05, int width = 1100, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(trueLog10Resistivity);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        if (trueLog10Resistivity.Count == 0)
            throw new ArgumentException("At least one true model is needed.", nameof(trueLog10Resistivity));
        if (series.Count == 0)
            throw new ArgumentException("At least one series is needed.", nameof(series));
        if (!(binWidth > 0) || !double.IsFinite(binWidth))
            throw new ArgumentException($"The bin width {binWidth} must be positive and finite.", nameof(binWidth));
        if (width < 300 || height < 200)
            throw new ArgumentException($"The image of {width} x {height} pixels is too small.", nameof(width));
        for (int m = 0; m < trueLog10Resistivity.Count; m++)
        {
            double[,] t = trueLog10Resistivity[m] ?? throw new ArgumentException($"trueLog10Resistivity[{m}] is null.", nameof(trueLog10Resistivity));
            FigureCheck.Finite(t, $"trueLog10Resistivity[{m}]", nameof(trueLog10Resistivity));
        }
        var errors = new List<double[]>();
        foreach (ErrorSeries s in series)
        {
            if (s is null || string.IsNullOrWhiteSpace(s.Key) || s.Key.Contains(',', StringComparison.Ordinal) || s.PredictedLog10Resistivity is null)
                throw new ArgumentException("Every series needs a key without commas and a list of models.", nameof(series));
            if (s.PredictedLog10Resistivity.Count != trueLog10Resistivity.Count)
                throw new ArgumentException(
                    $"Series {s.Key} has {s.PredictedLog10Resistivity.Count} models but there are {trueLog10Resistivity.Count} true models.", nameof(series));
            var e = new List<double>();
            for (int m = 0; m < trueLog10Resistivity.Count; m++)
            {
                if (s.PredictedLog10Resistivity[m] is not double[,] predicted)
                    continue;
                double[,] t = trueLog10Resistivity[m];
                string name = $"{s.Key}[{m}]";
                FigureCheck.Shape(predicted, t.GetLength(0), t.GetLength(1), name, $"the shape of trueLog10Resistivity[{m}]", nameof(series));
                FigureCheck.Finite(predicted, name, nameof(series));
                foreach ((double p, double q) in predicted.Cast<double>().Zip(t.Cast<double>()))
                    e.Add(p - q);
            }
            if (e.Count == 0)
                throw new ArgumentException($"Series {s.Key} holds no model.", nameof(series));
            errors.Add([.. e]);
        }
        if (series.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != series.Count)
            throw new ArgumentException("Series keys must be distinct.", nameof(series));

        int half = Math.Max(1, (int)Math.Ceiling(errors.Max(e => e.Max(Math.Abs)) / binWidth - 1e-9));
        double[] edges = Enumerable.Range(-half, 2 * half + 1).Select(k => k * binWidth).ToArray();
        int[][] counts = errors.Select(e =>
        {
            var c = new int[2 * half];
            foreach (double v in e)
                c[Math.Clamp((int)Math.Floor(v / binWidth) + half, 0, 2 * half - 1)]++;
            return c;
        }).ToArray();

        FigureStyle.UseBundledFont();
        var multiplot = new Multiplot();
        multiplot.AddPlots(1);
        Plot plot = multiplot.GetPlot(0);
        FigureStyle.Panel(plot, $"Model error over all cells of {trueLog10Resistivity.Count} test model{(trueLog10Resistivity.Count == 1 ? "" : "s")}",
            "Predicted \u2212 true log\u2081\u2080 resistivity", "Cells (%)", new PixelPadding(80, 30, 60, 45));
        plot.Grid.IsVisible = true;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        for (int s = 0; s < series.Count; s++)
        {
            double total = errors[s].Length;
            double[] percent = counts[s].Select(c => 100 * c / total).Append(100 * counts[s][^1] / total).ToArray();
            var line = plot.Add.Scatter(edges, percent, Palette(s));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            double mean = errors[s].Average(), rms = Math.Sqrt(errors[s].Average(v => v * v));
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{series[s].Label}: {errors[s].Length} cells, mean {mean:0.000}, RMS {rms:0.000}");
        }
        plot.Add.VerticalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.Axes.SetLimitsX(edges[0], edges[^1]);
        plot.Axes.SetLimitsY(0, 1.08 * Math.Max(1e-9, counts.Select((c, s) => 100.0 * c.Max() / errors[s].Length).Max()));
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontName = BundledFonts.FamilyName;
        plot.Legend.FontSize = 13;

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("bin_lower,bin_upper," + string.Join(',', series.Select(s => s.Key + "_count")));
            for (int b = 0; b < 2 * half; b++)
                writer.WriteLine($"{FigureFile.Number(edges[b])},{FigureFile.Number(edges[b + 1])},"
                    + string.Join(',', counts.Select(c => c[b].ToString(CultureInfo.InvariantCulture))));
        });
    }

    private static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
