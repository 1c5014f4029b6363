using System.Globalization;
using Mt.Data.Results;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>One row of the comparison figure: a test model and what each method recovered (log10 ohm-m, [nz, ny]).</summary>
/// <param name="Title">Names the model (e.g. "Test 3").</param>
/// <param name="TrueLog10Resistivity">The true model.</param>
/// <param name="Results">The recovered models by method; a method may be absent.</param>
/// <param name="StandardDeviation">The uncertainty of the network's section (the deep ensemble's calibrated standard
/// deviation of log10 resistivity), or null.</param>
public sealed record ComparisonModel(string Title, double[,] TrueLog10Resistivity, IReadOnlyDictionary<Method, double[,]> Results,
    double[,]? StandardDeviation = null);

/// <summary>Settings of <see cref="ComparisonFigure"/>; every member has a default.</summary>
public sealed record ComparisonFigureOptions
{
    /// <summary>Width of one panel in pixels.</summary>
    public int PanelWidth { get; init; } = 520;

    /// <summary>Height of one panel in pixels.</summary>
    public int PanelHeight { get; init; } = 270;

    /// <summary>The shared colour range in log10(ohm-m); by default that of every drawn model.</summary>
    public ValueRange? Log10ResistivityRange { get; init; }

    /// <summary>Deepest depth shown, in km; by default the bottom of the mesh.</summary>
    public double? MaxDepthKm { get; init; }

    /// <summary>Title of the standard-deviation panels (drawn when a model has one).</summary>
    public string UncertaintyTitle { get; init; } = "ensemble standard deviation";
}

/// <summary>
/// The paper's comparison figure: one row per test model, columns true | network | NLCG (half-space start) | hybrid
/// (a method absent from every row is left out, and the figure title lists the methods shown), every panel on one
/// logarithmic colour scale with a single colour bar, depth down in km, the stations as small triangles above the
/// surface, and each recovered model titled with its RMSE of log10 resistivity against the true model. When the models
/// carry a <see cref="ComparisonModel.StandardDeviation"/>, a last column shows it beside the resistivity colour bar,
/// on a sequential scale of its own (0 to its 99th percentile, log10 units) with a second bar.
/// </summary>
public static class ComparisonFigure
{
    private const int HeaderHeight = 56, BarWidth = 140;

    /// <summary>
    /// Draws the figure to <paramref name="pngPath"/> and its data to the same path with extension <c>.csv</c>:
    /// <c>model,method,x_km,depth_km,log10_resistivity,rmse</c>, one row per drawn cell (cell centres; method
    /// <c>true</c> or <see cref="Methods.Key"/>; rmse is the panel's, empty for the true model) and one row per station
    /// (<c>,station,x_km,0,,</c>); the standard deviation's cells have method <c>sd</c> and no rmse. Both files are
    /// written atomically.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">No models, a grid that is not increasing, or a model of another shape than the grid.</exception>
    public static string Render(double[] yEdgesM, double[] zEdgesM, double[] stationsM, IReadOnlyList<ComparisonModel> models,
        string pngPath, ComparisonFigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        options ??= new ComparisonFigureOptions();
        FigureCheck.Increasing(yEdgesM, nameof(yEdgesM), 2, nameof(yEdgesM));
        FigureCheck.Increasing(zEdgesM, nameof(zEdgesM), 2, nameof(zEdgesM));
        FigureCheck.Increasing(stationsM, nameof(stationsM), 1, nameof(stationsM));
        if (models.Count == 0)
            throw new ArgumentException("At least one model is needed.", nameof(models));
        int nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1;
        for (int m = 0; m < models.Count; m++)
        {
            ComparisonModel model = models[m] ?? throw new ArgumentException($"models[{m}] is null.", nameof(models));
            const string grid = "[nz, ny] = [zEdgesM.Length - 1, yEdgesM.Length - 1]";
            FigureCheck.Shape(model.TrueLog10Resistivity, nz, ny, $"models[{m}].{nameof(ComparisonModel.TrueLog10Resistivity)}", grid, nameof(models));
            FigureCheck.Finite(model.TrueLog10Resistivity, $"models[{m}].{nameof(ComparisonModel.TrueLog10Resistivity)}", nameof(models));
            foreach ((Method method, double[,] result) in model.Results ?? throw new ArgumentException($"models[{m}].Results is null.", nameof(models)))
            {
                FigureCheck.Shape(result, nz, ny, $"models[{m}].Results[{method}]", grid, nameof(models));
                FigureCheck.Finite(result, $"models[{m}].Results[{method}]", nameof(models));
            }
            if (model.StandardDeviation is { } sd)
            {
                FigureCheck.Shape(sd, nz, ny, $"models[{m}].{nameof(ComparisonModel.StandardDeviation)}", grid, nameof(models));
                FigureCheck.Finite(sd, $"models[{m}].{nameof(ComparisonModel.StandardDeviation)}", nameof(models));
            }
        }
        if (options.PanelWidth < 200 || options.PanelHeight < 120)
            throw new ArgumentException($"Panels of {options.PanelWidth} x {options.PanelHeight} pixels are too small (at least 200 x 120).", nameof(options));

        Method[] methods = Enum.GetValues<Method>().Where(x => models.Any(m => m.Results.ContainsKey(x))).ToArray();
        ValueRange range = options.Log10ResistivityRange
            ?? FigureStyle.DataRange(models.SelectMany(m => m.Results.Values.Prepend(m.TrueLog10Resistivity)));
        FigureStyle.CheckRange(range, nameof(options.Log10ResistivityRange));
        double maxDepthKm = options.MaxDepthKm ?? zEdgesM[^1] / 1000;
        double[] stationsKm = stationsM.Select(s => s / 1000).ToArray();
        double xMin = Math.Min(yEdgesM[0], stationsM[0]) / 1000, xMax = Math.Max(yEdgesM[^1], stationsM[^1]) / 1000;
        double marginKm = 0.06 * maxDepthKm;

        bool withSd = models.Any(m => m.StandardDeviation is not null);
        ValueRange sdRange = FigureStyle.SpreadRange(models.Where(m => m.StandardDeviation is not null).SelectMany(m => m.StandardDeviation!.Cast<double>()));

        FigureStyle.UseBundledFont();
        int columns = 1 + methods.Length, rows = models.Count, sdPanels = withSd ? rows : 0;
        int width = columns * options.PanelWidth + BarWidth + (withSd ? options.PanelWidth + BarWidth : 0), height = HeaderHeight + rows * options.PanelHeight;
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * columns + sdPanels + 2 + (withSd ? 1 : 0));
        var padding = new PixelPadding(left: 62, right: 14, bottom: 44, top: 32);
        for (int r = 0; r < rows; r++)
        {
            ComparisonModel model = models[r];
            for (int c = 0; c < columns; c++)
            {
                Plot plot = multiplot.GetPlot(r * columns + c);
                double[,]? values = c == 0 ? model.TrueLog10Resistivity : model.Results.GetValueOrDefault(methods[c - 1]);
                string what = c == 0 ? "true model"
                    : values is null ? methods[c - 1].Title()
                    : string.Create(CultureInfo.InvariantCulture, $"{methods[c - 1].Title()}, RMSE {Mt.Data.Models.SectionError.Rmse(values, model.TrueLog10Resistivity):0.000}");
                FigureStyle.Panel(plot, $"{model.Title}: {what}", r == rows - 1 ? "Distance (km)" : "", c == 0 ? "Depth (km)" : "", padding);
                plot.Title(plot.Axes.Title.Label.Text, size: 13);
                if (values is null)
                {
                    FigureStyle.SectionAxes(plot, xMin, xMax, maxDepthKm, marginKm);
                    var note = plot.Add.Text("no result", 0.5 * (xMin + xMax), 0.5 * maxDepthKm);
                    note.Alignment = Alignment.MiddleCenter;
                    note.LabelStyle.FontSize = 14;
                    note.LabelStyle.ForeColor = Colors.Gray;
                    continue;
                }
                FigureStyle.ModelSection(plot, yEdgesM, zEdgesM, values, range, xMin, xMax, maxDepthKm, marginKm);
                Stations(plot);
            }
        }
        for (int r = 0; r < sdPanels; r++)
        {
            Plot plot = multiplot.GetPlot(rows * columns + r);
            FigureStyle.Panel(plot, $"{models[r].Title}: {options.UncertaintyTitle}", r == rows - 1 ? "Distance (km)" : "", "", padding);
            plot.Title(plot.Axes.Title.Label.Text, size: 13);
            if (models[r].StandardDeviation is { } sd) FigureStyle.SpreadSection(plot, yEdgesM, zEdgesM, sd, sdRange, xMin, xMax, maxDepthKm, marginKm);
            else FigureStyle.SectionAxes(plot, xMin, xMax, maxDepthKm, marginKm);
            Stations(plot);
        }
        int extras = rows * columns + sdPanels;
        FigureStyle.Header(multiplot.GetPlot(extras),
            (methods.Length == 0 ? "True models" : "True model vs " + string.Join(", ", methods.Select(m => m.Title())))
            + (withSd ? $"; {options.UncertaintyTitle}" : "") + $" ({rows} test model{(rows == 1 ? "" : "s")}; \u25BC stations)");
        FigureStyle.ResistivityBarPanel(multiplot.GetPlot(extras + 1), range, BarWidth, padding);
        if (withSd)
        {
            FigureStyle.SpreadBarPanel(multiplot.GetPlot(extras + 2), sdRange, BarWidth, padding);
            // The resistivity panels, the resistivity bar, the standard-deviation column and its bar, left to right.
            int pw = options.PanelWidth, ph = options.PanelHeight;
            multiplot.Layout = new FixedLayout(figure =>
            {
                var rects = new List<PixelRect>();
                float top = figure.Top + HeaderHeight, bottom = top + rows * ph, sdLeft = figure.Left + columns * pw + BarWidth;
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < columns; c++) rects.Add(FixedLayout.Cell(figure.Left, top, pw, ph, r, c));
                for (int r = 0; r < rows; r++) rects.Add(FixedLayout.Cell(sdLeft, top, pw, ph, r, 0));
                rects.Add(new PixelRect(figure.Left, figure.Right, top, figure.Top));
                rects.Add(new PixelRect(sdLeft - BarWidth, sdLeft, bottom, top));
                rects.Add(new PixelRect(sdLeft + pw, sdLeft + pw + BarWidth, bottom, top));
                return [.. rects];
            });
        }
        else multiplot.Layout = FixedLayout.HeaderPanelsAndBar(rows, columns, options.PanelWidth, options.PanelHeight, HeaderHeight, BarWidth);

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("model,method,x_km,depth_km,log10_resistivity,rmse");
            foreach (double s in stationsKm)
                writer.WriteLine($",station,{FigureFile.Number(s)},0,,");
            for (int r = 0; r < rows; r++)
            {
                ComparisonModel model = models[r];
                string id = (r + 1).ToString(CultureInfo.InvariantCulture);
                WriteCells(writer, id, "true", model.TrueLog10Resistivity, "");
                foreach (Method method in methods)
                    if (model.Results.TryGetValue(method, out double[,]? values))
                        WriteCells(writer, id, method.Key(), values, FigureFile.Number(Mt.Data.Models.SectionError.Rmse(values, model.TrueLog10Resistivity)));
                if (model.StandardDeviation is { } sd) WriteCells(writer, id, "sd", sd, "");
            }
        });

        void Stations(Plot plot)
        {
            var marks = plot.Add.Markers(stationsKm, stationsKm.Select(_ => -0.5 * marginKm).ToArray(), MarkerShape.FilledTriangleDown, 4, Colors.Black.WithAlpha(0.8));
            marks.MarkerLineWidth = 0;
        }

        void WriteCells(TextWriter writer, string model, string method, double[,] values, string rmse)
        {
            for (int i = 0; i < nz; i++)
            {
                string depth = FigureFile.Number(0.5e-3 * (zEdgesM[i] + zEdgesM[i + 1]));
                for (int j = 0; j < ny; j++)
                    writer.WriteLine($"{model},{method},{FigureFile.Number(0.5e-3 * (yEdgesM[j] + yEdgesM[j + 1]))},{depth},{FigureFile.Number(values[i, j])},{rmse}");
            }
        }
    }
}
