namespace Mt.Evaluation.Metrics;

/// <summary>Image metrics of a predicted log10-resistivity section [depth, lateral] against the true one.</summary>
public static class SectionMetrics
{
    /// <summary>
    /// Structural similarity (Wang et al. 2004) of two sections: the mean over every window position that fits wholly
    /// inside the section ("valid" positions, no padding) of
    /// <c>(2 mu_a mu_b + C1)(2 cov_ab + C2) / ((mu_a^2 + mu_b^2 + C1)(var_a + var_b + C2))</c>, with the means,
    /// variances and covariance weighted by the window (weights summing to 1, so the variances are the weighted
    /// population ones), <c>C1 = (K1 L)^2</c> and <c>C2 = (K2 L)^2</c>. The defaults (<see cref="SsimOptions.Default"/>)
    /// are the standard ones: Gaussian window 11 x 11 with sigma 1.5 cells, K1 = 0.01, K2 = 0.03, and a data range L of
    /// 3 log10 units, the dynamic range log10(5000 / 5) of the experiments' resistivities (5 to 5000 ohm m). Symmetric
    /// in its arguments; 1 for identical sections; at most 1.
    /// </summary>
    public static double Ssim(double[,] a, double[,] b, SsimOptions? options = null)
    {
        options ??= SsimOptions.Default;
        CheckSameShape(a, b);
        double[,] w = options.Window;
        int wz = w.GetLength(0), wy = w.GetLength(1);
        int nz = a.GetLength(0), ny = a.GetLength(1);
        if (nz < wz || ny < wy)
            throw new ArgumentException($"sections of {nz} x {ny} cells are smaller than the {wz} x {wy} SSIM window");
        double c1 = Math.Pow(options.K1 * options.DataRange, 2), c2 = Math.Pow(options.K2 * options.DataRange, 2);
        double total = 0;
        int count = 0;
        for (int i0 = 0; i0 + wz <= nz; i0++)
            for (int j0 = 0; j0 + wy <= ny; j0++)
            {
                double ma = 0, mb = 0;
                for (int i = 0; i < wz; i++)
                    for (int j = 0; j < wy; j++)
                    {
                        ma += w[i, j] * a[i0 + i, j0 + j];
                        mb += w[i, j] * b[i0 + i, j0 + j];
                    }
                double va = 0, vb = 0, cov = 0;
                for (int i = 0; i < wz; i++)
                    for (int j = 0; j < wy; j++)
                    {
                        double da = a[i0 + i, j0 + j] - ma, db = b[i0 + i, j0 + j] - mb;
                        va += w[i, j] * da * da;
                        vb += w[i, j] * db * db;
                        cov += w[i, j] * da * db;
                    }
                total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        return total / count;
    }

    private static void CheckSameShape(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"sections differ in shape: [{a.GetLength(0)}, {a.GetLength(1)}] and [{b.GetLength(0)}, {b.GetLength(1)}]");
        if (a.Length == 0) throw new ArgumentException("sections are empty");
    }
}

/// <summary>Settings of <see cref="SectionMetrics.Ssim"/>.</summary>
public sealed record SsimOptions
{
    /// <summary>Gaussian 11 x 11 window, sigma 1.5; L = 3 (log10(5000 / 5)); K1 = 0.01; K2 = 0.03.</summary>
    public static SsimOptions Default { get; } = new() { Window = GaussianWindow(11, 1.5), WindowText = "gaussian 11x11, sigma 1.5" };

    /// <summary>Window weights [rows, columns], summing to 1.</summary>
    public required double[,] Window { get; init; }

    /// <summary>The window in words, for reports.</summary>
    public required string WindowText { get; init; }

    /// <summary>Data range L (log10 units).</summary>
    public double DataRange { get; init; } = 3;

    /// <summary>Constant of the luminance term.</summary>
    public double K1 { get; init; } = 0.01;

    /// <summary>Constant of the contrast-structure term.</summary>
    public double K2 { get; init; } = 0.03;

    /// <summary>A square Gaussian window of odd <paramref name="size"/> and standard deviation <paramref name="sigma"/>
    /// (cells), normalised to sum 1.</summary>
    public static double[,] GaussianWindow(int size, double sigma)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(nameof(size), "the window size must be odd and positive");
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), "sigma must be positive");
        var w = new double[size, size];
        int h = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                sum += w[i, j] = Math.Exp(-((i - h) * (i - h) + (j - h) * (j - h)) / (2 * sigma * sigma));
        return Normalised(w, sum);
    }

    /// <summary>A uniform <paramref name="rows"/> x <paramref name="columns"/> window, weights summing to 1.</summary>
    public static double[,] UniformWindow(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var w = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) w[i, j] = 1;
        return Normalised(w, rows * columns);
    }

    private static double[,] Normalised(double[,] w, double sum)
    {
        for (int i = 0; i < w.GetLength(0); i++)
            for (int j = 0; j < w.GetLength(1); j++) w[i, j] /= sum;
        return w;
    }
}
