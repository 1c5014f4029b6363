using System.Globalization;

namespace Mt.Data.Datasets;

/// <summary>A half-open range of sample indices [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Start">First index.</param>
/// <param name="End">One past the last index.</param>
public readonly record struct IndexRange(int Start, int End)
{
    /// <summary>Number of indices.</summary>
    public int Count => End - Start;

    /// <summary>The indices in order.</summary>
    public IEnumerable<int> Indices => Enumerable.Range(Start, Count);
}

/// <summary>
/// Shard <see cref="K"/> of <see cref="N"/> (1-based, as in <c>--shard k/n</c>). The shards of a set of
/// <c>count</c> samples are contiguous, disjoint, cover 0..count-1 and differ in size by at most one.
/// </summary>
/// <param name="K">Which shard, 1..N.</param>
/// <param name="N">Number of shards, at least 1.</param>
public readonly record struct Shard(int K, int N)
{
    /// <summary>The whole set as one shard.</summary>
    public static Shard All => new(1, 1);

    /// <summary>Parses <c>k/n</c>, e.g. <c>2/3</c>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new FormatException($"shard must be k/n with whole numbers, e.g. 2/3, got '{text}'");
        if (n < 1 || k < 1 || k > n) throw new FormatException($"shard k/n needs 1 <= k <= n, got '{text}'");
        return new Shard(k, n);
    }

    /// <summary>The indices of this shard in a set of <paramref name="count"/> samples.</summary>
    public IndexRange Range(int count) => ShardRange(count, K, N);

    /// <summary>The indices of shard <paramref name="k"/> of <paramref name="n"/>: [floor((k-1)count/n), floor(k count/n)).</summary>
    public static IndexRange ShardRange(int count, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"shard number must be in 1..{n}");
        return new IndexRange((int)((long)(k - 1) * count / n), (int)((long)k * count / n));
    }

    /// <inheritdoc />
    public override string ToString() => $"{K}/{N}";
}
