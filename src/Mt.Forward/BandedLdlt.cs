using System.Numerics;
using System.Runtime.InteropServices;

namespace Mt.Forward;

/// <summary>
/// A complex symmetric (not Hermitian) band matrix and its LDL^T factorisation without pivoting, which is stable for
/// the TE/TM operators (their real part is positive definite). Storage is by column, lower band only, with real and
/// imaginary parts in separate arrays so that the rank-1 updates vectorise: entry A[c + m, c] (0 &lt;= m &lt;= bandwidth)
/// lives at index c * (bandwidth + 1) + m. Once factored, the factors answer any number of right-hand sides.
/// </summary>
public sealed class BandedLdlt
{
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly int _stride;

    /// <summary>Creates a zero n x n matrix with the given lower bandwidth.</summary>
    public BandedLdlt(int n, int bandwidth)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        if (bandwidth < 0) throw new ArgumentOutOfRangeException(nameof(bandwidth));
        N = n;
        Bandwidth = Math.Min(bandwidth, n - 1);
        _stride = Bandwidth + 1;
        _re = new double[(long)n * _stride];
        _im = new double[(long)n * _stride];
    }

    /// <summary>Order of the matrix.</summary>
    public int N { get; }

    /// <summary>Lower bandwidth.</summary>
    public int Bandwidth { get; }

    /// <summary>True once <see cref="Factor"/> has run.</summary>
    public bool IsFactored { get; private set; }

    /// <summary>Bytes held by the matrix (or its factors).</summary>
    public long Bytes => 2L * _re.Length * sizeof(double);

    /// <summary>Adds <paramref name="value"/> to A[row, col] and, by symmetry, to A[col, row].</summary>
    public void Add(int row, int col, Complex value)
    {
        if (IsFactored) throw new InvalidOperationException("the matrix is already factored");
        if (row < col) (row, col) = (col, row);
        int m = row - col;
        if (m > Bandwidth) throw new ArgumentOutOfRangeException(nameof(row), $"entry ({row},{col}) lies outside bandwidth {Bandwidth}");
        long idx = (long)col * _stride + m;
        _re[idx] += value.Real;
        _im[idx] += value.Imaginary;
    }

    /// <summary>Returns A[row, col] (before factorisation).</summary>
    public Complex Get(int row, int col)
    {
        if (row < col) (row, col) = (col, row);
        int m = row - col;
        if (m > Bandwidth) return Complex.Zero;
        long idx = (long)col * _stride + m;
        return new Complex(_re[idx], _im[idx]);
    }

    /// <summary>y = A x for the unfactored matrix (used by tests).</summary>
    public Complex[] Multiply(ReadOnlySpan<Complex> x)
    {
        if (IsFactored) throw new InvalidOperationException("the matrix is already factored");
        var y = new Complex[N];
        for (int c = 0; c < N; c++)
        {
            long b = (long)c * _stride;
            y[c] += new Complex(_re[b], _im[b]) * x[c];
            int mMax = Math.Min(Bandwidth, N - 1 - c);
            for (int m = 1; m <= mMax; m++)
            {
                var a = new Complex(_re[b + m], _im[b + m]);
                y[c + m] += a * x[c];
                y[c] += a * x[c + m];
            }
        }
        return y;
    }

    /// <summary>Factors A = L D L^T in place (right-looking, vectorised rank-1 updates).</summary>
    public void Factor()
    {
        if (IsFactored) throw new InvalidOperationException("the matrix is already factored");
        int w = _stride;
        var cRe = new double[w];
        var cIm = new double[w];
        Span<double> re = _re, im = _im;
        for (int j = 0; j < N; j++)
        {
            int baseJ = j * w;
            double dRe = re[baseJ], dIm = im[baseJ];
            double dd = dRe * dRe + dIm * dIm;
            if (dd == 0 || !double.IsFinite(dd)) throw new InvalidOperationException($"zero or non-finite pivot at row {j}");
            double invRe = dRe / dd, invIm = -dIm / dd;
            int mMax = Math.Min(Bandwidth, N - 1 - j);
            // c_m = A[j+m, j]; l_m = c_m / d.
            for (int m = 1; m <= mMax; m++)
            {
                double a = re[baseJ + m], b = im[baseJ + m];
                cRe[m] = a;
                cIm[m] = b;
                re[baseJ + m] = a * invRe - b * invIm;
                im[baseJ + m] = a * invIm + b * invRe;
            }
            // A[j+q, j+p] -= l_q c_p for p <= q <= mMax; column j+p holds rows j+p.. at offsets 0..
            for (int p = 1; p <= mMax; p++)
            {
                double sRe = cRe[p], sIm = cIm[p];
                if (sRe == 0 && sIm == 0) continue;
                int len = mMax - p + 1;
                var yRe = re.Slice((j + p) * w, len);
                var yIm = im.Slice((j + p) * w, len);
                var xRe = re.Slice(baseJ + p, len);
                var xIm = im.Slice(baseJ + p, len);
                AxpyComplex(yRe, yIm, xRe, xIm, sRe, sIm);
            }
        }
        IsFactored = true;
    }

    /// <summary>y -= s x for complex s and split complex vectors x, y.</summary>
    private static void AxpyComplex(Span<double> yRe, Span<double> yIm, ReadOnlySpan<double> xRe, ReadOnlySpan<double> xIm, double sRe, double sIm)
    {
        int i = 0;
        int vw = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && yRe.Length >= vw)
        {
            var vsRe = new Vector<double>(sRe);
            var vsIm = new Vector<double>(sIm);
            var yr = MemoryMarshal.Cast<double, Vector<double>>(yRe);
            var yi = MemoryMarshal.Cast<double, Vector<double>>(yIm);
            var xr = MemoryMarshal.Cast<double, Vector<double>>(xRe);
            var xi = MemoryMarshal.Cast<double, Vector<double>>(xIm);
            int nv = yr.Length;
            for (int v = 0; v < nv; v++)
            {
                var a = xr[v];
                var b = xi[v];
                yr[v] -= a * vsRe - b * vsIm;
                yi[v] -= a * vsIm + b * vsRe;
            }
            i = nv * vw;
        }
        for (; i < yRe.Length; i++)
        {
            double a = xRe[i], b = xIm[i];
            yRe[i] -= a * sRe - b * sIm;
            yIm[i] -= a * sIm + b * sRe;
        }
    }

    /// <summary>Solves A x = b with the factors, in place (b becomes x).</summary>
    public void Solve(Span<Complex> b)
    {
        if (!IsFactored) throw new InvalidOperationException("factor the matrix first");
        if (b.Length != N) throw new ArgumentException($"right-hand side has {b.Length} entries, expected {N}");
        int w = _stride;
        // L y = b.
        for (int j = 0; j < N; j++)
        {
            Complex yj = b[j];
            if (yj == Complex.Zero) continue;
            int baseJ = j * w;
            int mMax = Math.Min(Bandwidth, N - 1 - j);
            for (int m = 1; m <= mMax; m++) b[j + m] -= new Complex(_re[baseJ + m], _im[baseJ + m]) * yj;
        }
        // D z = y.
        for (int j = 0; j < N; j++) b[j] /= new Complex(_re[j * w], _im[j * w]);
        // L^T x = z.
        for (int j = N - 1; j >= 0; j--)
        {
            int baseJ = j * w;
            int mMax = Math.Min(Bandwidth, N - 1 - j);
            Complex s = b[j];
            for (int m = 1; m <= mMax; m++) s -= new Complex(_re[baseJ + m], _im[baseJ + m]) * b[j + m];
            b[j] = s;
        }
    }
}
