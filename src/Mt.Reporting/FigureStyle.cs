using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>The look shared by every figure: fonts and sizes, panel margins, colour maps, colour bars, log ticks.</summary>
internal static class FigureStyle
{
    /// <summary>The unit of resistivity as drawn in labels.</summary>
    public const string Ohm = "\u03A9\u00B7m";

    /// <summary>Registers the bundled font and fails if ScottPlot would draw with another one.</summary>
    public static void UseBundledFont()
    {
        BundledFonts.Register();
        BundledFonts.EnsureResolves(BundledFonts.FamilyName);
    }

    /// <summary>Title, axis labels and tick sizes of a panel, no grid, and fixed margins (so panels align).</summary>
    public static void Panel(Plot plot, string title, string xLabel, string yLabel, PixelPadding padding)
    {
        plot.Font.Set(BundledFonts.FamilyName);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Grid.IsVisible = false;
        plot.Layout.Fixed(padding);
    }

    /// <summary>The resistivity colour map: turbo reversed, conductive red, resistive blue.</summary>
    public static IColormap Resistivity() => new Reversed(new ScottPlot.Colormaps.Turbo());

    /// <summary>The colour map of values without a sign convention (phase).</summary>
    public static IColormap Sequential() => new ScottPlot.Colormaps.Turbo();

    /// <summary>A diverging colour map for signed values centred on zero (residuals).</summary>
    public static IColormap Diverging() => new ScottPlot.Colormaps.Balance();

    /// <summary>A colour bar beside <paramref name="plot"/> for <paramref name="source"/>; log10 ranges get ticks in ohm-m.</summary>
    public static void ColourBar(Plot plot, IHasColorAxis source, string label, ValueRange range, bool log10Ticks)
    {
        var bar = plot.Add.ColorBar(source);
        bar.Label = label;
        bar.LabelStyle.FontName = BundledFonts.FamilyName;
        bar.LabelStyle.FontSize = 13;
        bar.LabelStyle.Bold = false;
        bar.Axis.TickLabelStyle.FontName = BundledFonts.FamilyName;
        bar.Axis.TickLabelStyle.FontSize = 11;
        if (log10Ticks)
            bar.Axis.TickGenerator = Log10Ticks(range);
    }

    /// <summary>Major ticks at <see cref="ResistivityTicks"/> of a log10 range, labelled with the plain values.</summary>
    public static ScottPlot.TickGenerators.NumericManual Log10Ticks(ValueRange log10Range)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double value in ResistivityTicks(log10Range))
            ticks.AddMajor(Math.Log10(value), value.ToString("0.#####", CultureInfo.InvariantCulture));
        return ticks;
    }

    /// <summary>Tick values for a log10 range (within 0.005 in log10, so 0.7 shows 5): 1-2-5, 1-5 or 1 per decade, the
    /// first giving at most 8 ticks.</summary>
    public static IReadOnlyList<double> ResistivityTicks(ValueRange log10Range)
    {
        int[][] mantissas = [[1, 2, 5], [1, 5], [1]];
        List<double> best = [];
        foreach (int[] set in mantissas)
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

    /// <summary>Period axis of a pseudo-section (rows are log10 periods, long periods down), ticked at powers of ten.</summary>
    public static void PeriodAxis(Plot plot, double[] log10PeriodEdges)
    {
        double top = log10PeriodEdges.Min(), bottom = log10PeriodEdges.Max();
        plot.Axes.SetLimitsY(bottom: bottom, top: top);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = (int)Math.Ceiling(top - 1e-9); k <= Math.Floor(bottom + 1e-9); k++)
            ticks.AddMajor(k, PowerOfTen(k));
        plot.Axes.Left.TickGenerator = ticks;
    }

    /// <summary>"10" with a superscript exponent, e.g. 10⁻³.</summary>
    public static string PowerOfTen(int k)
    {
        const string super = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
        string digits = string.Concat(Math.Abs(k).ToString(CultureInfo.InvariantCulture).Select(c => super[c - '0']));
        return "10" + (k < 0 ? "\u207B" : "") + digits;
    }

    /// <summary>Cell edges around centres: midpoints inside, mirrored half-spacings outside (a single centre gets +-0.5).</summary>
    public static double[] CentresToEdges(double[] centres)
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

    /// <summary>log10 period edges of ascending frequencies (row i is period 1/f_i, so periods descend down the rows).</summary>
    public static double[] Log10PeriodEdges(double[] frequenciesHz) => CentresToEdges(frequenciesHz.Select(f => -Math.Log10(f)).ToArray());

    /// <summary>The range of the finite values of <paramref name="arrays"/>, widened by 0.5 each way when flat, [0, 1] when none.</summary>
    public static ValueRange DataRange(IEnumerable<double[,]> arrays)
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

    /// <summary>Throws unless the range is finite with Max &gt; Min.</summary>
    public static void CheckRange(ValueRange range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Max <= range.Min)
            throw new ArgumentException($"The colour range {name} [{range.Min}, {range.Max}] must be finite with Max > Min.", name);
    }

    /// <summary>A figure-wide title: an axis-less panel holding only <paramref name="text"/>.</summary>
    public static void Header(Plot plot, string text)
    {
        plot.Font.Set(BundledFonts.FamilyName);
        plot.Layout.Frameless();
        plot.Axes.SetLimits(0, 1, 0, 1);
        var label = plot.Add.Text(text, 0.5, 0.5);
        label.Alignment = Alignment.MiddleCenter;
        label.LabelStyle.FontName = BundledFonts.FamilyName;
        label.LabelStyle.FontSize = 18;
        label.LabelStyle.Bold = true;
        plot.Grid.IsVisible = false;
    }

    /// <summary>A colour bar that is a panel of its own (one bar for many panels): the colour map from bottom (Min) to
    /// top (Max), ticks and label on the right; <paramref name="padding"/> is the room around the bar within the panel.</summary>
    public static void ColourBarPanel(Plot plot, IColormap colormap, ValueRange range, string label, bool log10Ticks, PixelPadding padding)
    {
        const int steps = 256;
        double[] yEdges = Enumerable.Range(0, steps + 1).Select(i => range.Min + (range.Max - range.Min) * i / steps).ToArray();
        var values = new double[steps, 1];
        for (int i = 0; i < steps; i++)
            values[i, 0] = 0.5 * (yEdges[i] + yEdges[i + 1]);
        var bar = new CellGrid([0, 1], yEdges, values, colormap, new(range.Min, range.Max));
        plot.Font.Set(BundledFonts.FamilyName);
        plot.Add.Plottable(bar);
        bar.Axes.YAxis = plot.Axes.Right;
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.SetLimitsY(range.Min, range.Max, plot.Axes.Right);
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Left.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        plot.Axes.Right.Label.Text = label;
        plot.Axes.Right.Label.FontSize = 14;
        plot.Axes.Right.Label.Bold = false;
        plot.Axes.Right.TickLabelStyle.FontSize = 12;
        if (log10Ticks)
            plot.Axes.Right.TickGenerator = Log10Ticks(range);
        plot.Grid.IsVisible = false;
        plot.Layout.Fixed(padding);
    }

    /// <summary>The resistivity colour bar (log10 ticks) as a panel <paramref name="barWidth"/> wide, aligned with panels
    /// of <paramref name="panelPadding"/>.</summary>
    public static void ResistivityBarPanel(Plot plot, ValueRange log10Range, int barWidth, PixelPadding panelPadding) =>
        ColourBarPanel(plot, Resistivity(), log10Range, $"Resistivity ({Ohm})", log10Ticks: true,
            new PixelPadding(left: 20, right: barWidth - 50, bottom: panelPadding.Bottom, top: panelPadding.Top));

    /// <summary>A model panel: the cells with their true geometry in km (see <see cref="SectionAxes"/>).</summary>
    public static CellGrid ModelSection(Plot plot, double[] yEdgesM, double[] zEdgesM, double[,] log10Resistivity, ValueRange range,
        double xMinKm, double xMaxKm, double maxDepthKm, double surfaceMarginKm = 0)
    {
        double[] yKm = yEdgesM.Select(v => v / 1000).ToArray();
        double[] zKm = zEdgesM.Select(v => v / 1000).ToArray();
        var grid = new CellGrid(yKm, zKm, log10Resistivity, Resistivity(), new(range.Min, range.Max));
        plot.Add.Plottable(grid);
        SectionAxes(plot, xMinKm, xMaxKm, maxDepthKm, surfaceMarginKm);
        return grid;
    }

    /// <summary>A spread panel (a standard deviation or an error, log10 units): the cells on the
    /// <see cref="Sequential"/> colour map over <paramref name="range"/>, with the axes of <see cref="ModelSection"/>.</summary>
    public static CellGrid SpreadSection(Plot plot, double[] yEdgesM, double[] zEdgesM, double[,] values, ValueRange range,
        double xMinKm, double xMaxKm, double maxDepthKm, double surfaceMarginKm = 0)
    {
        var grid = new CellGrid([.. yEdgesM.Select(v => v / 1000)], [.. zEdgesM.Select(v => v / 1000)], values, Sequential(), new(range.Min, range.Max));
        plot.Add.Plottable(grid);
        SectionAxes(plot, xMinKm, xMaxKm, maxDepthKm, surfaceMarginKm);
        return grid;
    }

    /// <summary>The colour range of spread panels: 0 to the 99th percentile of <paramref name="values"/> (at least
    /// 1e-3), so that a few large values do not wash out the rest.</summary>
    public static ValueRange SpreadRange(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return new ValueRange(0, sorted.Length == 0 ? 1e-3 : Math.Max(1e-3, sorted[(int)(0.99 * (sorted.Length - 1))]));
    }

    /// <summary>The colour bar of spread panels (log10 units) as a panel <paramref name="barWidth"/> wide, aligned with
    /// panels of <paramref name="panelPadding"/>.</summary>
    public static void SpreadBarPanel(Plot plot, ValueRange range, int barWidth, PixelPadding panelPadding) =>
        ColourBarPanel(plot, Sequential(), range, "log10 units", log10Ticks: false,
            new PixelPadding(left: 20, right: barWidth - 50, bottom: panelPadding.Bottom, top: panelPadding.Top));

    /// <summary>The axes of a section: distance across, depth down from the surface to <paramref name="maxDepthKm"/>,
    /// with <paramref name="surfaceMarginKm"/> of room above the surface (for station marks) and then ticks only at
    /// depths &gt;= 0.</summary>
    public static void SectionAxes(Plot plot, double xMinKm, double xMaxKm, double maxDepthKm, double surfaceMarginKm = 0)
    {
        plot.Axes.SetLimitsX(xMinKm, xMaxKm);
        plot.Axes.SetLimitsY(bottom: maxDepthKm, top: -surfaceMarginKm); // depth points down
        if (surfaceMarginKm > 0)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            double step = NiceStep(maxDepthKm / 6);
            for (double d = 0; d <= maxDepthKm + 1e-9; d += step)
                ticks.AddMajor(d, d.ToString("0.##", CultureInfo.InvariantCulture));
            plot.Axes.Left.TickGenerator = ticks;
        }
    }

    /// <summary>The smallest 1, 2, 2.5 or 5 times a power of ten that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * power >= rough - 1e-12)
                return m * power;
        return 10 * power;
    }

    /// <summary>A colour map read backwards.</summary>
    private sealed class Reversed(IColormap inner) : IColormap
    {
        public string Name => inner.Name + " (reversed)";
        public Color GetColor(double position) => inner.GetColor(1 - position);
    }
}
