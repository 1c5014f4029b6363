using System.Globalization;
using Mt.Data.Results;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>One row of the comparison figure: a test model and what each method recovered (log10 ohm-m, [nz, ny]).</summary>
/// <param name="Title">Names the model (e.g. "Test 3").</param>
/// <param name="TrueLog10Resistivity">The true model.</param>
/// <param name="Results">The recovered models by method; a method may be absent.</param>
public sealed record ComparisonModel(string Title, double[,] TrueLog10Resistivity, IReadOnlyDictionary<Method, double[,]> Results);

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
}

/// <summary>
/// The paper's comparison figure: one row per test model, columns true | network | NLCG (half-space start) | hybrid
/// (a method absent from every row is left out, and the figure title lists the methods shown), every panel on one
/// logarithmic colour scale with a single colour bar, depth down in km, the stations as small triangles above the
/// surface, and each recovered model titled with its RMSE of log10 resistivity against the true model.
/// </summary>
public static class ComparisonFigure
{
    private const int HeaderHeight = 56, BarWidth = 140;

    /// <summary>
    /// Draws the figure to <paramref name="pngPath"/> and its data to the same path with extension <c>.csv</c>:
    /// <c>model,method,x_km,depth_km,log10_resistivity,rmse</c>, one row per drawn cell (cell centres; method
    /// <c>true</c> or <see cref="Methods.Key"/>; rmse is the panel's, empty for the true model) and one row per station
    /// (<c>,station,x_km,0,,</c>). Both files are written atomically.
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

        FigureStyle.UseBundledFont();
        int columns = 1 + methods.Length, rows = models.Count;
        int width = columns * options.PanelWidth + BarWidth, height = HeaderHeight + rows * options.PanelHeight;
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * columns + 2);
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
                var marks = plot.Add.Markers(stationsKm, stationsKm.Select(_ => -0.5 * marginKm).ToArray(), MarkerShape.FilledTriangleDown, 4, Colors.Black.WithAlpha(0.8));
                marks.MarkerLineWidth = 0;
            }
        }
        FigureStyle.Header(multiplot.GetPlot(rows * columns),
            (methods.Length == 0 ? "True models" : "True model vs " + string.Join(", ", methods.Select(m => m.Title())))
            + $" ({rows} test model{(rows == 1 ? "" : "s")}; \u25BC stations)");
        FigureStyle.ResistivityBarPanel(multiplot.GetPlot(rows * columns + 1), range, BarWidth, padding);
        multiplot.Layout = FixedLayout.HeaderPanelsAndBar(rows, columns, options.PanelWidth, options.PanelHeight, HeaderHeight, BarWidth);

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
            }
        });

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
