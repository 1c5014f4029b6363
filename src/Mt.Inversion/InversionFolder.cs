using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>
/// The folder of one inversion: <c>model.json</c> (the model-file schema), <c>response.csv</c> (the final model's
/// response by the forward engine on its own adaptive meshes, as <c>mt forward</c> gives it), <c>history.csv</c> and,
/// last, <c>summary.json</c> (<see cref="InversionSummary"/>), whose presence marks a finished inversion. Every file is
/// written atomically.
/// </summary>
public static class InversionFolder
{
    /// <summary>Response file of an inversion folder.</summary>
    public const string ResponseFileName = "response.csv";

    /// <summary>History file of an inversion folder.</summary>
    public const string HistoryFileName = "history.csv";

    /// <summary>Writes the results of <paramref name="result"/> into <paramref name="folder"/> (created if needed) and
    /// returns the summary; <see cref="InversionSummary.FinalRms"/> is the RMS of the adaptive-mesh response, whose
    /// data vector <paramref name="predicted"/> receives.</summary>
    public static InversionSummary Write(string folder, NlcgResult result, ObservedData data, InversionInputs inputs, out double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(inputs);
        Directory.CreateDirectory(folder);
        ModelFile.Write(ResultsLayout.InversionModel(folder), result.Model);
        var simulation = new Simulation(data.Survey);
        ForwardResponse response = simulation.Response(result.Model);
        predicted = data.Survey.DataVector(response);
        ResponseCsv.Write(Path.Combine(folder, ResponseFileName), ResponseRows(data.Survey, response));
        WriteHistory(folder, result.History);
        var last = result.History[^1];
        var summary = new InversionSummary
        {
            FinalRms = new DataMisfit(data).Rms(predicted),
            InversionRms = result.Rms,
            Iterations = last.Iteration,
            WallTimeSeconds = last.Seconds,
            ExitReason = result.ExitReason,
            ForwardSolves = last.ForwardRuns,
            AdjointSolves = last.AdjointRuns,
            FinalTradeOff = last.TradeOff,
            Data = data.Count,
            Parameters = result.Model.Nz * result.Model.Ny,
            SecondsPerIteration = last.Iteration > 0 ? last.Seconds / last.Iteration : 0,
            Inputs = inputs,
        };
        ResultJson.Write(ResultsLayout.InversionSummaryFile(folder), summary);
        return summary;
    }

    /// <summary>Writes <c>history.csv</c>: one row per iteration.</summary>
    public static void WriteHistory(string folder, IReadOnlyList<IterationRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        AtomicFile.WriteText(Path.Combine(folder, HistoryFileName), w =>
        {
            w.WriteLine("iteration,rms,objective,misfit,roughness,trade_off,step,forward_runs,adjoint_runs,seconds");
            foreach (var h in history)
                w.WriteLine(string.Join(",", new object[] { h.Iteration, h.Rms, h.Objective, h.Misfit, h.Roughness, h.TradeOff, h.Step, h.ForwardRuns, h.AdjointRuns, h.Seconds }
                    .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        });
    }

    /// <summary>The summary of a finished inversion folder, or null when it has none (or an unreadable one: a
    /// summary written by another version counts as unfinished).</summary>
    public static InversionSummary? TryReadSummary(string folder)
    {
        string path = ResultsLayout.InversionSummaryFile(folder);
        if (!File.Exists(path)) return null;
        try
        {
            return ResultJson.Read<InversionSummary>(path);
        }
        catch (DataFileException)
        {
            return null;
        }
    }

    /// <summary>One response row per receiver of <paramref name="survey"/> from a forward response at its stations and
    /// frequencies, in the survey's order.</summary>
    public static List<ResponseRow> ResponseRows(Survey survey, ForwardResponse response)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(response);
        return [.. survey.Receivers.Select(r =>
        {
            var z = response.Z(r.Mode, r.FrequencyIndex, r.StationIndex);
            return new ResponseRow(r.Mode, survey.StationsM[r.StationIndex], survey.FrequenciesHz[r.FrequencyIndex],
                response.RhoAppOhmM(r.Mode, r.FrequencyIndex, r.StationIndex), response.PhaseDeg(r.Mode, r.FrequencyIndex, r.StationIndex), z.Real, z.Imaginary);
        })];
    }
}

/// <summary>
/// One inversion run into its folder: NLCG, then the folder's files (<see cref="InversionFolder.Write"/>). After every
/// iteration the folder holds the latest model (<c>model.json</c>), the history so far (<c>history.csv</c>) and the
/// state NLCG continues from (<c>checkpoint.json</c>, with a fingerprint of the data, start, reference and options); a
/// run into a folder whose checkpoint has the same fingerprint resumes after its last iteration and ends with the model
/// an uninterrupted run gives. The checkpoint is removed once the summary is written.
/// </summary>
public static class InversionRun
{
    /// <summary>The state file of an unfinished inversion.</summary>
    public const string CheckpointFileName = "checkpoint.json";

    private static readonly JsonSerializerOptions Fingerprinting = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Runs NLCG on <paramref name="data"/> from <paramref name="start"/>, regularised towards
    /// <paramref name="reference"/>, writes the folder and returns the result with its summary and the final model's
    /// adaptive-mesh data vector; <paramref name="log"/> receives one line per iteration.</summary>
    public static (NlcgResult Result, InversionSummary Summary, double[] Predicted) Run(ObservedData data, ResistivityModel start,
        ResistivityModel reference, NlcgOptions options, string folder, InversionInputs inputs, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(folder);
        string fingerprint = Fingerprint(data, start, reference, options);
        string checkpointPath = Path.Combine(folder, CheckpointFileName);
        NlcgState? resume = null;
        if (File.Exists(checkpointPath))
        {
            var saved = ResultJson.Read<SavedState>(checkpointPath);
            if (saved.Fingerprint == fingerprint)
            {
                resume = saved.State;
                log?.Invoke($"resuming after iteration {resume.Iteration} (rms {resume.History[^1].Rms:F3}) from {checkpointPath}");
            }
            else log?.Invoke($"{checkpointPath} belongs to other data, start or options: starting over");
        }
        var result = Nlcg.Run(data, start, reference, options, r => log?.Invoke(
                $"iteration {r.Iteration,3}: rms {r.Rms:F3}, objective {r.Objective:G5}, trade-off {r.TradeOff:G3}, {r.Seconds:F1} s"),
            checkpoint: new NlcgCheckpoint(resume, state =>
            {
                ModelFile.Write(ResultsLayout.InversionModel(folder), start.WithParameters(state.Parameters));
                InversionFolder.WriteHistory(folder, state.History);
                ResultJson.Write(checkpointPath, new SavedState(fingerprint, state));
            }));
        var summary = InversionFolder.Write(folder, result, data, inputs, out double[] predicted);
        File.Delete(checkpointPath);
        return (result, summary, predicted);
    }

    /// <summary>SHA-256 of everything that determines the run: the data with their errors, the start and reference
    /// models and the options.</summary>
    private static string Fingerprint(ObservedData data, ResistivityModel start, ResistivityModel reference, NlcgOptions options)
    {
        string text = JsonSerializer.Serialize(new
        {
            data.StationsM, data.FrequenciesHz, data.Data, StartY = start.YEdgesM, StartZ = start.ZEdgesM, Start = start.ToParameters(),
            Reference = reference.ToParameters(), Options = options,
        }, Fingerprinting);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A checkpoint file: the fingerprint of the run and its state.</summary>
    private sealed record SavedState(string Fingerprint, NlcgState State);
}
