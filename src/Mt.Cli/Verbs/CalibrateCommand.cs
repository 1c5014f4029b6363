using Mt.Data.Provenance;
using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt calibrate --weights DIR --data TRAIN.h5 [--percentile 0.95] [--max-samples N]</c>: fits the threshold of the
/// network's physics check on its own validation samples (<see cref="PhysicsCalibration.Fit"/>) and writes
/// <c>physics-check.json</c> into the training folder; <c>mt predict --check-physics</c> then flags each prediction.
/// </summary>
internal sealed class CalibrateCommand : IVerb
{
    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR", Description = "Training folder (mt train --out).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "TRAIN.h5", Description = "The network's training data (its validation samples are predicted).", Required = true };

    private readonly Option<double> _percentile = new("--percentile") { Description = $"Percentile of the validation misfits that is the threshold, in (0, 1] (default {PhysicsCalibration.DefaultPercentile}).", DefaultValueFactory = _ => PhysicsCalibration.DefaultPercentile };

    private readonly Option<int?> _maxSamples = new("--max-samples") { HelpName = "N", Description = "Use at most the first N validation samples (default all)." };

    private readonly Option<double> _rhoFloor = OptionValues.RhoFloorOption();

    private readonly Option<double> _phaseFloor = OptionValues.PhaseFloorOption();

    private readonly Option<string> _device = OptionValues.DeviceOption();

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default libtorch's)." };

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    /// <summary>Creates the verb.</summary>
    public CalibrateCommand()
    {
        Command = new Command("calibrate", "Fit the threshold of the network's physics check (data RMS of its predictions) on its validation samples.")
        {
            _weights, _data, _percentile, _maxSamples, _rhoFloor, _phaseFloor, _device, _threads, _fastKernels,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        KernelOption.Apply(parseResult, _fastKernels);
        string weights = parseResult.GetRequiredValue(_weights), dataPath = parseResult.GetRequiredValue(_data);
        double percentile = parseResult.GetValue(_percentile);
        if (!(percentile > 0 && percentile <= 1)) throw new UsageException($"{_percentile.Name}: {percentile} must be in (0, 1]");
        int? maxSamples = parseResult.GetValue(_maxSamples);
        if (maxSamples is < 1) throw new UsageException($"{_maxSamples.Name}: {maxSamples} must be at least 1");
        var floors = OptionValues.Floors(parseResult, _rhoFloor, _phaseFloor);
        if (parseResult.GetValue(_threads) is int threads) OptionValues.SetTorchThreads(threads, _threads.Name);
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        OptionValues.RequireTrainedNetwork(weights, _weights.Name);
        var recorder = new StageRecorder(Stages.PhysicsCheck, experiment: null);
        DataSet data = DataSetFile.Read(dataPath);
        using var predictor = Predictor.Load(weights, device);
        PhysicsCalibration calibration;
        try
        {
            calibration = PhysicsCalibration.Fit(predictor, weights, data, floors, percentile, maxSamples, stdout.WriteLine);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {dataPath}: {ex.Message}");
        }
        calibration.Write(weights);
        string written = Path.Combine(weights, PhysicsCalibration.FileName);
        recorder.Finish(written, [dataPath, Path.Combine(weights, TrainingFolder.BestWeights)], [written]);
        stdout.WriteLine(FormattableString.Invariant(
            $"wrote {Path.Combine(weights, PhysicsCalibration.FileName)}: threshold {calibration.Threshold:F3} (percentile {percentile} of {calibration.ValidationDataRms.Length} validation misfits, {calibration.ValidationDataRms.Min():F3} to {calibration.ValidationDataRms.Max():F3}), {calibration.WallTimeSeconds:F1} s"));
        return ExitCode.Ok;
    }
}
