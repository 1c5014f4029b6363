using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>A recovered section of the field line: log10 resistivity [nz, ny] on the line's inversion grid.</summary>
/// <param name="Key">Short name, the <c>method</c> value of the CSV (e.g. <c>nlcg_halfspace</c>).</param>
/// <param name="Label">Panel title (the data RMS is appended).</param>
/// <param name="Log10Resistivity">The section.</param>
/// <param name="DataRms">Its data RMS against the observed data under their errors.</param>
public sealed record FieldSection(string Key, string Label, double[,] Log10Resistivity, double DataRms);

/// <summary>One observed datum of the field line.</summary>
/// <param name="Station">Index into the stations.</param>
/// <param name="Mode">"TE" or "TM".</param>
/// <param name="FrequencyHz">Frequency.</param>
/// <param name="Log10RhoApp">Observed log10 apparent resistivity.</param>
/// <param name="PhaseDeg">Observed phase.</param>
/// <param name="Log10RhoAppError">Standard error of the log10 apparent resistivity.</param>
/// <param name="PhaseErrorDeg">Standard error of the phase.</param>
public sealed record FieldDatum(int Station, string Mode, double FrequencyHz, double Log10RhoApp, double PhaseDeg, double Log10RhoAppError, double PhaseErrorDeg);

/// <summary>A model's predicted data, one value per <see cref="FieldDatum"/> in the same order.</summary>
/// <param name="Key">Short name, the <c>method</c> value of the CSV.</param>
/// <param name="Label">Legend text.</param>
/// <param name="Log10RhoApp">Predicted log10 apparent resistivity.</param>
/// <param name="PhaseDeg">Predicted phase.</param>
public sealed record FieldFit(string Key, string Label, double[] Log10RhoApp, double[] PhaseDeg);

/// <summary>Everything <see cref="FieldFigure"/> draws.</summary>
/// <param name="Title">Figure title.</param>
/// <param name="YEdgesM">Lateral cell edges of the inversion grid (m along the profile).</param>
/// <param name="ZEdgesM">Depth cell edges (m, down).</param>
/// <param name="StationsM">Station distances along the profile, strictly increasing.</param>
/// <param name="StationNames">Station names, one per station.</param>
/// <param name="Sections">The sections drawn side by side, one colour scale.</param>
/// <param name="Data">The observed data.</param>
/// <param name="Fits">Predicted data of some models (drawn as lines in the data-fit panels).</param>
/// <param name="FitStations">Indices of the stations whose data fit is drawn (1 to 6).</param>
public sealed record FieldFigureInput(string Title, double[] YEdgesM, double[] ZEdgesM, double[] StationsM, IReadOnlyList<string> StationNames,
    IReadOnlyList<FieldSection> Sections, IReadOnlyList<FieldDatum> Data, IReadOnlyList<FieldFit> Fits, IReadOnlyList<int> FitStations);

/// <summary>
/// The field line's figure: the recovered sections side by side on the line's grid (one logarithmic colour scale with a
/// single colour bar, depth down in km, stations as triangles, the data-fit stations in magenta, each section titled with
/// its data RMS), and below, per data-fit station, observed apparent resistivity and phase against period (TE blue
/// circles, TM red squares, error bars of one standard error) with each fit's prediction as a line (first solid, then
/// dashed, dotted).
/// </summary>
public static class FieldFigure
{
    private const int HeaderHeight = 56, BarWidth = 140, SectionHeight = 330, RhoHeight = 300, PhaseHeight = 270, FitWidth = 430;
    private static readonly Color Te = Colors.C0, Tm = Colors.C3, FitStation = Colors.Magenta;

    /// <summary>
    /// Draws the figure to <paramref name="pngPath"/> and its data to the same path with extension <c>.csv</c>:
    /// <c>kind,method,station,x_km,depth_km,mode,period_s,log10_resistivity,log10_rho_app,phase_deg,log10_rho_app_err,phase_err_deg,data_rms</c>
    /// with kind <c>station</c> (one row per station), <c>cell</c> (one row per section cell, cell centres),
    /// <c>observed</c> and <c>predicted</c> (one row per datum of the data-fit stations, and per fit). Returns the CSV path.
    /// </summary>
    /// <exception cref="ArgumentException">Inconsistent shapes, non-finite values, no section or bad station indices.</exception>
    public static string Render(FieldFigureInput input, string pngPath, double? maxDepthKm = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        Check(input);
        int nz = input.ZEdgesM.Length - 1, ny = input.YEdgesM.Length - 1;
        ValueRange range = FigureStyle.DataRange(input.Sections.Select(s => s.Log10Resistivity));
        double depthKm = maxDepthKm ?? input.ZEdgesM[^1] / 1000;
        double[] stationsKm = [.. input.StationsM.Select(s => s / 1000)];
        double length = Math.Max(stationsKm[^1] - stationsKm[0], 1);
        double xMin = stationsKm[0] - 0.04 * length, xMax = stationsKm[^1] + 0.04 * length;
        double marginKm = 0.06 * depthKm;

        FigureStyle.UseBundledFont();
        int sections = input.Sections.Count, fits = input.FitStations.Count;
        int width = Math.Max(4, fits) * FitWidth + BarWidth, height = HeaderHeight + SectionHeight + RhoHeight + PhaseHeight;
        float sectionWidth = (float)(width - BarWidth) / sections, fitWidth = (float)(width - BarWidth) / fits;
        var multiplot = new Multiplot();
        multiplot.AddPlots(sections + 2 + 2 * fits);
        var padding = new PixelPadding(left: 62, right: 14, bottom: 44, top: 32);
        for (int c = 0; c < sections; c++)
        {
            FieldSection section = input.Sections[c];
            Plot plot = multiplot.GetPlot(c);
            FigureStyle.Panel(plot, string.Create(CultureInfo.InvariantCulture, $"{section.Label}, data RMS {section.DataRms:0.00}"),
                "Distance along the profile (km)", c == 0 ? "Depth (km)" : "", padding);
            plot.Title(plot.Axes.Title.Label.Text, size: 13);
            FigureStyle.ModelSection(plot, input.YEdgesM, input.ZEdgesM, section.Log10Resistivity, range, xMin, xMax, depthKm, marginKm);
            var marks = plot.Add.Markers(stationsKm, [.. stationsKm.Select(_ => -0.5 * marginKm)], MarkerShape.FilledTriangleDown, 6, Colors.Black.WithAlpha(0.8));
            marks.MarkerLineWidth = 0;
            double[] fitKm = [.. input.FitStations.Select(s => stationsKm[s])];
            var fitMarks = plot.Add.Markers(fitKm, [.. fitKm.Select(_ => -0.5 * marginKm)], MarkerShape.FilledTriangleDown, 8, FitStation);
            fitMarks.MarkerLineWidth = 0;
        }
        FigureStyle.Header(multiplot.GetPlot(sections), input.Title);
        FigureStyle.ColourBarPanel(multiplot.GetPlot(sections + 1), FigureStyle.Resistivity(), range, $"Resistivity ({FigureStyle.Ohm})",
            log10Ticks: true, new PixelPadding(left: 20, right: BarWidth - 50, bottom: padding.Bottom, top: padding.Top));

        double[] allPeriods = [.. input.Data.Select(d => -Math.Log10(d.FrequencyHz))];
        double pMin = allPeriods.Min() - 0.2, pMax = allPeriods.Max() + 0.2;
        var rhoRange = PaddedRange(input.Data.Select(d => d.Log10RhoApp).Concat(input.Fits.SelectMany(f => f.Log10RhoApp)), 0.1);
        var phaseRange = PaddedRange(input.Data.Select(d => d.PhaseDeg).Concat(input.Fits.SelectMany(f => f.PhaseDeg)), 3);
        for (int c = 0; c < fits; c++)
        {
            int station = input.FitStations[c];
            Plot rho = multiplot.GetPlot(sections + 2 + c), phase = multiplot.GetPlot(sections + 2 + fits + c);
            string name = input.StationNames[station];
            // Wider on the left than the sections: the apparent-resistivity ticks run to six digits.
            var fitPadding = new PixelPadding(left: 84, right: padding.Right, bottom: padding.Bottom, top: padding.Top);
            FigureStyle.Panel(rho, string.Create(CultureInfo.InvariantCulture, $"{name} ({stationsKm[station]:0.#} km)"), "", c == 0 ? $"Apparent resistivity ({FigureStyle.Ohm})" : "", fitPadding);
            FigureStyle.Panel(phase, "", "Period (s)", c == 0 ? "Phase (\u00B0)" : "", new PixelPadding(fitPadding.Left, fitPadding.Right, fitPadding.Bottom, 8));
            rho.Title(rho.Axes.Title.Label.Text, size: 13);
            foreach (string mode in new[] { "TE", "TM" })
            {
                int[] rows = [.. Enumerable.Range(0, input.Data.Count).Where(i => input.Data[i].Station == station && input.Data[i].Mode == mode)
                    .OrderBy(i => input.Data[i].FrequencyHz)];
                if (rows.Length == 0) continue;
                Color colour = mode == "TE" ? Te : Tm;
                double[] x = [.. rows.Select(i => -Math.Log10(input.Data[i].FrequencyHz))];
                Observed(rho, x, [.. rows.Select(i => input.Data[i].Log10RhoApp)], [.. rows.Select(i => input.Data[i].Log10RhoAppError)], colour, mode, c == 0);
                Observed(phase, x, [.. rows.Select(i => input.Data[i].PhaseDeg)], [.. rows.Select(i => input.Data[i].PhaseErrorDeg)], colour, mode, false);
                for (int f = 0; f < input.Fits.Count; f++)
                {
                    FieldFit fit = input.Fits[f];
                    LinePattern pattern = f == 0 ? LinePattern.Solid : f == 1 ? LinePattern.Dashed : LinePattern.Dotted;
                    Predicted(rho, x, [.. rows.Select(i => fit.Log10RhoApp[i])], colour, pattern, c == 0 ? $"{mode} {fit.Label}" : null);
                    Predicted(phase, x, [.. rows.Select(i => fit.PhaseDeg[i])], colour, pattern, null);
                }
            }
            foreach (Plot p in new[] { rho, phase })
            {
                p.Axes.SetLimitsX(pMin, pMax);
                var ticks = new ScottPlot.TickGenerators.NumericManual();
                for (int k = (int)Math.Ceiling(pMin); k <= Math.Floor(pMax); k++) ticks.AddMajor(k, FigureStyle.PowerOfTen(k));
                p.Axes.Bottom.TickGenerator = ticks;
            }
            rho.Axes.SetLimitsY(rhoRange.Min, rhoRange.Max);
            rho.Axes.Left.TickGenerator = FigureStyle.Log10Ticks(rhoRange);
            phase.Axes.SetLimitsY(phaseRange.Min, phaseRange.Max);
            if (c == 0)
            {
                rho.Legend.IsVisible = true;
                rho.Legend.Alignment = Alignment.LowerLeft;
                rho.Legend.FontName = BundledFonts.FamilyName;
                rho.Legend.FontSize = 10;
            }
        }

        multiplot.Layout = new FixedLayout(figure =>
        {
            var rects = new List<PixelRect>();
            float top = figure.Top + HeaderHeight;
            for (int c = 0; c < sections; c++)
                rects.Add(FixedLayout.Cell(figure.Left, top, sectionWidth, SectionHeight, 0, c));
            rects.Add(new PixelRect(figure.Left, figure.Right, top, figure.Top));
            float barLeft = figure.Left + sections * sectionWidth;
            rects.Add(new PixelRect(barLeft, barLeft + BarWidth, top + SectionHeight, top));
            for (int c = 0; c < fits; c++)
                rects.Add(FixedLayout.Cell(figure.Left, top + SectionHeight, fitWidth, RhoHeight, 0, c));
            for (int c = 0; c < fits; c++)
                rects.Add(FixedLayout.Cell(figure.Left, top + SectionHeight + RhoHeight, fitWidth, PhaseHeight, 0, c));
            return [.. rects];
        });

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("kind,method,station,x_km,depth_km,mode,period_s,log10_resistivity,log10_rho_app,phase_deg,log10_rho_app_err,phase_err_deg,data_rms");
            for (int s = 0; s < stationsKm.Length; s++)
                writer.WriteLine($"station,,{input.StationNames[s]},{FigureFile.Number(stationsKm[s])},0,,,,,,,,");
            foreach (FieldSection section in input.Sections)
                for (int i = 0; i < nz; i++)
                {
                    string depth = FigureFile.Number(0.5e-3 * (input.ZEdgesM[i] + input.ZEdgesM[i + 1]));
                    for (int j = 0; j < ny; j++)
                        writer.WriteLine($"cell,{section.Key},,{FigureFile.Number(0.5e-3 * (input.YEdgesM[j] + input.YEdgesM[j + 1]))},{depth},,,"
                                         + $"{FigureFile.Number(section.Log10Resistivity[i, j])},,,,,{FigureFile.Number(section.DataRms)}");
                }
            for (int i = 0; i < input.Data.Count; i++)
            {
                FieldDatum d = input.Data[i];
                if (!input.FitStations.Contains(d.Station)) continue;
                string where = $"{input.StationNames[d.Station]},{FigureFile.Number(stationsKm[d.Station])},,{d.Mode},{FigureFile.Number(1 / d.FrequencyHz)},";
                writer.WriteLine($"observed,,{where},{FigureFile.Number(d.Log10RhoApp)},{FigureFile.Number(d.PhaseDeg)},{FigureFile.Number(d.Log10RhoAppError)},{FigureFile.Number(d.PhaseErrorDeg)},");
                foreach (FieldFit fit in input.Fits)
                    writer.WriteLine($"predicted,{fit.Key},{where},{FigureFile.Number(fit.Log10RhoApp[i])},{FigureFile.Number(fit.PhaseDeg[i])},,,");
            }
        });
    }

    private static void Check(FieldFigureInput input)
    {
        FigureCheck.Increasing(input.YEdgesM, nameof(input.YEdgesM), 2, nameof(input));
        FigureCheck.Increasing(input.ZEdgesM, nameof(input.ZEdgesM), 2, nameof(input));
        FigureCheck.Increasing(input.StationsM, nameof(input.StationsM), 1, nameof(input));
        if (input.StationNames is null || input.StationNames.Count != input.StationsM.Length)
            throw new ArgumentException("There must be one station name per station.", nameof(input));
        if (input.Sections is null || input.Sections.Count == 0)
            throw new ArgumentException("At least one section is needed.", nameof(input));
        foreach (FieldSection section in input.Sections)
        {
            FigureCheck.Shape(section.Log10Resistivity, input.ZEdgesM.Length - 1, input.YEdgesM.Length - 1, $"section {section.Key}",
                "[zEdges - 1, yEdges - 1]", nameof(input));
            FigureCheck.Finite(section.Log10Resistivity, $"section {section.Key}", nameof(input));
        }
        if (input.Data is null || input.Data.Count == 0)
            throw new ArgumentException("There are no observed data.", nameof(input));
        foreach (FieldDatum d in input.Data)
            if (d.Mode is not ("TE" or "TM") || d.Station < 0 || d.Station >= input.StationsM.Length || !(d.FrequencyHz > 0) || !double.IsFinite(d.Log10RhoApp) || !double.IsFinite(d.PhaseDeg))
                throw new ArgumentException($"A datum (station {d.Station}, {d.FrequencyHz} Hz) is out of range or not finite.", nameof(input));
        foreach (FieldFit fit in input.Fits ?? throw new ArgumentException("Fits is null.", nameof(input)))
            if (fit.Log10RhoApp.Length != input.Data.Count || fit.PhaseDeg.Length != input.Data.Count)
                throw new ArgumentException($"Fit {fit.Key} has {fit.Log10RhoApp.Length} values for {input.Data.Count} data.", nameof(input));
        if (input.FitStations is null || input.FitStations.Count is < 1 or > 6 || input.FitStations.Any(s => s < 0 || s >= input.StationsM.Length))
            throw new ArgumentException("Between 1 and 6 data-fit stations, each an index into the stations, are needed.", nameof(input));
    }

    /// <summary>Up to <paramref name="count"/> station indices spread evenly from the first to the last station.</summary>
    public static int[] SpreadStations(int stations, int count = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (stations <= count) return [.. Enumerable.Range(0, stations)];
        return [.. Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (stations - 1) / (double)(count - 1))).Distinct()];
    }

    private static ValueRange PaddedRange(IEnumerable<double> values, double pad)
    {
        double[] v = [.. values.Where(double.IsFinite)];
        return new ValueRange(v.Min() - pad, v.Max() + pad);
    }

    private static void Observed(Plot plot, double[] x, double[] y, double[] error, Color colour, string mode, bool legend)
    {
        var bars = plot.Add.ErrorBar(x, y, error);
        bars.Color = colour.WithAlpha(0.6);
        var marks = plot.Add.Markers(x, y, mode == "TE" ? MarkerShape.OpenCircle : MarkerShape.OpenSquare, 6, colour);
        if (legend) marks.LegendText = $"{mode} observed";
    }

    private static void Predicted(Plot plot, double[] x, double[] y, Color colour, LinePattern pattern, string? legend)
    {
        var line = plot.Add.ScatterLine(x, y, colour);
        line.LineWidth = 1.8f;
        line.LinePattern = pattern;
        if (legend is not null) line.LegendText = legend;
    }
}
