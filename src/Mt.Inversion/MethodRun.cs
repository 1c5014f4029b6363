using System.Diagnostics;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>How <c>mt invert</c> finds the model (the methods of <see cref="Method"/>, from one data set).</summary>
public enum InvertMethod
{
    /// <summary>NLCG from the given start (a half-space by default).</summary>
    Nlcg,

    /// <summary>The network's prediction, with its data misfit.</summary>
    Network,

    /// <summary>NLCG from the network's prediction, regularised towards it.</summary>
    Hybrid,

    /// <summary>The network's prediction when it explains the data (<see cref="AutoPolicy"/>), the hybrid otherwise.</summary>
    Auto,
}

/// <summary>What a run of a network-based method did (<c>method.json</c>): the path, why, and the time of each part.</summary>
public sealed record MethodRecord
{
    /// <summary>The method asked for.</summary>
    public required InvertMethod Method { get; init; }

    /// <summary>The path taken: the prediction alone, or NLCG from it.</summary>
    public required AutoPath Path { get; init; }

    /// <summary>Why that path.</summary>
    public required string Reason { get; init; }

    /// <summary>Data RMS of the prediction (the physics check); null when the method did not check (hybrid).</summary>
    public double? NetworkDataRms { get; init; }

    /// <summary>The acceptance level of the automatic method; null for the others.</summary>
    public double? AcceptRms { get; init; }

    /// <summary>Time of the network's prediction.</summary>
    public required double PredictionSeconds { get; init; }

    /// <summary>Time of the physics check (a forward run of the prediction and its misfit); 0 when not run.</summary>
    public required double CheckSeconds { get; init; }

    /// <summary>Wall time of the NLCG run, when taken.</summary>
    public double? NlcgSeconds { get; init; }

    /// <summary>Data RMS of the answer (the forward engine's response of model.json).</summary>
    public required double FinalRms { get; init; }

    /// <summary>Sum of the parts.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>The network: its training folder.</summary>
    public required string Weights { get; init; }

    /// <summary>The inputs of the run (data, start, settings).</summary>
    public required InversionInputs Inputs { get; init; }
}

/// <summary>
/// Runs the network-based methods on one observed data set, given the network's prediction: <c>network</c> keeps the
/// prediction and measures its data misfit; <c>hybrid</c> runs NLCG from it (regularised towards it); <c>auto</c>
/// measures the misfit and runs NLCG from the prediction only when <see cref="AutoPolicy"/> rejects it. The folder
/// receives model.json and response.csv of the answer (and NLCG's files when it ran) and method.json.
/// </summary>
public static class MethodRun
{
    /// <summary>The record file of a network-based method's folder.</summary>
    public const string RecordFileName = "method.json";

    /// <summary>Runs <paramref name="method"/> (not <see cref="InvertMethod.Nlcg"/>) into <paramref name="folder"/>, given
    /// the prediction of the network of <paramref name="weights"/> and its time.</summary>
    public static MethodRecord Run(InvertMethod method, ObservedData data, string weights, ResistivityModel prediction, double predictionSeconds,
        AutoPolicy policy, NlcgOptions options, string folder, InversionInputs inputs, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        if (method == InvertMethod.Nlcg) throw new ArgumentException("NLCG from a start model is InversionRun's", nameof(method));
        log ??= _ => { };
        Directory.CreateDirectory(folder);

        double? networkRms = null;
        double checkSeconds = 0;
        ForwardResponse? response = null;
        if (method != InvertMethod.Hybrid)
        {
            var clock = Stopwatch.StartNew();
            response = new Simulation(data.Survey).Response(prediction);
            networkRms = new DataMisfit(data).Rms(data.Survey.DataVector(response));
            checkSeconds = clock.Elapsed.TotalSeconds;
            log(FormattableString.Invariant($"physics check: the prediction's data RMS is {networkRms:F3} ({checkSeconds:F1} s)"));
        }
        var (path, reason) = method switch
        {
            InvertMethod.Network => (AutoPath.Network, "--method network: the prediction is the answer"),
            InvertMethod.Hybrid => (AutoPath.NetworkThenNlcg, "--method hybrid: NLCG from the prediction"),
            _ => policy.Decide(networkRms!.Value),
        };
        if (method == InvertMethod.Auto) log($"auto: {reason}");

        double? nlcgSeconds = null;
        double finalRms;
        if (path == AutoPath.Network)
        {
            ModelFile.Write(ResultsLayout.InversionModel(folder), prediction);
            ResponseCsv.Write(Path.Combine(folder, InversionFolder.ResponseFileName), InversionFolder.ResponseRows(data.Survey, response!));
            finalRms = networkRms!.Value;
        }
        else
        {
            var (_, summary, _) = InversionRun.Run(data, prediction, prediction, options, folder, inputs, log);
            nlcgSeconds = summary.WallTimeSeconds;
            finalRms = summary.FinalRms;
        }
        var record = new MethodRecord
        {
            Method = method,
            Path = path,
            Reason = reason,
            NetworkDataRms = networkRms,
            AcceptRms = method == InvertMethod.Auto ? policy.AcceptRms : null,
            PredictionSeconds = predictionSeconds,
            CheckSeconds = checkSeconds,
            NlcgSeconds = nlcgSeconds,
            FinalRms = finalRms,
            TotalSeconds = predictionSeconds + checkSeconds + (nlcgSeconds ?? 0),
            Weights = weights,
            Inputs = inputs,
        };
        ResultJson.Write(Path.Combine(folder, RecordFileName), record);
        return record;
    }
}
