using System.Globalization;
using System.Text.Json;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Geology.Families;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>The examples of one geology family drawn in one row of <see cref="GeologyFamiliesFigure"/>.</summary>
/// <param name="Family">The family's name, as in the experiment file (e.g. <c>thin_layers</c>).</param>
/// <param name="SampleIndices">The training-set index of each example.</param>
/// <param name="Log10Resistivity">Each example's model, [nz, ny] log10 ohm-m.</param>
public sealed record FamilyExamples(string Family, IReadOnlyList<int> SampleIndices, IReadOnlyList<double[,]> Log10Resistivity);

/// <summary>Settings of <see cref="GeologyFamiliesFigure"/>; every member has a default.</summary>
public sealed record GeologyFamiliesFigureOptions
{
    /// <summary>Width of one panel in pixels.</summary>
    public int PanelWidth { get; init; } = 420;

    /// <summary>Height of one panel in pixels.</summary>
    public int PanelHeight { get; init; } = 210;

    /// <summary>The colour range in log10(ohm-m); default 1 to 20000 ohm-m, the families' range.</summary>
    public ValueRange Log10ResistivityRange { get; init; } = new(0, Math.Log10(20000));

    /// <summary>Deepest depth shown, in km; by default the bottom of the mesh.</summary>
    public double? MaxDepthKm { get; init; }
}

/// <summary>
/// Examples of the geology families of an experiment: one row per family, one column per example (the first training
/// models of that family, each titled with its sample index), all on one logarithmic colour scale with one colour bar,
/// depth down in km.
/// </summary>
public static class GeologyFamiliesFigure
{
    private const int HeaderHeight = 56, BarWidth = 140;

    /// <summary>
    /// The figure of <paramref name="perFamily"/> examples of every family of <paramref name="data"/> (the first
    /// training samples the mixture gives each family), written to <paramref name="pngPath"/> with its CSV beside it.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    public static string RenderExperiment(string experimentName, DataSection data, int perFamily, string pngPath, double? maxDepthKm = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(perFamily, 1);
        var mixture = GeologyMixture.FromData(data);
        // Scan the training indices until every family has its examples (the weights make that quick).
        var found = mixture.Families.ToDictionary(f => f, _ => new List<int>());
        for (int i = 0; found.Values.Any(l => l.Count < perFamily); i++)
        {
            if (i >= 100 * perFamily * found.Count) throw new InvalidOperationException("a family of very small weight: too few samples of it found");
            List<int> list = found[mixture.FamilyOf(DataSplit.Train, i)];
            if (list.Count < perFamily) list.Add(i);
        }

        FamilyExamples[] rows = [.. found.Select(f => new FamilyExamples(JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Key.ToString()), f.Value,
            [.. f.Value.Select(i => Log10(mixture.Generate(DataSplit.Train, i).Model.ResistivityOhmM))]))];
        return Render([.. mixture.Grid.YEdgesM], [.. mixture.Grid.ZEdgesM], rows, pngPath,
            $"Geology families of {experimentName} ({mixture.GeneratorName}): training models",
            new GeologyFamiliesFigureOptions { MaxDepthKm = maxDepthKm });
    }

    /// <summary>
    /// Draws the figure to <paramref name="pngPath"/> and its data to the same path with extension <c>.csv</c>:
    /// <c>family,sample,x_km,depth_km,log10_resistivity</c>, one row per drawn cell (cell centres). Both files are
    /// written atomically.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">No families, a family without examples, a grid that is not increasing, or a
    /// model of another shape than the grid.</exception>
    public static string Render(double[] yEdgesM, double[] zEdgesM, IReadOnlyList<FamilyExamples> families, string pngPath, string title,
        GeologyFamiliesFigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        options ??= new GeologyFamiliesFigureOptions();
        FigureCheck.Increasing(yEdgesM, nameof(yEdgesM), 2, nameof(yEdgesM));
        FigureCheck.Increasing(zEdgesM, nameof(zEdgesM), 2, nameof(zEdgesM));
        if (families.Count == 0) throw new ArgumentException("At least one family is needed.", nameof(families));
        int nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1;
        for (int f = 0; f < families.Count; f++)
        {
            FamilyExamples row = families[f] ?? throw new ArgumentException($"families[{f}] is null.", nameof(families));
            if (row.Log10Resistivity.Count == 0 || row.Log10Resistivity.Count != row.SampleIndices.Count)
                throw new ArgumentException($"families[{f}] needs at least one example and one sample index per example.", nameof(families));
            for (int e = 0; e < row.Log10Resistivity.Count; e++)
            {
                FigureCheck.Shape(row.Log10Resistivity[e], nz, ny, $"families[{f}].Log10Resistivity[{e}]", "[nz, ny] = [zEdgesM.Length - 1, yEdgesM.Length - 1]", nameof(families));
                FigureCheck.Finite(row.Log10Resistivity[e], $"families[{f}].Log10Resistivity[{e}]", nameof(families));
            }
        }
        if (options.PanelWidth < 200 || options.PanelHeight < 120)
            throw new ArgumentException($"Panels of {options.PanelWidth} x {options.PanelHeight} pixels are too small (at least 200 x 120).", nameof(options));
        ValueRange range = options.Log10ResistivityRange;
        FigureStyle.CheckRange(range, nameof(options.Log10ResistivityRange));
        double maxDepthKm = options.MaxDepthKm ?? zEdgesM[^1] / 1000;
        if (!(maxDepthKm > 0)) throw new ArgumentException($"The deepest depth shown must be > 0 km, got {maxDepthKm}.", nameof(options));
        double xMin = yEdgesM[0] / 1000, xMax = yEdgesM[^1] / 1000;

        FigureStyle.UseBundledFont();
        int rows = families.Count, columns = families.Max(f => f.Log10Resistivity.Count);
        int width = columns * options.PanelWidth + BarWidth, height = HeaderHeight + rows * options.PanelHeight;
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * columns + 2);
        var padding = new PixelPadding(left: 62, right: 14, bottom: 44, top: 32);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                Plot plot = multiplot.GetPlot(r * columns + c);
                FamilyExamples row = families[r];
                bool drawn = c < row.Log10Resistivity.Count;
                FigureStyle.Panel(plot, drawn ? $"{row.Family}: model {row.SampleIndices[c]}" : row.Family,
                    r == rows - 1 ? "Distance (km)" : "", c == 0 ? "Depth (km)" : "", padding);
                plot.Title(plot.Axes.Title.Label.Text, size: 13);
                if (drawn) FigureStyle.ModelSection(plot, yEdgesM, zEdgesM, row.Log10Resistivity[c], range, xMin, xMax, maxDepthKm);
                else FigureStyle.SectionAxes(plot, xMin, xMax, maxDepthKm);
            }

        FigureStyle.Header(multiplot.GetPlot(rows * columns), title);
        FigureStyle.ResistivityBarPanel(multiplot.GetPlot(rows * columns + 1), range, BarWidth, padding);
        multiplot.Layout = FixedLayout.HeaderPanelsAndBar(rows, columns, options.PanelWidth, options.PanelHeight, HeaderHeight, BarWidth);

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("family,sample,x_km,depth_km,log10_resistivity");
            foreach (FamilyExamples row in families)
                for (int e = 0; e < row.Log10Resistivity.Count; e++)
                {
                    string sample = row.SampleIndices[e].ToString(CultureInfo.InvariantCulture);
                    for (int i = 0; i < nz; i++)
                    {
                        string depth = FigureFile.Number(0.5e-3 * (zEdgesM[i] + zEdgesM[i + 1]));
                        for (int j = 0; j < ny; j++)
                            writer.WriteLine($"{row.Family},{sample},{FigureFile.Number(0.5e-3 * (yEdgesM[j] + yEdgesM[j + 1]))},{depth},{FigureFile.Number(row.Log10Resistivity[e][i, j])}");
                    }
                }
        });
    }

    private static double[,] Log10(double[,] resistivityOhmM)
    {
        var log10 = new double[resistivityOhmM.GetLength(0), resistivityOhmM.GetLength(1)];
        for (int i = 0; i < log10.GetLength(0); i++)
            for (int j = 0; j < log10.GetLength(1); j++) log10[i, j] = Math.Log10(resistivityOhmM[i, j]);
        return log10;
    }
}
