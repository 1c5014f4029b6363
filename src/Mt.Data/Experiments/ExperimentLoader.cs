using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mt.Data.Experiments;

/// <summary>
/// Reads experiment files. A file may name a base file with <c>"extends": "other.json"</c> (relative to its own folder);
/// the base is resolved first (recursively, cycles rejected), then the file is deep-merged over it: objects merge key by
/// key, arrays and scalars replace. The merged document is bound to <see cref="Experiment"/> and validated.
/// </summary>
public static class ExperimentLoader
{
    private const string ExtendsKey = "extends";

    /// <summary>Loads, resolves, binds and validates an experiment; throws <see cref="ExperimentException"/> on any problem.</summary>
    /// <param name="path">The experiment file; errors name it as given here.</param>
    public static Experiment Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonObject merged = Resolve(path, []);
        Experiment experiment = Bind(merged, path);
        ExperimentValidator.Validate(experiment, path);
        return experiment;
    }

    /// <summary>The document of <paramref name="path"/> with its <c>extends</c> chain merged in (before binding).</summary>
    public static JsonObject Resolve(string path) => Resolve(path, []);

    /// <summary>Deep-merges <paramref name="overlay"/> over <paramref name="baseObject"/> into a new object: keys of both
    /// objects merge recursively, any other value of the overlay (array, scalar, null) replaces the base value.</summary>
    public static JsonObject Merge(JsonObject baseObject, JsonObject overlay)
    {
        var result = (JsonObject)baseObject.DeepClone();
        foreach ((string key, JsonNode? value) in overlay)
        {
            if (value is JsonObject overlayChild && result[key] is JsonObject baseChild)
                result[key] = Merge(baseChild, overlayChild);
            else
                result[key] = value?.DeepClone();
        }

        return result;
    }

    private static JsonObject Resolve(string path, List<string> chain)
    {
        string fullPath = Path.GetFullPath(path);
        if (chain.Contains(fullPath, StringComparer.Ordinal))
            throw new ExperimentException(path, "$." + ExtendsKey,
                "extends cycle: " + string.Join(" -> ", chain.Append(fullPath).Select(Path.GetFileName)));

        JsonObject document = Parse(path);
        if (!document.TryGetPropertyValue(ExtendsKey, out JsonNode? extendsNode))
            return document;

        if (extendsNode is not JsonValue extendsValue || !extendsValue.TryGetValue(out string? basePath) || basePath.Length == 0)
            throw new ExperimentException(path, "$." + ExtendsKey, "must be a non-empty string naming the base file");
        document.Remove(ExtendsKey);
        string resolvedBase = Path.Combine(Path.GetDirectoryName(path) ?? "", basePath);
        if (!File.Exists(resolvedBase))
            throw new ExperimentException(path, "$." + ExtendsKey, $"base file '{basePath}' not found (looked for {resolvedBase})");
        chain.Add(fullPath);
        JsonObject baseDocument = Resolve(resolvedBase, chain);
        chain.RemoveAt(chain.Count - 1);
        return Merge(baseDocument, document);
    }

    private static JsonObject Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExperimentException(path, "$", $"cannot read the file: {e.Message}", e);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                   ?? throw new ExperimentException(path, "$", "the file must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new ExperimentException(path, e.Path ?? "$", $"invalid JSON: {Reason(e)}", e);
        }
    }

    private static Experiment Bind(JsonObject document, string path)
    {
        try
        {
            return document.Deserialize<Experiment>(ExperimentJson.Options)
                   ?? throw new ExperimentException(path, "$", "the experiment is null");
        }
        catch (JsonException e)
        {
            throw new ExperimentException(path, e.Path ?? "$", Reason(e), e);
        }
    }

    /// <summary>The message of a serializer error without the trailing " Path: ... | LineNumber: ..." part, which
    /// <see cref="ExperimentError"/> carries separately.</summary>
    private static string Reason(JsonException e)
    {
        int cut = e.Message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut >= 0 ? e.Message[..cut] : e.Message;
    }
}
