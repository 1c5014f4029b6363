namespace Mt.Inversion;

/// <summary>
/// The model roughness R(m) = a_y sum (first lateral differences of m - m_ref)^2 + a_z sum (first vertical differences
/// of m - m_ref)^2 on an nz x ny grid (parameters row-major, row 0 at the surface), its gradient, and the
/// preconditioner of the inversion: the solution of (eps I + W^T W) x = g, which smooths a gradient over about
/// 1/sqrt(eps) cells.
/// </summary>
public sealed class Roughness
{
    private readonly int _ny;
    private readonly int _nz;
    private readonly double _ay;
    private readonly double _az;

    /// <summary>Creates the roughness of an nz x ny grid with lateral and vertical weights.</summary>
    public Roughness(int ny, int nz, double lateralWeight, double verticalWeight)
    {
        if (ny < 1 || nz < 1) throw new ArgumentOutOfRangeException(nameof(ny), "the grid needs at least one cell");
        if (!(lateralWeight >= 0) || !(verticalWeight >= 0) || lateralWeight + verticalWeight == 0)
            throw new ArgumentOutOfRangeException(nameof(lateralWeight), "roughness weights must be >= 0 and not both 0");
        (_ny, _nz, _ay, _az) = (ny, nz, lateralWeight, verticalWeight);
    }

    /// <summary>R of a model difference dm = m - m_ref.</summary>
    public double Value(double[] dm)
    {
        double r = 0;
        for (int k = 0; k < _nz; k++)
            for (int j = 0; j < _ny; j++)
            {
                int p = k * _ny + j;
                if (j + 1 < _ny) r += _ay * Square(dm[p + 1] - dm[p]);
                if (k + 1 < _nz) r += _az * Square(dm[p + _ny] - dm[p]);
            }
        return r;
    }

    /// <summary>dR/dm = 2 W^T W dm.</summary>
    public double[] Gradient(double[] dm)
    {
        var g = new double[dm.Length];
        Apply(dm, g);
        for (int i = 0; i < g.Length; i++) g[i] *= 2;
        return g;
    }

    /// <summary>result = W^T W x.</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> result)
    {
        result.Clear();
        for (int k = 0; k < _nz; k++)
            for (int j = 0; j < _ny; j++)
            {
                int p = k * _ny + j;
                if (j + 1 < _ny)
                {
                    double d = _ay * (x[p + 1] - x[p]);
                    result[p + 1] += d;
                    result[p] -= d;
                }
                if (k + 1 < _nz)
                {
                    double d = _az * (x[p + _ny] - x[p]);
                    result[p + _ny] += d;
                    result[p] -= d;
                }
            }
    }

    /// <summary>Solves (eps I + W^T W) x = g by conjugate gradients to a relative residual of 1e-10.</summary>
    public double[] Precondition(double[] g, double eps)
    {
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), "the preconditioner's smallness must be positive");
        int n = g.Length;
        var x = new double[n];
        var r = (double[])g.Clone();
        var p = (double[])g.Clone();
        var ap = new double[n];
        double rr = Vectors.Dot(r, r), stop = 1e-20 * rr;
        for (int it = 0; it < 10 * n && rr > stop; it++)
        {
            Apply(p, ap);
            for (int i = 0; i < n; i++) ap[i] += eps * p[i];
            double alpha = rr / Vectors.Dot(p, ap);
            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = Vectors.Dot(r, r);
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
        }
        return x;
    }

    private static double Square(double x) => x * x;
}
