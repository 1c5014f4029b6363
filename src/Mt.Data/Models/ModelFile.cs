using System.Text.Json;
using Mt.Data.IO;
using Mt.Forward;

namespace Mt.Data.Models;

/// <summary>
/// Reads and writes resistivity models as JSON:
/// <c>{"y_edges_m": [ny+1 increasing], "z_edges_m": [0, ..., nz+1 increasing], "resistivity_ohm_m": [nz rows of ny values]}</c>,
/// row 0 at the surface. Other keys are ignored on reading.
/// </summary>
public static class ModelFile
{
    /// <summary>JSON key of the lateral cell edges (m).</summary>
    public const string YEdgesKey = "y_edges_m";

    /// <summary>JSON key of the depth cell edges (m).</summary>
    public const string ZEdgesKey = "z_edges_m";

    /// <summary>JSON key of the resistivities (ohm-m), one row per depth cell.</summary>
    public const string ResistivityKey = "resistivity_ohm_m";

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads a model file; throws <see cref="DataFileException"/> naming the file and the problem when it is
    /// missing, is not JSON, lacks a key, or holds a model of the wrong shape or with bad values.</summary>
    public static ResistivityModel Read(string path) => Parse(DataFileException.ReadAllText(path), path);

    /// <summary>Parses the JSON text of a model; <paramref name="path"/> only names the source in error messages.</summary>
    public static ResistivityModel Parse(string json, string path)
    {
        using JsonDocument document = ParseDocument(json, path);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new DataFileException(path, null, $"expected a JSON object with keys {YEdgesKey}, {ZEdgesKey} and {ResistivityKey}");

        double[] yEdgesM = ReadNumbers(RequiredKey(root, YEdgesKey, path), YEdgesKey, path);
        double[] zEdgesM = ReadNumbers(RequiredKey(root, ZEdgesKey, path), ZEdgesKey, path);
        JsonElement rows = RequiredKey(root, ResistivityKey, path);
        CheckAtLeastOneCell(yEdgesM, YEdgesKey, path);
        CheckAtLeastOneCell(zEdgesM, ZEdgesKey, path);
        int ny = yEdgesM.Length - 1, nz = zEdgesM.Length - 1;

        if (rows.ValueKind != JsonValueKind.Array)
            throw new DataFileException(path, null, $"{ResistivityKey} must be an array of rows");
        if (rows.GetArrayLength() != nz)
            throw new DataFileException(path, null,
                $"{ResistivityKey} has {rows.GetArrayLength()} rows, expected {nz} (one per depth cell of {ZEdgesKey})");
        var resistivityOhmM = new double[nz, ny];
        int k = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            string rowName = $"{ResistivityKey} row {k}";
            double[] values = ReadNumbers(row, rowName, path);
            if (values.Length != ny)
                throw new DataFileException(path, null, $"{rowName} has {values.Length} values, expected {ny}");
            for (int j = 0; j < ny; j++) resistivityOhmM[k, j] = values[j];
            k++;
        }

        try
        {
            return new ResistivityModel(yEdgesM, zEdgesM, resistivityOhmM);
        }
        catch (ArgumentException ex)
        {
            throw new DataFileException(path, null, ex.Message, ex);
        }
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (the folder must exist), one
    /// array per line, numbers in round-trip precision.</summary>
    public static void Write(string path, ResistivityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WritePropertyName(YEdgesKey);
            writer.WriteRawValue(FormatRow(model.YEdgesM));
            writer.WritePropertyName(ZEdgesKey);
            writer.WriteRawValue(FormatRow(model.ZEdgesM));
            writer.WriteStartArray(ResistivityKey);
            var row = new double[model.Ny];
            for (int k = 0; k < model.Nz; k++)
            {
                for (int j = 0; j < model.Ny; j++) row[j] = model.ResistivityOhmM[k, j];
                writer.WriteRawValue(FormatRow(row));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static JsonDocument ParseDocument(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            // The reader's message ends with its own 0-based position, which the exception also carries.
            string message = ex.Message;
            int position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position >= 0) message = message[..position];
            int? line = ex.LineNumber is { } l ? (int)l + 1 : null;
            throw new DataFileException(path, line, $"malformed JSON: {message.Trim()}", ex);
        }
    }

    private static JsonElement RequiredKey(JsonElement root, string key, string path) =>
        root.TryGetProperty(key, out JsonElement value) ? value : throw new DataFileException(path, null, $"missing key \"{key}\"");

    private static double[] ReadNumbers(JsonElement array, string name, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new DataFileException(path, null, $"{name} must be an array of numbers");
        var values = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
                throw new DataFileException(path, null, $"{name}[{i}] is {item.ValueKind.ToString().ToLowerInvariant()}, expected a number");
            if (!item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                throw new DataFileException(path, null, $"{name}[{i}] = {item.GetRawText()} is out of range");
            i++;
        }
        return values;
    }

    private static void CheckAtLeastOneCell(double[] edges, string name, string path)
    {
        if (edges.Length < 2)
            throw new DataFileException(path, null, $"{name} has {edges.Length} edges, needs at least 2 (one cell)");
    }

    private static string FormatRow(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => InvariantNumber.Format(v))) + "]";
}
