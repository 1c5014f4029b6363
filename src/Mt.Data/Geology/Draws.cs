using MathNet.Numerics.Distributions;
using Mt.Data.Experiments;

namespace Mt.Data.Geology;

/// <summary>The random draws the generators share, each from a given random source.</summary>
internal static class Draws
{
    /// <summary>exp of a uniform draw between the logs of the bounds, clamped so rounding cannot leave the range.</summary>
    public static double LogUniform(Random random, Bounds<double> range) =>
        Math.Clamp(Math.Exp(ContinuousUniform.Sample(random, Math.Log(range.Min), Math.Log(range.Max))), range.Min, range.Max);

    /// <summary>Uniform in [min, max].</summary>
    public static double Uniform(Random random, Bounds<double> range) => ContinuousUniform.Sample(random, range.Min, range.Max);

    /// <summary>Uniform integer in [min, max].</summary>
    public static int Integer(Random random, Bounds<int> range) => DiscreteUniform.Sample(random, range.Min, range.Max);

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public static bool Chance(Random random, double probability) => ContinuousUniform.Sample(random, 0, 1) < probability;

    /// <summary>-1 or +1 with equal probability.</summary>
    public static int Sign(Random random) => DiscreteUniform.Sample(random, 0, 1) == 0 ? -1 : 1;

    /// <summary>A standard normal draw.</summary>
    public static double Normal(Random random) => MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
}
