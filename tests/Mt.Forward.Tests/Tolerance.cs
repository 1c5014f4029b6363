namespace Mt.Forward.Tests;

/// <summary>Assertions with stated tolerances and helpful messages.</summary>
internal static class Tolerance
{
    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        double err = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(err <= tolerance, $"{what}: expected {expected:G6}, got {actual:G6}, relative error {err:P3} > {tolerance:P3}");
    }

    public static void Absolute(double expected, double actual, double tolerance, string what)
    {
        double err = Math.Abs(actual - expected);
        Assert.True(err <= tolerance, $"{what}: expected {expected:G6}, got {actual:G6}, error {err:G3} > {tolerance:G3}");
    }

    public static double[] LogSpace(double from, double to, int count) =>
        [.. Enumerable.Range(0, count).Select(i => from * Math.Pow(to / from, count == 1 ? 0 : (double)i / (count - 1)))];
}
