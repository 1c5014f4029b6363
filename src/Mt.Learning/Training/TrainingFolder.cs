namespace Mt.Learning.Training;

/// <summary>
/// The files of a training output folder. Every file is written atomically (temporary file, then move). A checkpoint
/// is the pair <c>checkpoint-EEEE.weights</c> / <c>checkpoint-EEEE.optimizer</c> plus <c>checkpoint.json</c>, which is
/// written last and names the epoch, so a crash while writing leaves the previous checkpoint valid.
/// </summary>
public static class TrainingFolder
{
    /// <summary>Weights after the last epoch.</summary>
    public const string FinalWeights = "final.weights";

    /// <summary>Weights of the epoch with the lowest validation loss.</summary>
    public const string BestWeights = "best.weights";

    /// <summary>Input normalisation (from the training part).</summary>
    public const string Normalisation = "normalisation.json";

    /// <summary>Loss history: epoch, train_loss, validation_loss, seconds.</summary>
    public const string LossHistory = "loss.csv";

    /// <summary>The checkpoint record.</summary>
    public const string Checkpoint = "checkpoint.json";

    /// <summary>Weights of the checkpoint at <paramref name="epoch"/>.</summary>
    public static string CheckpointWeights(int epoch) => $"checkpoint-{epoch:D4}.weights";

    /// <summary>Optimizer state of the checkpoint at <paramref name="epoch"/>.</summary>
    public static string CheckpointOptimizer(int epoch) => $"checkpoint-{epoch:D4}.optimizer";
}
