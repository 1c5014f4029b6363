using System.Globalization;
using System.Text;
using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>Builds an inversion's <see cref="ObservedData"/> from a response CSV or a data-set sample, and writes an
/// inversion's results to a folder.</summary>
public static class InversionIO
{
    /// <summary>
    /// Observed data from response-CSV rows: log10 apparent resistivity and phase with their errors, from the error
    /// columns when given (rho error / (rho ln 10) in log10 units), bounded below by the floors.
    /// </summary>
    public static ObservedData FromRows(IReadOnlyList<ResponseRow> rows, double rhoFloorFraction, double phaseFloorDeg)
    {
        var floors = DataErrors.From(rhoFloorFraction, phaseFloorDeg);
        double[] stations = [.. rows.Select(r => r.StationM).Distinct().Order()];
        double[] frequencies = [.. rows.Select(r => r.FrequencyHz).Distinct().Order()];
        var data = rows.Select(r =>
        {
            double rhoError = r.RhoAppErrOhmM is { } e ? DataErrors.Log10Error(e / r.RhoAppOhmM) : 0;
            double phaseError = r.PhaseErrDeg ?? 0;
            return new Datum(r.Mode, Array.BinarySearch(stations, r.StationM), Array.BinarySearch(frequencies, r.FrequencyHz),
                Math.Log10(r.RhoAppOhmM), r.PhaseDeg, Math.Max(rhoError, floors.Log10RhoApp), Math.Max(phaseError, floors.PhaseDeg));
        }).ToList();
        return new ObservedData(stations, frequencies, data);
    }

    /// <summary>Observed data from sample <paramref name="index"/> of a data set, for <paramref name="modes"/>, with
    /// the errors of its noise level (the <c>noise_level</c> attribute of a noisy copy; 0 otherwise) and the floors.</summary>
    public static ObservedData FromSample(DataSet set, int index, IReadOnlyList<Mode> modes, double rhoFloorFraction, double phaseFloorDeg)
    {
        double level = NoiseLevel(set);
        var errors = DataErrors.From(rhoFloorFraction, phaseFloorDeg, level);
        var sample = set.Sample(index);
        var data = new List<Datum>();
        foreach (var mode in modes)
        {
            int mi = mode == Mode.TE ? 0 : 1;
            for (int s = 0; s < set.Ns; s++)
                for (int f = 0; f < set.Nf; f++)
                    data.Add(new Datum(mode, s, f, sample.Log10RhoApp[mi, f, s], sample.PhaseDeg[mi, f, s], errors.Log10RhoApp, errors.PhaseDeg));
        }
        return new ObservedData(set.StationsM, set.FrequenciesHz, data);
    }

    /// <summary>The noise level of a data set: its <c>noise_level</c> attribute, or 0 for clean data.</summary>
    public static double NoiseLevel(DataSet set) =>
        set.Attributes.Extra.TryGetValue("noise_level", out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : 0;

    /// <summary>The true model of a sample (its log10 resistivity on the set's grid).</summary>
    public static ResistivityModel TrueModel(DataSet set, int index) =>
        ResistivityModel.FromLog10(set.YEdgesM, set.ZEdgesM, set.Sample(index).Log10Resistivity);

    /// <summary>A uniform model of <paramref name="rhoOhmM"/> on the grid of <paramref name="grid"/>.</summary>
    public static ResistivityModel Uniform(ResistivityModel grid, double rhoOhmM) => Uniform(grid.YEdgesM, grid.ZEdgesM, rhoOhmM);

    /// <summary>A uniform model of <paramref name="rhoOhmM"/> on the grid of the given cell edges.</summary>
    public static ResistivityModel Uniform(double[] yEdgesM, double[] zEdgesM, double rhoOhmM)
    {
        var rho = new double[zEdgesM.Length - 1, yEdgesM.Length - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++) rho[k, j] = rhoOhmM;
        return new ResistivityModel(yEdgesM, zEdgesM, rho);
    }

    /// <summary>
    /// The response of <paramref name="model"/> at the stations, frequencies and modes of <paramref name="data"/> by the
    /// forward engine on its own adaptive meshes (as <c>mt forward</c> gives it): the predicted data vector in the order
    /// of <see cref="ObservedData.Values"/> (its RMS is <c>data.Rms(predicted)</c>) and one response row per datum.
    /// </summary>
    public static (double[] Predicted, List<ResponseRow> Rows) Predict(ResistivityModel model, ObservedData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var response = Forward2D.Compute(model, data.StationsM, data.FrequenciesHz, data.Modes);
        var predicted = new double[data.Count];
        var rows = new List<ResponseRow>();
        for (int i = 0; i < data.Data.Count; i++)
        {
            var d = data.Data[i];
            var z = response.Z(d.Mode, d.Frequency, d.Station);
            double rho = response.RhoAppOhmM(d.Mode, d.Frequency, d.Station);
            double phase = response.PhaseDeg(d.Mode, d.Frequency, d.Station);
            predicted[2 * i] = Math.Log10(rho);
            predicted[2 * i + 1] = phase;
            rows.Add(new ResponseRow(d.Mode, data.StationsM[d.Station], data.FrequenciesHz[d.Frequency], rho, phase, z.Real, z.Imaginary));
        }
        return (predicted, rows);
    }

    /// <summary>
    /// Writes the results into <paramref name="folder"/> (created if needed): <c>model.json</c>, <c>response.csv</c>
    /// (the final model's response by the forward engine on its own adaptive meshes, as <c>mt forward</c> gives it),
    /// <c>history.csv</c> and, last, <c>summary.json</c>, whose presence marks a finished inversion. Every file is
    /// written atomically. Returns the RMS of the adaptive-mesh response.
    /// </summary>
    public static double Write(string folder, NlcgResult result, ObservedData data, IReadOnlyDictionary<string, object> provenance) =>
        Write(folder, result, data, provenance, out _);

    /// <summary>As <see cref="Write(string, NlcgResult, ObservedData, IReadOnlyDictionary{string, object})"/>, and gives
    /// the adaptive-mesh response as a data vector (<see cref="Predict"/>).</summary>
    public static double Write(string folder, NlcgResult result, ObservedData data, IReadOnlyDictionary<string, object> provenance, out double[] predicted)
    {
        Directory.CreateDirectory(folder);
        ModelFile.Write(Path.Combine(folder, "model.json"), result.Model);
        (predicted, var rows) = Predict(result.Model, data);
        ResponseCsv.Write(Path.Combine(folder, "response.csv"), rows);
        double finalRms = data.Rms(predicted);
        AtomicFile.WriteText(Path.Combine(folder, "history.csv"), w =>
        {
            w.WriteLine("iteration,rms,objective,misfit,roughness,trade_off,step,forward_runs,adjoint_runs,seconds");
            foreach (var h in result.History)
                w.WriteLine(string.Join(",", new object[] { h.Iteration, h.Rms, h.Objective, h.Misfit, h.Roughness, h.TradeOff, h.Step, h.ForwardRuns, h.AdjointRuns, h.Seconds }
                    .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        });
        var last = result.History[^1];
        var summary = new Dictionary<string, object>
        {
            ["final_rms"] = finalRms,
            ["inversion_rms"] = result.Rms,
            ["iterations"] = last.Iteration,
            ["wall_time_seconds"] = last.Seconds,
            ["exit_reason"] = result.ExitReason,
            ["forward_solves"] = last.ForwardRuns,
            ["adjoint_solves"] = last.AdjointRuns,
            ["final_trade_off"] = last.TradeOff,
            ["data"] = data.Count,
            ["parameters"] = result.Model.Nz * result.Model.Ny,
            ["seconds_per_iteration"] = last.Iteration > 0 ? last.Seconds / last.Iteration : 0,
        };
        foreach (var (k, v) in provenance) summary[k] = v;
        AtomicFile.WriteText(Path.Combine(folder, "summary.json"), w =>
            w.Write(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true })));
        return finalRms;
    }
}
