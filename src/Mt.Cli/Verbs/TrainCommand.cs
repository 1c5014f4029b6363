using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Learning;
using Mt.Learning.Training;
using static TorchSharp.torch;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt train --experiment EXP.json --data train.h5 --out DIR [--device cpu|cuda|auto] [--threads N]</c>: trains the
/// experiment's U-Net on the data set (see <see cref="Trainer"/>), printing the losses of each epoch with an ETA. DIR
/// receives the loss history, checkpoints, the best and final weights, the normalisation and the model card; rerun
/// on the same DIR, it resumes from the last checkpoint (or starts afresh when the settings or the data changed).
/// </summary>
internal sealed class TrainCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<string> _data = new("--data") { HelpName = "train.h5", Description = "Training data set (mt generate --split train).", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Folder of weights, checkpoints, loss history and model card.", Required = true };

    private readonly Option<string> _device = new("--device")
    {
        HelpName = "cpu|cuda|auto",
        Description = "Device (auto: cuda when available).",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default: the experiment's training.threads)." };

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    /// <summary>Creates the verb.</summary>
    public TrainCommand()
    {
        Command = new Command("train", "Train the U-Net of an experiment on a data set; resumes from the last checkpoint.")
        {
            _experiment, _data, _out, _device, _threads, _fastKernels,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        CpuKernelStatus kernels = KernelOption.Apply(parseResult, _fastKernels);
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        string dataPath = parseResult.GetRequiredValue(_data);
        string outDir = parseResult.GetRequiredValue(_out);
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        Experiment experiment = LoadExperiment(experimentPath);
        int threads = parseResult.GetValue(_threads) ?? experiment.Training.Threads;
        if (threads < 1) throw new UsageException($"{_threads.Name}: {threads} must be at least 1");
        Device device = ResolveDevice(parseResult.GetRequiredValue(_device), _device.Name);

        DataSet data = DataSetFile.Read(dataPath);
        string dataHash = ExperimentJson.SectionHash(experiment, ExperimentSection.Data);
        if (data.Attributes.Extra.TryGetValue("data_section_sha256", out string? stored) && stored != dataHash)
            throw new UsageException($"{_data.Name}: {dataPath} was generated from another data section than {experimentPath}'s");
        var provenance = new TrainingProvenance(
            Path.GetFileNameWithoutExtension(experimentPath),
            ExperimentJson.SectionHash(experiment, ExperimentSection.Network),
            ExperimentJson.SectionHash(experiment, ExperimentSection.Training),
            dataPath,
            FileHash.Sha256(dataPath));

        TorchSettings.SetThreads(threads);
        Trainer trainer;
        try
        {
            trainer = new Trainer(TrainingOptions.FromExperiment(experiment), data, outDir, device, provenance);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_data.Name}: {ex.Message}");
        }
        int epochs = experiment.Training.Epochs;
        stdout.WriteLine($"train {provenance.ExperimentName}: {trainer.TrainIndices.Length} training and {trainer.ValidationIndices.Length} validation samples, "
            + $"{epochs} epochs, {device}, {threads} thread(s), CPU kernels {kernels.Describe()}, into {outDir}");
        int sessionEpochs = 0;
        double sessionSeconds = 0;
        TrainingResult result;
        try
        {
            result = trainer.Run(loss =>
            {
                sessionEpochs++;
                sessionSeconds += loss.Seconds;
                var eta = TimeSpan.FromSeconds(sessionSeconds / sessionEpochs * (epochs - loss.Epoch));
                string validation = loss.ValidationLoss is double v ? $", validation {v:G4}" : "";
                stdout.WriteLine($"epoch {loss.Epoch}/{epochs}: train {loss.TrainLoss:G4}{validation}, {loss.Seconds:F1} s, ETA {eta:hh\\:mm\\:ss}");
            });
        }
        catch (TrainingDivergedException ex)
        {
            throw new RunFailedException(ex.Message, ex);
        }
        if (result.ResumedFrom > 0) stdout.WriteLine($"(resumed from the checkpoint of epoch {result.ResumedFrom})");
        ModelCard card = result.Card!;
        stdout.WriteLine($"wrote {Path.Combine(outDir, ModelCard.FileName)}: best loss {card.BestLoss:G4} at epoch {card.BestEpoch}, "
            + $"{card.ParameterCount} parameters, {card.WallTimeSeconds:F1} s");
        return ExitCode.Ok;
    }

    private static Experiment LoadExperiment(string path)
    {
        try
        {
            return ExperimentLoader.Load(path);
        }
        catch (ExperimentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The device named by the option; an unknown or unavailable device is a <see cref="UsageException"/>.</summary>
    internal static Device ResolveDevice(string choice, string option)
    {
        try
        {
            return TorchSettings.ResolveDevice(choice);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }
}
