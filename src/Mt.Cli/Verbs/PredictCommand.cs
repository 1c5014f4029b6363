using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Evaluation;
using Mt.Learning;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt predict --weights DIR --data FILE.h5 --out PRED.h5 [--device cpu|cuda|auto] [--threads N]</c>: predicts the
/// log10 resistivity of every sample of a data set with the best weights of a training folder. PRED.h5 is a data set
/// file (read it with DataSetFile.Read) holding the predictions in place of <c>log10_resistivity</c>, the responses,
/// grid and attributes of FILE.h5, and the attributes <c>prediction_of</c> (FILE.h5) and <c>prediction_weights</c>
/// (DIR), and <c>prediction_seconds_per_sample</c> (the prediction time per sample, also printed).
/// </summary>
internal sealed class PredictCommand : IVerb
{
    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR", Description = "Training folder (mt train --out).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "FILE.h5", Description = "Data set whose models to predict.", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "PRED.h5", Description = "Prediction file to write (HDF5 data set).", Required = true };

    private readonly Option<string> _device = new("--device") { HelpName = "cpu|cuda|auto", Description = "Device (auto: cuda when available).", DefaultValueFactory = _ => "auto" };

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default: libtorch's)." };

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    /// <summary>Creates the verb.</summary>
    public PredictCommand()
    {
        Command = new Command("predict", "Predict the resistivity models of a data set with a trained U-Net.") { _weights, _data, _out, _device, _threads, _fastKernels };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        KernelOption.Apply(parseResult, _fastKernels);
        string weights = parseResult.GetRequiredValue(_weights);
        string dataPath = parseResult.GetRequiredValue(_data);
        string outPath = OptionValues.OutputFileInNewFolder(parseResult.GetRequiredValue(_out), _out.Name);
        if (parseResult.GetValue(_threads) is int threads)
        {
            if (threads < 1) throw new UsageException($"{_threads.Name}: {threads} must be at least 1");
            TorchSettings.SetThreads(threads);
        }
        var device = TrainCommand.ResolveDevice(parseResult.GetRequiredValue(_device), _device.Name);
        if (!File.Exists(Path.Combine(weights, ModelCard.FileName)))
            throw new UsageException($"{_weights.Name}: {weights} holds no {ModelCard.FileName}; train first (mt train --out {weights})");

        DataSet data = DataSetFile.Read(dataPath);
        using Predictor predictor = Predictor.Load(weights, device);
        Prediction prediction;
        try
        {
            prediction = predictor.Predict(data);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        WritePrediction(outPath, data, prediction, dataPath, weights);
        string warm = prediction.WarmSecondsPerSample is double w ? $" ({w * 1000:F1} ms warm, after a first batch of {prediction.FirstBatchSeconds * 1000:F1} ms)" : "";
        stdout.WriteLine($"wrote {outPath}: {data.Count} predicted models, {prediction.SecondsPerSample * 1000:F1} ms per sample{warm} on {device}");
        return ExitCode.Ok;
    }

    /// <summary>Attribute of a prediction file: the CPU kernel policy of the predicting process.</summary>
    internal const string CpuKernelsAttribute = "prediction_cpu_kernels";

    /// <summary>Writes the prediction file of <paramref name="data"/> (read from <paramref name="dataPath"/>) predicted
    /// with the weights in <paramref name="weights"/>, with the prediction time per sample as an attribute.</summary>
    internal static void WritePrediction(string outPath, DataSet data, Prediction prediction, string dataPath, string weights)
    {
        DataSet predicted = Predictor.AsDataSet(data, prediction.Log10Resistivity, dataPath, weights);
        var extra = new Dictionary<string, string>(predicted.Attributes.Extra)
        {
            [Evaluator.SecondsPerSampleAttribute] = InvariantNumber.Format(prediction.SecondsPerSample),
            [CpuKernelsAttribute] = CpuKernels.Status.Describe(),
        };
        DataSetFile.Write(outPath, new DataSet(predicted.FrequenciesHz, predicted.StationsM, predicted.YEdgesM, predicted.ZEdgesM,
            predicted.Log10Resistivity, predicted.Log10RhoApp, predicted.PhaseDeg, predicted.Attributes with { Extra = extra }));
    }
}
