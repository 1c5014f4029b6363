using Mt.Data.Provenance;
using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt predict --weights DIR --data FILE.h5 --out PRED.h5 [--device cpu|cuda|auto] [--threads N] [--fast-kernels]</c>:
/// predicts the log10 resistivity of every sample of a data set with the best weights of a training folder into a
/// prediction file (<see cref="Predictor.PredictFile"/>) and prints the time per sample. <c>--check-physics</c> also
/// forward-models every prediction and stores its data RMS, and, when the training folder holds a calibration
/// (<c>mt calibrate</c>), the flag in_distribution (<see cref="PhysicsCheck"/>), in the file's attributes.
/// </summary>
internal sealed class PredictCommand : IVerb
{
    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR", Description = "Training folder (mt train --out).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "FILE.h5", Description = "Data set whose models to predict.", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "PRED.h5", Description = "Prediction file to write (HDF5 data set).", Required = true };

    private readonly Option<string> _device = OptionValues.DeviceOption();

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default: libtorch's)." };

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    private readonly Option<bool> _checkPhysics = new("--check-physics") { Description = "Forward-model every prediction: its data RMS and, with the folder's calibration (mt calibrate), the flag in_distribution." };

    private readonly Option<double> _rhoFloor = OptionValues.RhoFloorOption("without a calibration");

    private readonly Option<double> _phaseFloor = OptionValues.PhaseFloorOption("without a calibration");

    /// <summary>Creates the verb.</summary>
    public PredictCommand()
    {
        Command = new Command("predict", "Predict the resistivity models of a data set with a trained U-Net.") { _weights, _data, _out, _device, _threads, _fastKernels, _checkPhysics, _rhoFloor, _phaseFloor };
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
        var recorder = new StageRecorder(Stages.Predict, experiment: null);
        using Predictor predictor = Predictor.Load(weights, device);
        PhysicsCheck? check = null;
        if (parseResult.GetValue(_checkPhysics))
        {
            var (calibration, why) = PhysicsCalibration.Read(weights, predictor.Card);
            if (why is not null) stdout.WriteLine($"physics check without the in_distribution flag: {why}");
            check = new PhysicsCheck(calibration, OptionValues.Floors(parseResult, _rhoFloor, _phaseFloor));
        }
        Prediction prediction;
        try
        {
            prediction = predictor.PredictFile(data, dataPath, outPath, weights, check);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        recorder.Finish(outPath, [dataPath, .. Directory.EnumerateFiles(weights).Where(f => !Path.GetFileName(f).StartsWith("checkpoint", StringComparison.Ordinal))], [outPath],
            notes: new Dictionary<string, string> { ["cpu_kernels"] = Mt.Learning.CpuKernels.Status.Describe() });
        string warm = prediction.WarmSecondsPerSample is double w ? $" ({w * 1000:F1} ms warm, after a first batch of {prediction.FirstBatchSeconds * 1000:F1} ms)" : "";
        stdout.WriteLine($"wrote {outPath}: {data.Count} predicted models, {prediction.SecondsPerSample * 1000:F1} ms per sample{warm} on {device}");
        if (prediction.Check is { } c)
        {
            var sorted = c.DataRms.Order().ToArray();
            string flags = c.InDistribution is { } f
                ? FormattableString.Invariant($"; {f.Count(x => x)} of {f.Length} in distribution (data RMS at most {c.Threshold:F3})")
                : "";
            stdout.WriteLine(FormattableString.Invariant(
                $"physics check: data RMS {sorted[0]:F3} to {sorted[^1]:F3}, median {PhysicsCalibration.Quantile(sorted, 0.5):F3}{flags}; {c.Seconds:F1} s"));
        }
        return ExitCode.Ok;
    }
}
