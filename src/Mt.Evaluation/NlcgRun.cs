using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Evaluation;

/// <summary>
/// What evaluation reads of one NLCG run folder (<c>nlcg/noise-LEVEL/START/sample-IIII/</c>): the final model
/// (<c>model.json</c>, on the data set's grid) and its <see cref="InversionSummary"/>.
/// </summary>
public sealed record NlcgRun(double[,] Log10Resistivity, InversionSummary Summary)
{
    /// <summary>Reads a run folder and checks that its model lies on the grid of <paramref name="data"/>; every problem
    /// is a <see cref="DataFileException"/> naming the file.</summary>
    public static NlcgRun Read(string folder, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string modelPath = ResultsLayout.InversionModel(folder);
        ResistivityModel model = ModelFile.Read(modelPath);
        if (!ResistivityModel.SameEdges(model.YEdgesM, data.YEdgesM) || !ResistivityModel.SameEdges(model.ZEdgesM, data.ZEdgesM))
            throw new DataFileException(modelPath, null,
                $"the model's grid ({model.Nz} x {model.Ny} cells) is not the data set's ({data.Nz} x {data.Ny} cells on the same edges)");
        string summaryPath = ResultsLayout.InversionSummaryFile(folder);
        InversionSummary summary = ResultJson.Read<InversionSummary>(summaryPath);
        if (!(summary.WallTimeSeconds >= 0)) throw new DataFileException(summaryPath, null, "wall_time_seconds is negative");
        return new NlcgRun(model.Log10(), summary);
    }
}
