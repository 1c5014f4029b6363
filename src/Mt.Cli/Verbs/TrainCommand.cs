using Mt.Data.Provenance;
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
        int member = parseResult.GetValue(_member);
        if (member < 0) throw new UsageException($"{_member.Name}: {member} must be >= 0");
        Trainer trainer;
        try
        {
            trainer = Trainer.ForExperiment(Path.GetFileNameWithoutExtension(experimentPath), experiment, dataPath, outDir, device, member);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        int epochs = experiment.Training.Epochs;
        stdout.WriteLine($"train {Path.GetFileNameWithoutExtension(experimentPath)}: {trainer.TrainIndices.Length} training and {trainer.ValidationIndices.Length} validation samples, "
            + $"{epochs} epochs, {device}, {threads} thread(s), CPU kernels {kernels.Describe()}, into {outDir}");
        var eta = new EtaClock(epochs);
        var recorder = new StageRecorder(Stages.Train, experiment);
        bool finishedBefore = File.Exists(Path.Combine(outDir, ModelCard.FileName));
        TrainingResult result;
        try
        {
            result = trainer.Run(loss =>
            {
                string validation = loss.ValidationLoss is double v ? $", validation {v:G4}" : "";
                stdout.WriteLine($"epoch {loss.Epoch}/{epochs}: train {loss.TrainLoss:G4}{validation}, {loss.Seconds:F1} s, ETA {eta.After(loss.Epoch, loss.Seconds):hh\\:mm\\:ss}");
            });
        }
        catch (TrainingDivergedException ex)
        {
            throw new RunFailedException(ex.Message, ex);
        }
        ModelCard card = result.Card!;
        if (finishedBefore && result.ResumedFrom == card.Epochs)
        {
            stdout.WriteLine($"{outDir} already holds this run, finished ({ModelCard.FileName}: same settings and training data): nothing to train");
            return ExitCode.Ok;
        }
        if (result.ResumedFrom > 0) stdout.WriteLine($"(resumed from the checkpoint of epoch {result.ResumedFrom})");
        recorder.Finish(outDir, [dataPath, experimentPath], Directory.EnumerateFiles(outDir).Where(f => !Path.GetFileName(f).StartsWith("checkpoint", StringComparison.Ordinal)),
            resumed: result.ResumedFrom > 0, totalWorkSeconds: card.WallTimeSeconds, notes: new Dictionary<string, string>
            {
                ["cpu_kernels"] = kernels.Describe(),
                ["threads"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["recomputed_passes"] = card.RecomputedPasses.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        stdout.WriteLine($"wrote {Path.Combine(outDir, ModelCard.FileName)}: best loss {card.BestLoss:G4} at epoch {card.BestEpoch}, "
            + $"{card.ParameterCount} parameters, {card.WallTimeSeconds:F1} s");
        return ExitCode.Ok;
    }

    /// <summary>The time left after an epoch, from the mean time of the epochs run in this session.</summary>
    private sealed class EtaClock(int epochs)
    {
        private int _runs;
        private double _seconds;

        public TimeSpan After(int epoch, double seconds)
        {
            _runs++;
            _seconds += seconds;
            return TimeSpan.FromSeconds(_seconds / _runs * (epochs - epoch));
        }
    }
}
