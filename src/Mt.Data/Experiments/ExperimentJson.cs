using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mt.Forward;

namespace Mt.Data.Experiments;

/// <summary>
/// JSON conventions of experiment files (snake_case names, enums as strings, unknown properties rejected, required
/// properties enforced), the canonical serialisation of a resolved experiment and the SHA-256 of its sections.
/// </summary>
public static class ExperimentJson
{
    /// <summary>Serializer options of experiment files. <see cref="Mode"/> is written as in physics texts (<c>"TE"</c>);
    /// every other enum in snake_case (<c>"mse"</c>, <c>"dipping_body"</c>).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// The canonical form of <paramref name="experiment"/>: compact JSON with object keys sorted ordinally at every level
    /// and numbers in shortest round-trip form, so equal experiments give equal bytes whatever the file layout was.
    /// </summary>
    public static string Canonical(Experiment experiment) => CanonicalOf(experiment);

    /// <summary>Lower-case hex SHA-256 of the canonical form of one section.</summary>
    public static string SectionHash(Experiment experiment, ExperimentSection section) => section switch
    {
        ExperimentSection.Data => Sha256Hex(CanonicalOf(experiment.Data)),
        ExperimentSection.Network => Sha256Hex(CanonicalOf(experiment.Network)),
        ExperimentSection.Training => Sha256Hex(CanonicalOf(experiment.Training)),
        ExperimentSection.Inversion => Sha256Hex(CanonicalOf(experiment.Inversion)),
        ExperimentSection.Evaluation => Sha256Hex(CanonicalOf(experiment.Evaluation)),
        ExperimentSection.Ensemble => Sha256Hex(CanonicalOf(experiment.Ensemble)),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "unknown section"),
    };

    /// <summary>
    /// Hash of the sections a stage depends on: SHA-256 over the lines <c>name=section-hash</c> of the given sections in
    /// enum order (duplicates ignored), so a stage is rebuilt only when one of its inputs changed.
    /// </summary>
    public static string StageHash(Experiment experiment, params ExperimentSection[] sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (sections.Length == 0) throw new ArgumentException("a stage depends on at least one section", nameof(sections));
        var text = new StringBuilder();
        foreach (ExperimentSection s in sections.Distinct().Order())
            text.Append(JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())).Append('=').Append(SectionHash(experiment, s)).Append('\n');
        return Sha256Hex(text.ToString());
    }

    private static string CanonicalOf<T>(T value)
    {
        JsonNode? node = JsonSerializer.SerializeToNode(value, Options);
        return SortKeys(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray array => new JsonArray(array.Select(SortKeys).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter<Mode>(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
