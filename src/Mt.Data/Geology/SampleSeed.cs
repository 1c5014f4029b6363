namespace Mt.Data.Geology;

/// <summary>The data set a sample belongs to. The numeric values are part of the seed derivation: do not renumber.</summary>
public enum DataSplit
{
    /// <summary>Training set (its validation part included).</summary>
    Train = 0,

    /// <summary>Test set.</summary>
    Test = 1,
}

/// <summary>
/// The seed of one sample, derived from (experiment seed, split, index) alone, never from shared generator state, so
/// any sample can be rebuilt by itself and a set can be generated in shards:
/// <code>
/// h = SplitMix64(experimentSeed)
/// h = SplitMix64(h ^ (ulong)split)
/// h = SplitMix64(h ^ (ulong)index)
/// </code>
/// where SplitMix64(x) is Steele, Lea and Flood's finaliser applied to x + 0x9E3779B97F4A7C15 (constants
/// 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, shifts 30, 27, 31). MathNet's generators take an int seed, so
/// <see cref="ToInt32"/> folds the 64 bits as <c>(int)(h ^ (h &gt;&gt; 32))</c>.
/// </summary>
public static class SampleSeed
{
    /// <summary>The 64-bit seed of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public static ulong Derive(long experimentSeed, DataSplit split, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!Enum.IsDefined(split)) throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split");
        ulong h = SplitMix64((ulong)experimentSeed);
        h = SplitMix64(h ^ (ulong)split);
        return SplitMix64(h ^ (ulong)index);
    }

    /// <summary>The 32-bit seed handed to a MathNet random source: the two halves of <paramref name="seed"/> xor-ed.</summary>
    public static int ToInt32(ulong seed) => unchecked((int)(uint)(seed ^ (seed >> 32)));

    /// <summary>One SplitMix64 step: a bijective 64-bit mix.</summary>
    public static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            ulong z = x + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
