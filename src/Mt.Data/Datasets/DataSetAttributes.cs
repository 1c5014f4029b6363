using Mt.Data.Geology;

namespace Mt.Data.Datasets;

/// <summary>
/// The provenance of a data set, stored as HDF5 file attributes: <c>experiment</c>, <c>seed</c>, <c>split</c>
/// (<c>train</c> or <c>test</c>), <c>generator</c>, <c>code_version</c>, and one string attribute per
/// <see cref="Extra"/> entry. Equality compares <see cref="Extra"/> by content.
/// </summary>
/// <param name="ExperimentName">Name of the experiment the set was generated for.</param>
/// <param name="Seed">Experiment seed the samples were derived from (<see cref="SampleSeed"/>).</param>
/// <param name="Split">The split the samples belong to.</param>
/// <param name="Generator">What generated the set, e.g. the geology generator and forward solver names.</param>
/// <param name="CodeVersion">Version (e.g. git commit) of the code that generated the set.</param>
/// <param name="Extra">Further string attributes; their names must not be one of <see cref="ReservedNames"/>.</param>
public sealed record DataSetAttributes(
    string ExperimentName,
    long Seed,
    DataSplit Split,
    string Generator,
    string CodeVersion,
    IReadOnlyDictionary<string, string>? Extra = null)
{
    /// <summary>File attribute names the format uses itself, so not available for <see cref="Extra"/>.</summary>
    public static IReadOnlySet<string> ReservedNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "experiment", "seed", "split", "generator", "code_version", "frequency_order", "modes",
    };

    private readonly IReadOnlyDictionary<string, string> extra = CheckExtra(Extra);

    /// <summary>Further string attributes (never null; empty when none), sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Extra
    {
        get => extra;
        init => extra = CheckExtra(value);
    }

    /// <summary>The <see cref="Split"/> as stored in the file: <c>train</c> or <c>test</c>.</summary>
    public string SplitText => Split switch
    {
        DataSplit.Train => "train",
        DataSplit.Test => "test",
        _ => throw new InvalidOperationException($"unknown split {Split}"),
    };

    /// <summary>Parses a stored split (<c>train</c> or <c>test</c>); false for anything else.</summary>
    public static bool TryParseSplit(string text, out DataSplit split)
    {
        (bool ok, split) = text switch
        {
            "train" => (true, DataSplit.Train),
            "test" => (true, DataSplit.Test),
            _ => (false, default),
        };
        return ok;
    }

    /// <inheritdoc />
    public bool Equals(DataSetAttributes? other) =>
        other is not null
        && ExperimentName == other.ExperimentName
        && Seed == other.Seed
        && Split == other.Split
        && Generator == other.Generator
        && CodeVersion == other.CodeVersion
        && Extra.Count == other.Extra.Count
        && Extra.All(pair => other.Extra.TryGetValue(pair.Key, out string? value) && value == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ExperimentName, Seed, Split, Generator, CodeVersion, Extra.Count);

    private static SortedDictionary<string, string> CheckExtra(IReadOnlyDictionary<string, string>? extra)
    {
        var copy = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in extra ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("an extra attribute has an empty name", nameof(extra));
            if (ReservedNames.Contains(name)) throw new ArgumentException($"extra attribute '{name}' uses a reserved name", nameof(extra));
            copy[name] = value ?? throw new ArgumentException($"extra attribute '{name}' is null", nameof(extra));
        }

        return copy;
    }
}
