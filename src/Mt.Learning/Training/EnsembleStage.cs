using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Provenance;
using Mt.Data.Results;
using TorchSharp;

namespace Mt.Learning.Training;

/// <summary>
/// The ensemble stage: with an experiment, trains its members beside the experiment's network and calibrates them
/// (<see cref="Ensemble.TrainAndCalibrate"/>); without one, calibrates the given members (<see cref="Ensemble.Calibrate"/>).
/// Writes the test set with the ensemble mean as its log10 resistivity and the standard deviation as
/// <see cref="EnsembleReport.StandardDeviationDataset"/> (<see cref="EnsembleReport.PredictionFile"/>), then the report
/// (<see cref="EnsembleReport.FileName"/>) and the stage record (<see cref="Stages.Ensemble"/>).
/// </summary>
public static class EnsembleStage
{
    /// <summary>Runs the stage into <paramref name="outDir"/> and returns the report. An experiment whose
    /// <c>ensemble.members</c> is below 2 has no ensemble: a stale report in the folder is removed and null returned.
    /// Members or data that do not fit are an <see cref="ArgumentException"/>.</summary>
    public static EnsembleReport? Run(string? experimentPath, Experiment? experiment, IReadOnlyList<string> weights, string trainPath, string testPath,
        string outDir, torch.Device device, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(log);
        string reportPath = Path.Combine(outDir, EnsembleReport.FileName), predictionPath = Path.Combine(outDir, EnsembleReport.PredictionFile);
        if (experiment is { Ensemble.Members: < 2 })
        {
            if (File.Exists(reportPath)) File.Delete(reportPath);
            return null;
        }
        var recorder = new StageRecorder(Stages.Ensemble, experiment);
        EnsembleReport report;
        EnsemblePrediction test;
        IReadOnlyList<string> members = weights;
        if (experiment is null) (report, test) = Ensemble.Calibrate(weights, trainPath, testPath, device, log);
        else (report, test, members) = Ensemble.TrainAndCalibrate(Path.GetFileNameWithoutExtension(experimentPath!), experiment,
            trainPath, testPath, weights[0], outDir, device, log);
        Directory.CreateDirectory(outDir);
        DataSet data = DataSetFile.Read(testPath);
        var attributes = data.Attributes with
        {
            Extra = new Dictionary<string, string>(data.Attributes.Extra) { [PredictionAttributes.PredictionOf] = testPath, [PredictionAttributes.Weights] = string.Join(",", members) },
        };
        DataSetFile.Write(predictionPath, new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, test.Mean, data.Log10RhoApp, data.PhaseDeg, attributes),
            extraDatasets: new Dictionary<string, Array> { [EnsembleReport.StandardDeviationDataset] = test.StandardDeviation });
        // The report last: it is the stage's output in the build graph, so a run cut short before it runs again.
        report.Write(reportPath);
        recorder.Finish(outDir, [trainPath, testPath, .. members.Select(w => Path.Combine(w, TrainingFolder.BestWeights))], [reportPath, predictionPath]);
        return report;
    }
}
