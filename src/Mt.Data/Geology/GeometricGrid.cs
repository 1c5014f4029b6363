namespace Mt.Data.Geology;

/// <summary>
/// Cells whose thicknesses form a geometric series: thickness i = first * r^i (i = 0..n-1), with the ratio r solved so
/// that the thicknesses sum to a given total.
/// </summary>
public static class GeometricGrid
{
    private const int MaxIterations = 2000;

    /// <summary>
    /// The ratio r &gt; 0 with <c>first * (1 + r + ... + r^(cells-1)) = total</c>. The sum is increasing in r, so the
    /// root is bracketed (between 0 and 1 if total &lt; cells * first, else between 1 and an upper bound found by
    /// doubling) and refined by bisection until the bracket cannot shrink in double precision. The sum is evaluated term
    /// by term (Horner), which stays accurate near r = 1 where the closed form (r^n - 1)/(r - 1) cancels.
    /// </summary>
    /// <param name="cells">Number of cells, at least 2.</param>
    /// <param name="firstM">Thickness of the first cell, &gt; 0.</param>
    /// <param name="totalM">Sum of all thicknesses, &gt; <paramref name="firstM"/>.</param>
    public static double SolveRatio(int cells, double firstM, double totalM)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 2);
        if (!(firstM > 0) || !double.IsFinite(firstM)) throw new ArgumentOutOfRangeException(nameof(firstM), firstM, "must be positive and finite");
        if (!(totalM > firstM) || !double.IsFinite(totalM))
            throw new ArgumentOutOfRangeException(nameof(totalM), totalM, "must be finite and larger than the first thickness");

        double target = totalM / firstM;
        double Excess(double r) => SeriesSum(cells, r) - target;

        if (Excess(1) == 0) return 1;
        double low, high;
        if (Excess(1) > 0)
        {
            (low, high) = (0, 1);
        }
        else
        {
            (low, high) = (1, 2);
            while (Excess(high) < 0) (low, high) = (high, 2 * high);
        }

        for (int i = 0; i < MaxIterations; i++)
        {
            double mid = 0.5 * (low + high);
            if (mid <= low || mid >= high) break;
            if (Excess(mid) < 0) low = mid;
            else high = mid;
        }

        return Math.Abs(Excess(low)) <= Math.Abs(Excess(high)) ? low : high;
    }

    /// <summary>The <paramref name="cells"/>+1 edges 0, t0, t0+t1, ... of the geometric grid (see <see cref="SolveRatio"/>).</summary>
    public static double[] Edges(int cells, double firstM, double totalM)
    {
        double ratio = SolveRatio(cells, firstM, totalM);
        var edges = new double[cells + 1];
        double thickness = firstM;
        for (int i = 0; i < cells; i++)
        {
            edges[i + 1] = edges[i] + thickness;
            thickness *= ratio;
        }

        return edges;
    }

    private static double SeriesSum(int terms, double ratio)
    {
        double sum = 0;
        for (int i = 0; i < terms; i++) sum = sum * ratio + 1;
        return sum;
    }
}
