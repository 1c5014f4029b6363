using System.Text.Json;
using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Forward;

namespace Mt.Evaluation;

/// <summary>
/// What evaluation reads of one NLCG run folder (<c>nlcg/noise-LEVEL/START/sample-IIII/</c>, written by
/// <c>mt invert</c>): the final model (<c>model.json</c>, the model-file schema, on the data set's grid) and
/// <c>summary.json</c> with at least <c>final_rms</c>, <c>iterations</c>, <c>wall_time_seconds</c>,
/// <c>exit_reason</c> and <c>forward_solves</c>.
/// </summary>
public sealed record NlcgRun(double[,] Log10Resistivity, double FinalRms, int Iterations, double WallTimeSeconds, string ExitReason, int ForwardSolves)
{
    /// <summary>Model file of a run folder.</summary>
    public const string ModelFileName = "model.json";

    /// <summary>Summary file of a run folder.</summary>
    public const string SummaryFileName = "summary.json";

    /// <summary>Reads a run folder and checks that its model lies on the grid of <paramref name="data"/>; every problem
    /// is a <see cref="DataFileException"/> naming the file.</summary>
    public static NlcgRun Read(string folder, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string modelPath = Path.Combine(folder, ModelFileName);
        ResistivityModel model = ModelFile.Read(modelPath);
        if (!SameEdges(model.YEdgesM, data.YEdgesM) || !SameEdges(model.ZEdgesM, data.ZEdgesM))
            throw new DataFileException(modelPath, null,
                $"the model's grid ({model.Nz} x {model.Ny} cells) is not the data set's ({data.Nz} x {data.Ny} cells on the same edges)");
        var log10 = new double[model.Nz, model.Ny];
        for (int k = 0; k < model.Nz; k++)
            for (int j = 0; j < model.Ny; j++) log10[k, j] = Math.Log10(model.ResistivityOhmM[k, j]);

        string summaryPath = Path.Combine(folder, SummaryFileName);
        string text = DataFileException.ReadAllText(summaryPath);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DataFileException(summaryPath, null, "expected a JSON object");
            double wallTime = Number(root, "wall_time_seconds", summaryPath);
            if (wallTime < 0) throw new DataFileException(summaryPath, null, "wall_time_seconds is negative");
            return new NlcgRun(log10, Number(root, "final_rms", summaryPath), Integer(root, "iterations", summaryPath), wallTime,
                Text(root, "exit_reason", summaryPath), Integer(root, "forward_solves", summaryPath));
        }
        catch (JsonException ex)
        {
            throw new DataFileException(summaryPath, ex.LineNumber is { } l ? (int)l + 1 : null, "malformed JSON", ex);
        }
    }

    private static bool SameEdges(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-6 * Math.Max(1, Math.Abs(p.Second)));

    private static JsonElement Key(JsonElement root, string key, string path) =>
        root.TryGetProperty(key, out JsonElement value) ? value : throw new DataFileException(path, null, $"missing key \"{key}\"");

    private static double Number(JsonElement root, string key, string path)
    {
        JsonElement e = Key(root, key, path);
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v)
            ? v
            : throw new DataFileException(path, null, $"\"{key}\" must be a finite number");
    }

    private static int Integer(JsonElement root, string key, string path)
    {
        JsonElement e = Key(root, key, path);
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) && v >= 0
            ? v
            : throw new DataFileException(path, null, $"\"{key}\" must be a non-negative integer");
    }

    private static string Text(JsonElement root, string key, string path)
    {
        JsonElement e = Key(root, key, path);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DataFileException(path, null, $"\"{key}\" must be a string");
    }
}
