using System.Text.Json;
using System.Text.Json.Serialization;
using Mt.Data.IO;

namespace Mt.Data.Results;

/// <summary>JSON conventions of the result files the stages write and read (summaries, model cards, stage records):
/// snake_case names, enums as kebab-case strings, indented; each file is written and read by the same type.</summary>
public static class ResultJson
{
    /// <summary>The serializer options of every result file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(value, Options) + "\n"));

    /// <summary>Reads a result file; a missing file, malformed JSON or a missing required field is a
    /// <see cref="DataFileException"/> naming the file.</summary>
    public static T Read<T>(string path)
    {
        string text = DataFileException.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new DataFileException(path, null, "expected a JSON object, found null");
        }
        catch (JsonException ex)
        {
            throw new DataFileException(path, ex.LineNumber is { } l ? (int)l + 1 : null, $"malformed: {ex.Message}", ex);
        }
    }
}
