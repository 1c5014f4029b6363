using Mt.Data.Geology;

namespace Mt.Learning.Training;

/// <summary>
/// Every random choice of training as a pure function of (seed, purpose, epoch, index), built on SplitMix64, so a run
/// resumed at epoch k makes exactly the draws an uninterrupted run makes from epoch k on: the checkpoint need not hold
/// any generator state.
/// </summary>
public static class Draws
{
    /// <summary>Purpose of the validation split.</summary>
    public const ulong SplitStream = 0x73706C6974UL; // "split"

    /// <summary>Purpose of the per-epoch shuffle.</summary>
    public const ulong ShuffleStream = 0x73687566UL; // "shuf"

    /// <summary>Purpose of the noise augmentation.</summary>
    public const ulong NoiseStream = 0x6E6F697365UL; // "noise"

    /// <summary>Purpose of the mirror augmentation.</summary>
    public const ulong MirrorStream = 0x6D6972726F72UL; // "mirror"

    /// <summary>Stream of the ensemble members' seeds.</summary>
    public const ulong MemberStream = 0x6D656D626572UL; // "member"

    /// <summary>A 64-bit hash of (seed, stream, epoch, index).</summary>
    public static ulong Hash(long seed, ulong stream, int epoch, long index)
    {
        ulong h = SampleSeed.SplitMix64(unchecked((ulong)seed) ^ stream);
        h = SampleSeed.SplitMix64(h ^ (uint)epoch);
        return SampleSeed.SplitMix64(h ^ unchecked((ulong)index));
    }

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A permutation of 0..<paramref name="count"/>-1 (Fisher-Yates, step i drawn from (seed, stream, epoch, i)).</summary>
    public static int[] Permutation(int count, long seed, ulong stream, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int[] order = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)(Hash(seed, stream, epoch, i) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The augmentation of sample <paramref name="index"/> in <paramref name="epoch"/>: with probability
    /// <paramref name="probability"/> a level uniform in [0, <paramref name="maxLevel"/>], else 0 (no noise).</summary>
    public static double NoiseLevel(long seed, int epoch, int index, double probability, double maxLevel)
    {
        if (probability <= 0 || maxLevel <= 0) return 0;
        ulong h = Hash(seed, NoiseStream, epoch, index);
        if (Unit(h) >= probability) return 0;
        return Unit(SampleSeed.SplitMix64(h)) * maxLevel;
    }

    /// <summary>Whether sample <paramref name="index"/> is mirrored left-right in <paramref name="epoch"/>: true with
    /// probability <paramref name="probability"/> (never for 0, always for 1).</summary>
    public static bool Mirrored(long seed, int epoch, int index, double probability) =>
        probability > 0 && Unit(Hash(seed, MirrorStream, epoch, index)) < probability;

    /// <summary>The run seed of ensemble member <paramref name="member"/> (&gt; 0) of a run seeded with <paramref name="seed"/>.</summary>
    public static long MemberSeed(long seed, int member) => unchecked((long)Hash(seed, MemberStream, member, -1));

    /// <summary>The seed handed to <see cref="Mt.Data.Datasets.NoiseModel.Apply(double[,,], double[,,], double, long, int)"/>
    /// for the noise of one epoch (the model adds the sample index and the level itself).</summary>
    public static long NoiseSeed(long seed, int epoch) => unchecked((long)Hash(seed, NoiseStream, epoch, -1));
}
