using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Results;
using Mt.Forward;
using Mt.Inversion;
using Mt.Learning.Training;
using TorchSharp;

namespace Mt.Workflows.Inversion;

/// <summary>
/// <c>mt invert --method network|hybrid|auto</c> on sample <c>index</c> of a data set: the trained network predicts the
/// sample's section on the data set's grid, and <see cref="MethodRun"/> keeps it, inverts from it, or decides by its
/// data misfit (<see cref="AutoPolicy"/> at the options' target), writing the method's files into the output folder.
/// </summary>
public static class NetworkMethodStage
{
    /// <summary>Runs <paramref name="method"/> on <paramref name="data"/>, the observed data of sample
    /// <paramref name="index"/> of <paramref name="set"/> (read from <paramref name="observedText"/>), with the network of
    /// the training folder <paramref name="weights"/>. A sample that the network cannot take (another geometry) is a
    /// <see cref="DataFileException"/> naming <paramref name="observedText"/>.</summary>
    public static MethodRecord Run(InvertMethod method, string observedText, DataSet set, int index, ObservedData data, string weights, torch.Device device,
        NlcgOptions options, InversionInputs inputs, string outDir, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        double[,] log10;
        double seconds;
        using (var predictor = Predictor.Load(weights, device))
        {
            try
            {
                (log10, seconds) = predictor.PredictSample(set, index);
            }
            catch (ArgumentException ex)
            {
                throw new DataFileException(observedText, null, ex.Message, ex);
            }
        }
        log(FormattableString.Invariant($"network: predicted {observedText} in {seconds * 1000:F1} ms with {weights}"));
        return MethodRun.Run(method, data, weights, ResistivityModel.FromLog10(set.YEdgesM, set.ZEdgesM, log10), seconds,
            AutoPolicy.ForTarget(options.TargetRms), options, outDir, inputs, log);
    }
}
