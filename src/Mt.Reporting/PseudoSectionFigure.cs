using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>Observed and predicted responses of one model in one mode, [nf, ns] each, with their standard errors.</summary>
/// <param name="Title">Names the model and mode (e.g. "Test 0, TE").</param>
/// <param name="StationsM">Station positions (m), strictly increasing, [ns].</param>
/// <param name="FrequenciesHz">Frequencies (Hz), positive and strictly ascending, [nf].</param>
/// <param name="ObservedLog10RhoApp">Observed log10 apparent resistivity (ohm-m).</param>
/// <param name="ObservedPhaseDeg">Observed phase (degrees).</param>
/// <param name="PredictedLog10RhoApp">Predicted log10 apparent resistivity (ohm-m).</param>
/// <param name="PredictedPhaseDeg">Predicted phase (degrees).</param>
/// <param name="Log10RhoAppError">Standard error of log10 apparent resistivity, positive.</param>
/// <param name="PhaseErrorDeg">Standard error of the phase (degrees), positive.</param>
public sealed record PseudoSectionPair(
    string Title,
    double[] StationsM,
    double[] FrequenciesHz,
    double[,] ObservedLog10RhoApp,
    double[,] ObservedPhaseDeg,
    double[,] PredictedLog10RhoApp,
    double[,] PredictedPhaseDeg,
    double Log10RhoAppError,
    double PhaseErrorDeg);

/// <summary>
/// Observed vs predicted pseudo-sections of one model: 2 x 3 panels, rows log10 apparent resistivity and phase,
/// columns observed | predicted | residual normalised by the error ((predicted - observed) / error, phase differences
/// wrapped into (-180, 180]); station distance in km across, period down on a log axis. Observed and predicted share
/// one colour range per row; residuals use a diverging map symmetric about zero, and their panel titles give the RMS.
/// </summary>
public static class PseudoSectionFigure
{
    /// <summary>
    /// Draws <paramref name="pair"/> to <paramref name="pngPath"/> and writes beside it (<c>.csv</c>) one row per
    /// frequency and station: <c>station_km,log10_period_s,observed_log10_rho_app,predicted_log10_rho_app,
    /// residual_log10_rho_app,observed_phase_deg,predicted_phase_deg,residual_phase</c> (residuals normalised). Atomic.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">Arrays of the wrong shape, not increasing, not finite, or errors that are not positive.</exception>
    public static string Render(PseudoSectionPair pair, string pngPath, int width = 1800, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        const string p = nameof(pair);
        FigureCheck.Increasing(pair.StationsM, nameof(pair.StationsM), 1, p);
        FigureCheck.Frequencies(pair.FrequenciesHz, nameof(pair.FrequenciesHz), p);
        int nf = pair.FrequenciesHz.Length, ns = pair.StationsM.Length;
        const string expected = "[nf, ns] = [FrequenciesHz.Length, StationsM.Length]";
        foreach ((string name, double[,] values) in new[]
        {
            (nameof(pair.ObservedLog10RhoApp), pair.ObservedLog10RhoApp), (nameof(pair.ObservedPhaseDeg), pair.ObservedPhaseDeg),
            (nameof(pair.PredictedLog10RhoApp), pair.PredictedLog10RhoApp), (nameof(pair.PredictedPhaseDeg), pair.PredictedPhaseDeg),
        })
        {
            FigureCheck.Shape(values, nf, ns, name, expected, p);
            FigureCheck.Finite(values, name, p);
        }
        if (!(pair.Log10RhoAppError > 0) || !double.IsFinite(pair.Log10RhoAppError) || !(pair.PhaseErrorDeg > 0) || !double.IsFinite(pair.PhaseErrorDeg))
            throw new ArgumentException($"The errors must be positive and finite (log10 rho_a {pair.Log10RhoAppError}, phase {pair.PhaseErrorDeg} degrees).", p);
        if (width < 600 || height < 300)
            throw new ArgumentException($"The image of {width} x {height} pixels is too small.", nameof(width));

        var rhoResidual = new double[nf, ns];
        var phaseResidual = new double[nf, ns];
        for (int f = 0; f < nf; f++)
            for (int s = 0; s < ns; s++)
            {
                rhoResidual[f, s] = (pair.PredictedLog10RhoApp[f, s] - pair.ObservedLog10RhoApp[f, s]) / pair.Log10RhoAppError;
                double d = Math.IEEERemainder(pair.PredictedPhaseDeg[f, s] - pair.ObservedPhaseDeg[f, s], 360);
                phaseResidual[f, s] = (d <= -180 ? d + 360 : d) / pair.PhaseErrorDeg;
            }
        ValueRange rhoRange = FigureStyle.DataRange([pair.ObservedLog10RhoApp, pair.PredictedLog10RhoApp]);
        ValueRange phaseRange = FigureStyle.DataRange([pair.ObservedPhaseDeg, pair.PredictedPhaseDeg]);
        double limit = Math.Max(1, Math.Ceiling(rhoResidual.Cast<double>().Concat(phaseResidual.Cast<double>()).Max(Math.Abs)));
        var residualRange = new ValueRange(-limit, limit);

        FigureStyle.UseBundledFont();
        var multiplot = new Multiplot();
        multiplot.AddPlots(6);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 3);
        var padding = new PixelPadding(left: 70, right: 135, bottom: 50, top: 42);
        double[] stationEdgesKm = FigureStyle.CentresToEdges(pair.StationsM.Select(v => v / 1000).ToArray());
        double[] periodEdges = FigureStyle.Log10PeriodEdges(pair.FrequenciesHz);
        var panels = new (string Title, double[,] Values, IColormap Map, ValueRange Range, string Bar, bool Log)[]
        {
            ("observed apparent resistivity", pair.ObservedLog10RhoApp, FigureStyle.Resistivity(), rhoRange, $"Apparent resistivity ({FigureStyle.Ohm})", true),
            ("predicted apparent resistivity", pair.PredictedLog10RhoApp, FigureStyle.Resistivity(), rhoRange, $"Apparent resistivity ({FigureStyle.Ohm})", true),
            (string.Create(CultureInfo.InvariantCulture, $"apparent resistivity residual, RMS {Rms(rhoResidual):0.00}"), rhoResidual, FigureStyle.Diverging(), residualRange, "(predicted \u2212 observed) / error", false),
            ("observed phase", pair.ObservedPhaseDeg, FigureStyle.Sequential(), phaseRange, "Phase (\u00B0)", false),
            ("predicted phase", pair.PredictedPhaseDeg, FigureStyle.Sequential(), phaseRange, "Phase (\u00B0)", false),
            (string.Create(CultureInfo.InvariantCulture, $"phase residual, RMS {Rms(phaseResidual):0.00}"), phaseResidual, FigureStyle.Diverging(), residualRange, "(predicted \u2212 observed) / error", false),
        };
        for (int i = 0; i < panels.Length; i++)
        {
            var panel = panels[i];
            Plot plot = multiplot.GetPlot(i);
            FigureStyle.Panel(plot, $"({(char)('a' + i)}) {pair.Title}: {panel.Title}", "Station distance (km)", "Period (s)", padding);
            var grid = new CellGrid(stationEdgesKm, periodEdges, panel.Values, panel.Map, new(panel.Range.Min, panel.Range.Max));
            plot.Add.Plottable(grid);
            plot.Axes.SetLimitsX(stationEdgesKm[0], stationEdgesKm[^1]);
            FigureStyle.PeriodAxis(plot, periodEdges);
            FigureStyle.ColourBar(plot, grid, panel.Bar, panel.Range, panel.Log);
        }

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("station_km,log10_period_s,observed_log10_rho_app,predicted_log10_rho_app,residual_log10_rho_app,observed_phase_deg,predicted_phase_deg,residual_phase");
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                    writer.WriteLine(string.Join(',', new[]
                    {
                        pair.StationsM[s] / 1000, -Math.Log10(pair.FrequenciesHz[f]), pair.ObservedLog10RhoApp[f, s], pair.PredictedLog10RhoApp[f, s],
                        rhoResidual[f, s], pair.ObservedPhaseDeg[f, s], pair.PredictedPhaseDeg[f, s], phaseResidual[f, s],
                    }.Select(FigureFile.Number)));
        });
    }

    private static double Rms(double[,] values) => Math.Sqrt(values.Cast<double>().Average(v => v * v));
}
