using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>One reason for masking data, drawn as its own marker over the masked cells.</summary>
/// <param name="Key">Short name, a column of the CSV (e.g. <c>skew</c>).</param>
/// <param name="Label">Legend text (e.g. "|β| > 5°").</param>
/// <param name="Masked">[mode (0 TE, 1 TM), frequency, station]: true where this reason masks the datum.</param>
public sealed record DataQualityMask(string Key, string Label, bool[,,] Masked);

/// <summary>Everything <see cref="DataQualityFigure"/> draws.</summary>
/// <param name="Title">Names the line (panel titles are prefixed with it).</param>
/// <param name="StationsM">Station distances along the profile (m), finite and non-decreasing, [ns].</param>
/// <param name="StationNames">One name per station.</param>
/// <param name="FrequenciesHz">Frequencies (Hz), positive and strictly ascending, [nf].</param>
/// <param name="Log10RhoApp">[mode (0 TE, 1 TM), frequency, station] log10 apparent resistivity (ohm-m) of every datum,
/// masked or not; NaN where there is none.</param>
/// <param name="PhaseDeg">The same for the phase (degrees).</param>
/// <param name="Masks">The reasons, each with where it masks.</param>
public sealed record DataQualityFigureInput(string Title, double[] StationsM, IReadOnlyList<string> StationNames, double[] FrequenciesHz,
    double[,,] Log10RhoApp, double[,,] PhaseDeg, IReadOnlyList<DataQualityMask> Masks);

/// <summary>
/// The data and the quality decisions of a field line: pseudo-sections (station distance in km across, period down on a
/// log axis) of TE and TM apparent resistivity (one colour range for both modes) and phase (0 to 90 degrees, values
/// outside drawn in the end colours), every datum coloured, masked or not, and each masking reason marked over the
/// masked cells with its own black marker; panel titles give how many data of the panel are masked.
/// </summary>
public static class DataQualityFigure
{
    private static readonly MarkerShape[] Shapes = [MarkerShape.Eks, MarkerShape.OpenCircle, MarkerShape.FilledTriangleDown, MarkerShape.Cross, MarkerShape.OpenSquare, MarkerShape.OpenDiamond];

    /// <summary>
    /// Draws the figure to <paramref name="pngPath"/> and writes beside it (<c>.csv</c>) one row per datum:
    /// <c>station,station_km,mode,frequency_hz,period_s,log10_rho_app,phase_deg,masked</c> and a 0/1 column per mask key.
    /// Atomic. Returns the CSV path.
    /// </summary>
    /// <exception cref="ArgumentException">Arrays of the wrong shape, stations decreasing, frequencies not ascending, or
    /// more masks than marker shapes.</exception>
    public static string Render(DataQualityFigureInput input, string pngPath, int width = 1800, int height = 1000)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        int nf = Check(input), ns = input.StationsM.Length;
        if (width < 600 || height < 300) throw new ArgumentException($"The image of {width} x {height} pixels is too small.", nameof(width));

        bool Masked(int m, int f, int s) => input.Masks.Any(k => k.Masked[m, f, s]);
        bool Has(int m, int f, int s) => !double.IsNaN(input.Log10RhoApp[m, f, s]);
        double[,] Slice(double[,,] a, int m)
        {
            var v = new double[nf, ns];
            for (int f = 0; f < nf; f++) for (int s = 0; s < ns; s++) v[f, s] = a[m, f, s];
            return v;
        }
        double[][,] rho = [Slice(input.Log10RhoApp, 0), Slice(input.Log10RhoApp, 1)];
        ValueRange rhoRange = FigureStyle.DataRange(rho);
        var phaseRange = new ValueRange(0, 90);

        FigureStyle.UseBundledFont();
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        var padding = new PixelPadding(left: 70, right: 135, bottom: 50, top: 42);
        double[] stationEdgesKm = FigureStyle.CentresToEdges([.. input.StationsM.Select(v => v / 1000)]);
        double[] periodEdges = FigureStyle.Log10PeriodEdges(input.FrequenciesHz);
        for (int panel = 0; panel < 4; panel++)
        {
            int m = panel % 2;
            bool isRho = panel < 2;
            string mode = m == 0 ? "TE" : "TM";
            int all = 0, masked = 0;
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                    if (Has(m, f, s))
                    {
                        all++;
                        if (Masked(m, f, s)) masked++;
                    }
            Plot plot = multiplot.GetPlot(panel);
            string what = isRho ? "apparent resistivity" : "phase";
            FigureStyle.Panel(plot, string.Create(CultureInfo.InvariantCulture, $"({(char)('a' + panel)}) {input.Title}, {mode} {what}: {masked} of {all} masked"),
                "Station distance (km)", "Period (s)", padding);
            ValueRange range = isRho ? rhoRange : phaseRange;
            var grid = new CellGrid(stationEdgesKm, periodEdges, isRho ? rho[m] : Slice(input.PhaseDeg, m),
                isRho ? FigureStyle.Resistivity() : FigureStyle.Sequential(), new(range.Min, range.Max));
            plot.Add.Plottable(grid);
            plot.Axes.SetLimitsX(stationEdgesKm[0], stationEdgesKm[^1]);
            FigureStyle.PeriodAxis(plot, periodEdges);
            FigureStyle.ColourBar(plot, grid, isRho ? $"Apparent resistivity ({FigureStyle.Ohm})" : "Phase (\u00B0)", range, isRho);
            for (int k = 0; k < input.Masks.Count; k++)
            {
                DataQualityMask mask = input.Masks[k];
                var x = new List<double>();
                var y = new List<double>();
                for (int f = 0; f < nf; f++)
                    for (int s = 0; s < ns; s++)
                        if (mask.Masked[m, f, s] && Has(m, f, s))
                        {
                            x.Add(input.StationsM[s] / 1000);
                            y.Add(-Math.Log10(input.FrequenciesHz[f]));
                        }
                var marks = plot.Add.Markers(x.ToArray(), y.ToArray(), Shapes[k], 7, Colors.Black);
                marks.MarkerLineWidth = 1.2f;
                if (panel == 0) marks.LegendText = mask.Label;
            }
            if (panel == 0 && input.Masks.Count > 0)
            {
                plot.Legend.IsVisible = true;
                plot.Legend.Alignment = Alignment.LowerLeft;
                plot.Legend.FontName = BundledFonts.FamilyName;
                plot.Legend.FontSize = 11;
            }
        }

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("station,station_km,mode,frequency_hz,period_s,log10_rho_app,phase_deg,masked" + string.Concat(input.Masks.Select(k => "," + k.Key)));
            for (int m = 0; m < 2; m++)
                for (int s = 0; s < ns; s++)
                    for (int f = 0; f < nf; f++)
                    {
                        if (!Has(m, f, s)) continue;
                        writer.WriteLine(string.Join(',', [input.StationNames[s], FigureFile.Number(input.StationsM[s] / 1000), m == 0 ? "TE" : "TM",
                            FigureFile.Number(input.FrequenciesHz[f]), FigureFile.Number(1 / input.FrequenciesHz[f]), FigureFile.Number(input.Log10RhoApp[m, f, s]),
                            FigureFile.Number(input.PhaseDeg[m, f, s]), Masked(m, f, s) ? "1" : "0", .. input.Masks.Select(k => k.Masked[m, f, s] ? "1" : "0")]));
                    }
        });
    }

    /// <summary>Checks the input; returns the number of frequencies.</summary>
    private static int Check(DataQualityFigureInput input)
    {
        const string p = nameof(input);
        if (input.StationsM is null || input.StationsM.Length == 0) throw new ArgumentException("There are no stations.", p);
        for (int i = 0; i < input.StationsM.Length; i++)
            if (!double.IsFinite(input.StationsM[i]) || (i > 0 && input.StationsM[i] < input.StationsM[i - 1]))
                throw new ArgumentException($"StationsM must be finite and non-decreasing (StationsM[{i}] = {input.StationsM[i]}).", p);
        if (input.StationNames is null || input.StationNames.Count != input.StationsM.Length)
            throw new ArgumentException("There must be one station name per station.", p);
        FigureCheck.Frequencies(input.FrequenciesHz, nameof(input.FrequenciesHz), p);
        int nf = input.FrequenciesHz.Length, ns = input.StationsM.Length;
        bool Shaped(Array a) => a is not null && a.Rank == 3 && a.GetLength(0) == 2 && a.GetLength(1) == nf && a.GetLength(2) == ns;
        string expected = $"[2, {nf}, {ns}] = [modes, FrequenciesHz.Length, StationsM.Length]";
        if (!Shaped(input.Log10RhoApp)) throw new ArgumentException($"Log10RhoApp must be {expected}.", p);
        if (!Shaped(input.PhaseDeg)) throw new ArgumentException($"PhaseDeg must be {expected}.", p);
        if (input.Masks is null || input.Masks.Count > Shapes.Length) throw new ArgumentException($"Between 0 and {Shapes.Length} masks are drawn.", p);
        foreach (DataQualityMask mask in input.Masks)
            if (!Shaped(mask.Masked)) throw new ArgumentException($"Mask {mask.Key} must be {expected}.", p);
        return nf;
    }
}
