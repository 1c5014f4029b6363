using System.Globalization;
using Mt.Data.Experiments;
using Mt.Data.Provenance;
using TorchSharp;

namespace Mt.Learning.Training;

/// <summary>What a run of <see cref="TrainingStage"/> did.</summary>
/// <param name="Card">The finished run's model card.</param>
/// <param name="ResumedFrom">The epoch of the checkpoint the run resumed from (0: started afresh).</param>
/// <param name="AlreadyFinished">The folder held this run, finished: nothing was trained and no record written.</param>
public sealed record TrainingOutcome(ModelCard Card, int ResumedFrom, bool AlreadyFinished);

/// <summary>
/// The training stage of an experiment: trains its U-Net (or ensemble member) on a data set into a folder with
/// <see cref="Trainer"/>, resuming from the folder's checkpoints, and writes the stage record (<see cref="Stages.Train"/>)
/// with the kernel policy, thread count and recomputed passes. A finished run in the folder is left as it is.
/// </summary>
public static class TrainingStage
{
    /// <summary>Runs the stage. <paramref name="log"/> receives a header line and one line per epoch with an ETA.
    /// Data that do not fit the experiment are an <see cref="ArgumentException"/>; a diverged run a
    /// <see cref="TrainingDivergedException"/>.</summary>
    public static TrainingOutcome Run(string experimentPath, Experiment experiment, string dataPath, string outDir, torch.Device device,
        int member, int threads, CpuKernelStatus kernels, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(log);
        string name = Path.GetFileNameWithoutExtension(experimentPath);
        Trainer trainer = Trainer.ForExperiment(name, experiment, dataPath, outDir, device, member);
        int epochs = experiment.Training.Epochs;
        log($"train {name}: {trainer.TrainIndices.Length} training and {trainer.ValidationIndices.Length} validation samples, "
            + $"{epochs} epochs, {device}, {threads} thread(s), CPU kernels {kernels.Describe()}, into {outDir}");
        var eta = new EtaClock(epochs);
        var recorder = new StageRecorder(Stages.Train, experiment);
        bool finishedBefore = File.Exists(Path.Combine(outDir, ModelCard.FileName));
        TrainingResult result = trainer.Run(loss =>
        {
            string validation = loss.ValidationLoss is double v ? $", validation {v:G4}" : "";
            log($"epoch {loss.Epoch}/{epochs}: train {loss.TrainLoss:G4}{validation}, {loss.Seconds:F1} s, ETA {eta.After(loss.Epoch, loss.Seconds):hh\\:mm\\:ss}");
        });
        ModelCard card = result.Card!;
        if (finishedBefore && result.ResumedFrom == card.Epochs) return new TrainingOutcome(card, result.ResumedFrom, AlreadyFinished: true);
        recorder.Finish(outDir, [dataPath, experimentPath], Directory.EnumerateFiles(outDir).Where(f => !Path.GetFileName(f).StartsWith("checkpoint", StringComparison.Ordinal)),
            resumed: result.ResumedFrom > 0, totalWorkSeconds: card.WallTimeSeconds, notes: new Dictionary<string, string>
            {
                ["cpu_kernels"] = kernels.Describe(),
                ["threads"] = threads.ToString(CultureInfo.InvariantCulture),
                ["recomputed_passes"] = card.RecomputedPasses.ToString(CultureInfo.InvariantCulture),
            });
        return new TrainingOutcome(card, result.ResumedFrom, AlreadyFinished: false);
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
