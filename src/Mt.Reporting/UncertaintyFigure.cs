using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>One row of the uncertainty figure: a test model, the ensemble's mean and its calibrated standard deviation
/// (log10 ohm-m, [z, y]).</summary>
public sealed record UncertaintyModel(string Title, double[,] TrueLog10Resistivity, double[,] MeanLog10Resistivity, double[,] StandardDeviation);

/// <summary>
/// The deep ensemble's figure: one row per test model, columns true model | ensemble mean | calibrated standard deviation
/// (the members' spread times the fitted scale) | |mean - true| on the same scale as the standard deviation, so that a
/// calibrated ensemble's error panel looks like its standard-deviation panel. Resistivity on the comparison figure's
/// colour scale; the standard deviation and the error on one sequential scale of their own (log10 units).
/// </summary>
public static class UncertaintyFigure
{
    private const int HeaderHeight = 56, BarWidth = 140, PanelWidth = 440, PanelHeight = 250;

    /// <summary>Draws the figure to <paramref name="pngPath"/> and its data to the same path with extension <c>.csv</c>
    /// (<c>model,panel,x_km,depth_km,value</c>, one row per cell and panel); returns the CSV's path.</summary>
    /// <exception cref="ArgumentException">No models, a grid that is not increasing, or a section of another shape.</exception>
    public static string Render(double[] yEdgesM, double[] zEdgesM, double[] stationsM, IReadOnlyList<UncertaintyModel> models, ValueRange log10Range,
        double scale, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(models);
        FigureCheck.Increasing(yEdgesM, nameof(yEdgesM), 2, nameof(yEdgesM));
        FigureCheck.Increasing(zEdgesM, nameof(zEdgesM), 2, nameof(zEdgesM));
        FigureCheck.Increasing(stationsM, nameof(stationsM), 1, nameof(stationsM));
        if (models.Count == 0) throw new ArgumentException("At least one model is needed.", nameof(models));
        int nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1;
        const string grid = "[nz, ny] = [zEdgesM.Length - 1, yEdgesM.Length - 1]";
        var errors = new List<double[,]>();
        foreach (UncertaintyModel m in models)
        {
            foreach ((double[,] values, string name) in new[] { (m.TrueLog10Resistivity, "true"), (m.MeanLog10Resistivity, "mean"), (m.StandardDeviation, "sd") })
            {
                FigureCheck.Shape(values, nz, ny, $"{m.Title} {name}", grid, nameof(models));
                FigureCheck.Finite(values, $"{m.Title} {name}", nameof(models));
            }
            var error = new double[nz, ny];
            for (int i = 0; i < nz; i++) for (int j = 0; j < ny; j++) error[i, j] = Math.Abs(m.MeanLog10Resistivity[i, j] - m.TrueLog10Resistivity[i, j]);
            errors.Add(error);
        }
        FigureStyle.CheckRange(log10Range, nameof(log10Range));
        // One scale for spread and error.
        ValueRange sdRange = FigureStyle.SpreadRange(models.SelectMany(m => m.StandardDeviation.Cast<double>()).Concat(errors.SelectMany(e => e.Cast<double>())));

        double maxDepthKm = zEdgesM[^1] / 1000, marginKm = 0.06 * maxDepthKm;
        double xMin = Math.Min(yEdgesM[0], stationsM[0]) / 1000, xMax = Math.Max(yEdgesM[^1], stationsM[^1]) / 1000;
        double[] stationsKm = [.. stationsM.Select(s => s / 1000)];
        string[] titles = ["true model", "ensemble mean", $"standard deviation (x {scale.ToString("0.00", CultureInfo.InvariantCulture)})", "|mean - true|"];

        FigureStyle.UseBundledFont();
        int rows = models.Count, columns = 4;
        int width = columns * PanelWidth + 2 * BarWidth, height = HeaderHeight + rows * PanelHeight;
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * columns + 3);
        var padding = new PixelPadding(left: 62, right: 14, bottom: 44, top: 32);
        for (int r = 0; r < rows; r++)
        {
            UncertaintyModel model = models[r];
            double[][,] panels = [model.TrueLog10Resistivity, model.MeanLog10Resistivity, model.StandardDeviation, errors[r]];
            for (int c = 0; c < columns; c++)
            {
                Plot plot = multiplot.GetPlot(r * columns + c);
                string title = c == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{titles[c]}, RMSE {Mt.Data.Models.SectionError.Rmse(model.MeanLog10Resistivity, model.TrueLog10Resistivity):0.000}")
                    : titles[c];
                FigureStyle.Panel(plot, $"{model.Title}: {title}", r == rows - 1 ? "Distance (km)" : "", c == 0 ? "Depth (km)" : "", padding);
                plot.Title(plot.Axes.Title.Label.Text, size: 13);
                if (c < 2) FigureStyle.ModelSection(plot, yEdgesM, zEdgesM, panels[c], log10Range, xMin, xMax, maxDepthKm, marginKm);
                else FigureStyle.SpreadSection(plot, yEdgesM, zEdgesM, panels[c], sdRange, xMin, xMax, maxDepthKm, marginKm);
                var marks = plot.Add.Markers(stationsKm, stationsKm.Select(_ => -0.5 * marginKm).ToArray(), MarkerShape.FilledTriangleDown, 4, Colors.Black.WithAlpha(0.8));
                marks.MarkerLineWidth = 0;
            }
        }
        FigureStyle.Header(multiplot.GetPlot(rows * columns),
            $"Deep ensemble: mean and calibrated standard deviation of log10 resistivity ({rows} test model{(rows == 1 ? "" : "s")}; \u25BC stations)");
        FigureStyle.ResistivityBarPanel(multiplot.GetPlot(rows * columns + 1), log10Range, BarWidth, padding);
        FigureStyle.SpreadBarPanel(multiplot.GetPlot(rows * columns + 2), sdRange, BarWidth, padding);
        multiplot.Layout = new FixedLayout(figure =>
        {
            var rects = new List<PixelRect>();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    rects.Add(FixedLayout.Cell(figure.Left + (c >= 2 ? BarWidth : 0), figure.Top + HeaderHeight, PanelWidth, PanelHeight, r, c));
            rects.Add(new PixelRect(figure.Left, figure.Right, figure.Top + HeaderHeight, figure.Top));
            float bottom = figure.Top + HeaderHeight + rows * PanelHeight, top = figure.Top + HeaderHeight;
            float resistivityBar = figure.Left + 2 * PanelWidth, sdBar = figure.Left + 4 * PanelWidth + BarWidth;
            rects.Add(new PixelRect(resistivityBar, resistivityBar + BarWidth, bottom, top));
            rects.Add(new PixelRect(sdBar, sdBar + BarWidth, bottom, top));
            return [.. rects];
        });

        string[] keys = ["true", "mean", "sd", "error"];
        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("model,panel,x_km,depth_km,value");
            for (int r = 0; r < rows; r++)
            {
                double[][,] panels = [models[r].TrueLog10Resistivity, models[r].MeanLog10Resistivity, models[r].StandardDeviation, errors[r]];
                for (int c = 0; c < columns; c++)
                    for (int i = 0; i < nz; i++)
                        for (int j = 0; j < ny; j++)
                            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"{r + 1},{keys[c]},{FigureFile.Number(0.5 * (yEdgesM[j] + yEdgesM[j + 1]) / 1000)},{FigureFile.Number(0.5 * (zEdgesM[i] + zEdgesM[i + 1]) / 1000)},{FigureFile.Number(panels[c][i, j])}"));
            }
        });
    }
}
