namespace Mt.Inversion.Verification;

/// <summary>The outcome of <see cref="DerivativeChecks.Adjoint"/>: &lt;A x, y&gt;, &lt;x, A' y&gt; and their
/// relative difference.</summary>
public sealed record AdjointCheck(double Forward, double Adjoint, double RelativeDifference);

/// <summary>The outcome of <see cref="DerivativeChecks.Taylor"/>: per step h the remainders |f(x + h v) - f(x)| (first
/// order: O(h)) and |f(x + h v) - f(x) - h g.v| (second order when g is the gradient: O(h^2)), and the slopes of their
/// logarithms fitted against log h.</summary>
public sealed record TaylorCheck(double[] Steps, double[] ZerothOrderRemainders, double[] FirstOrderRemainders, double ZerothOrderSlope, double FirstOrderSlope);

/// <summary>
/// Reusable proofs of derivatives, as discretize and Devito ship them with the library: the dot-product test of an
/// operator and its adjoint, and the Taylor test of a gradient. The tests assert on the returned numbers with their
/// own tolerances.
/// </summary>
public static class DerivativeChecks
{
    /// <summary>The dot-product test of <paramref name="apply"/> (R^n to R^m) against <paramref name="applyAdjoint"/>
    /// (R^m to R^n) for seeded random vectors x and y with entries in [-1, 1).</summary>
    public static AdjointCheck Adjoint(Func<double[], double[]> apply, Func<double[], double[]> applyAdjoint, int n, int m, int seed)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(applyAdjoint);
        double[] x = RandomVector(n, seed), y = RandomVector(m, seed + 1);
        double forward = Vectors.Dot(apply(x), y), adjoint = Vectors.Dot(x, applyAdjoint(y));
        return new AdjointCheck(forward, adjoint, Math.Abs(forward - adjoint) / Math.Max(Math.Abs(forward), double.Epsilon));
    }

    /// <summary>The Taylor test of the gradient <paramref name="gradient"/> of <paramref name="f"/> at
    /// <paramref name="x"/> along <paramref name="direction"/> for the given steps.</summary>
    public static TaylorCheck Taylor(Func<double[], double> f, double[] gradient, double[] x, double[] direction, IReadOnlyList<double> steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(direction);
        ArgumentNullException.ThrowIfNull(steps);
        double f0 = f(x), slope = Vectors.Dot(gradient, direction);
        var zeroth = new double[steps.Count];
        var first = new double[steps.Count];
        for (int i = 0; i < steps.Count; i++)
        {
            double h = steps[i];
            double fh = f([.. x.Select((v, p) => v + h * direction[p])]);
            zeroth[i] = Math.Abs(fh - f0);
            first[i] = Math.Abs(fh - f0 - h * slope);
        }
        return new TaylorCheck([.. steps], zeroth, first, LogSlope(steps, zeroth), LogSlope(steps, first));
    }

    /// <summary>A seeded random vector with entries in [-1, 1).</summary>
    public static double[] RandomVector(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1)];
    }

    /// <summary>The least-squares slope of log r against log h.</summary>
    public static double LogSlope(IReadOnlyList<double> h, IReadOnlyList<double> r)
    {
        double[] x = [.. h.Select(v => Math.Log(v))], y = [.. r.Select(v => Math.Log(v))];
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }
}
