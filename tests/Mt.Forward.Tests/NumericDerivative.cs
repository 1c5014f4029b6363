namespace Mt.Forward.Tests;

/// <summary>Central differences of a scalar function of a vector.</summary>
internal static class NumericDerivative
{
    /// <summary>(f(x + h e_i) - f(x - h e_i)) / 2h.</summary>
    public static double Central(Func<double[], double> f, double[] x, int i, double h = 1e-6)
    {
        double[] plus = [.. x], minus = [.. x];
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }
}
