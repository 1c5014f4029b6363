namespace Mt.Inversion;

/// <summary>Vector arithmetic of the inversion, in a fixed summation order (so that results do not depend on how the
/// work is split).</summary>
public static class Vectors
{
    /// <summary>The dot product of two vectors of the same length, summed from the first entry to the last.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} entries");
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
