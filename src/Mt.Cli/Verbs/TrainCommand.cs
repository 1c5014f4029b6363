using System.CommandLine;
using Mt.Learning;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt train --experiment EXP.json --data train.h5 --out DIR [--device cpu|cuda|auto] [--threads N] [--fast-kernels]</c>:
/// trains the experiment's U-Net on the data set (<see cref="Trainer"/>), printing the losses of each epoch with an ETA.
/// Rerun on the same DIR, it resumes from the last checkpoint (or starts afresh when the settings or the data changed).
/// </summary>
internal sealed class TrainCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "train.h5", Description = "Training data set (mt generate --split train).", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Folder of weights, checkpoints, loss history and model card.", Required = true };

    private readonly Option<string> _device = OptionValues.DeviceOption();

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default: the experiment's training.threads)." };

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    private readonly Option<int> _member = new("--member")
    {
        HelpName = "K",
        Description = "Deep-ensemble member: 0 (default) is the experiment's network; K > 0 draws its initialisation, shuffles and augmentation from another seed and keeps the validation split.",
    };

    /// <summary>Creates the verb.</summary>
    public TrainCommand()
    {
        Command = new Command("train", "Train the U-Net of an experiment on a data set; resumes from the last checkpoint.")
        {
            _experiment, _data, _out, _device, _threads, _fastKernels, _member,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        CpuKernelStatus kernels = KernelOption.Apply(parseResult, _fastKernels);
        string experimentPath = parseResult.GetRequiredValue(_experiment), dataPath = parseResult.GetRequiredValue(_data), outDir = parseResult.GetRequiredValue(_out);
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        var experiment = OptionValues.Experiment(experimentPath);
        int threads = parseResult.GetValue(_threads) ?? experiment.Training.Threads;
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        OptionValues.SetTorchThreads(threads, _threads.Name);
        int member = OptionValues.NonNegative(parseResult.GetValue(_member), _member.Name);
        TrainingOutcome outcome;
        try
        {
            outcome = TrainingStage.Run(experimentPath, experiment, dataPath, outDir, device, member, threads, kernels, stdout.WriteLine);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        catch (TrainingDivergedException ex)
        {
            throw new RunFailedException(ex.Message, ex);
        }
        ModelCard card = outcome.Card;
        if (outcome.AlreadyFinished)
        {
            stdout.WriteLine($"{outDir} already holds this run, finished ({ModelCard.FileName}: same settings and training data): nothing to train");
            return ExitCode.Ok;
        }
        if (outcome.ResumedFrom > 0) stdout.WriteLine($"(resumed from the checkpoint of epoch {outcome.ResumedFrom})");
        stdout.WriteLine($"wrote {Path.Combine(outDir, ModelCard.FileName)}: best loss {card.BestLoss:G4} at epoch {card.BestEpoch}, "
            + $"{card.ParameterCount} parameters, {card.WallTimeSeconds:F1} s");
        return ExitCode.Ok;
    }
}
