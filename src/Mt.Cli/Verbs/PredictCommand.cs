using Mt.Data.Provenance;
using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt predict --weights DIR --data FILE.h5 --out PRED.h5 [--device cpu|cuda|auto] [--threads N] [--fast-kernels]</c>:
/// predicts the log10 resistivity of every sample of a data set with the best weights of a training folder into a
/// prediction file (<see cref="Predictor.PredictFile"/>) and prints the time per sample.
/// </summary>
internal sealed class PredictCommand : IVerb
{
    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR", Description = "Training folder (mt train --out).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "FILE.h5", Description = "Data set whose models to predict.", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "PRED.h5", Description = "Prediction file to write (HDF5 data set).", Required = true };

    private readonly Option<string> _device = OptionValues.DeviceOption();

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
        if (parseResult.GetValue(_threads) is int threads) OptionValues.SetTorchThreads(threads, _threads.Name);
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        OptionValues.RequireTrainedNetwork(weights, _weights.Name);

        DataSet data = DataSetFile.Read(dataPath);
        var recorder = new StageRecorder("predict", new Dictionary<string, string>(), typeof(Predictor), typeof(DataSet), typeof(TorchSharp.torch));
        using Predictor predictor = Predictor.Load(weights, device);
        Prediction prediction;
        try
        {
            prediction = predictor.PredictFile(data, dataPath, outPath, weights);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        recorder.Finish(outPath, [dataPath, .. Directory.EnumerateFiles(weights).Where(f => !Path.GetFileName(f).StartsWith("checkpoint", StringComparison.Ordinal))], [outPath],
            notes: new Dictionary<string, string> { ["cpu_kernels"] = Mt.Learning.CpuKernels.Status.Describe() });
        string warm = prediction.WarmSecondsPerSample is double w ? $" ({w * 1000:F1} ms warm, after a first batch of {prediction.FirstBatchSeconds * 1000:F1} ms)" : "";
        stdout.WriteLine($"wrote {outPath}: {data.Count} predicted models, {prediction.SecondsPerSample * 1000:F1} ms per sample{warm} on {device}");
        return ExitCode.Ok;
    }
}
