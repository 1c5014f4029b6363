namespace Mt.Data.Geology.Families;

/// <summary>
/// Smoothing of white noise on an irregular 1-D grid into a unit-variance Gaussian random field whose covariance at
/// lag d is exp(-d^2 / (2 L^2)): row k of the matrix holds exp(-(x_k - x_i)^2 / L^2) sqrt(h_i) (the Gaussian kernel of
/// standard deviation L / sqrt 2, the sqrt of the cell width h_i weighting the noise of cell i as white noise of unit
/// density would be), scaled to unit length so that every value has variance 1 whatever the cells near it.
/// </summary>
public static class GaussianSmoother
{
    /// <summary>The n x n smoothing matrix of the cells with centres <paramref name="centresM"/> and widths
    /// <paramref name="widthsM"/> for correlation length <paramref name="lengthM"/>.</summary>
    public static double[,] Matrix(IReadOnlyList<double> centresM, IReadOnlyList<double> widthsM, double lengthM)
    {
        ArgumentNullException.ThrowIfNull(centresM);
        ArgumentNullException.ThrowIfNull(widthsM);
        if (centresM.Count != widthsM.Count) throw new ArgumentException("one width per centre");
        if (!(lengthM > 0)) throw new ArgumentOutOfRangeException(nameof(lengthM), lengthM, "must be positive");
        int n = centresM.Count;
        var a = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                double u = (centresM[k] - centresM[i]) / lengthM;
                a[k, i] = Math.Exp(-u * u) * Math.Sqrt(widthsM[i]);
                norm += a[k, i] * a[k, i];
            }

            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++) a[k, i] /= norm;
        }

        return a;
    }

    /// <summary>A x noise x B^T: smoothing along both axes of an nz x ny array of noise (A nz x nz, B ny x ny).</summary>
    public static double[,] Apply(double[,] a, double[,] noise, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(b);
        int nz = noise.GetLength(0), ny = noise.GetLength(1);
        var rows = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int i = 0; i < nz; i++)
            {
                double w = a[k, i];
                if (w == 0) continue;
                for (int j = 0; j < ny; j++) rows[k, j] += w * noise[i, j];
            }

        var result = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                double sum = 0;
                for (int l = 0; l < ny; l++) sum += rows[k, l] * b[j, l];
                result[k, j] = sum;
            }

        return result;
    }

    /// <summary>Centres and widths of the lateral cells of <paramref name="grid"/>.</summary>
    public static (double[] Centres, double[] Widths) LateralCells(ModelGrid grid) =>
        ([.. Enumerable.Range(0, grid.Ny).Select(grid.CellCentreYM)], [.. Enumerable.Range(0, grid.Ny).Select(j => grid.YEdgesM[j + 1] - grid.YEdgesM[j])]);

    /// <summary>Centres and widths of the depth cells of <paramref name="grid"/>.</summary>
    public static (double[] Centres, double[] Widths) DepthCells(ModelGrid grid) =>
        ([.. Enumerable.Range(0, grid.Nz).Select(grid.CellCentreZM)], [.. Enumerable.Range(0, grid.Nz).Select(k => grid.ZEdgesM[k + 1] - grid.ZEdgesM[k])]);
}
