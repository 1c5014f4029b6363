using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        : this(n, bandwidth, null)
    {
    }

    /// <summary>Creates a zero n x n matrix whose storage comes from <paramref name="workspace"/> (reused between
    /// systems solved one after another on one thread) or, if null, is allocated for this matrix alone.</summary>
    public BandedLdlt(int n, int bandwidth, BandWorkspace? workspace)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        if (bandwidth < 0) throw new ArgumentOutOfRangeException(nameof(bandwidth));
        N = n;
        Bandwidth = Math.Min(bandwidth, n - 1);
        _stride = Bandwidth + 1;
        // Four extra entries let the vector kernels run past the end of the last column (adding exact zeros).
        long length = (long)n * _stride + VectorPadding;
        if (workspace is null)
        {
            _re = new double[length];
            _im = new double[length];
        }
        else
        {
            (_re, _im) = workspace.Rent(length);
        }
    }

    /// <summary>Order of the matrix.</summary>
    public int N { get; }

    /// <summary>Lower bandwidth.</summary>
    public int Bandwidth { get; }

    /// <summary>True once <see cref="Factor"/> has run.</summary>
    public bool IsFactored { get; private set; }

    /// <summary>Bytes held by the matrix (or its factors).</summary>
    public long Bytes => 2L * N * _stride * sizeof(double);

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

    /// <summary>Pivot columns factored together; their rank-<c>PanelWidth</c> update of the trailing band is done in one
    /// sweep over each target column, which halves the memory traffic of a rank-1 right-looking update.</summary>
    private const int PanelWidth = 4;

    /// <summary>Zeroed entries after each panel row and after the band, so that the update kernel may work in whole
    /// vectors of 4 past the end of a column: the panel there holds zeros, so the extra entries change by exactly 0.</summary>
    private const int VectorPadding = 4;

    /// <summary>Factors A = L D L^T in place (right-looking, blocked by <see cref="PanelWidth"/> pivots, vectorised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Factor() => Factor(default, default);

    /// <summary>Factors A = L D L^T and solves A x = b in place (b becomes x): the forward substitution runs inside the
    /// factorisation, while each column is still in cache.</summary>
    public void FactorAndSolve(Span<double> re, Span<double> im)
    {
        if (re.Length != N || im.Length != N) throw new ArgumentException($"right-hand side must have {N} entries");
        Factor(re, im);
        SolveBackward(re, im);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Factor(Span<double> rhsRe, Span<double> rhsIm)
    {
        if (IsFactored) throw new InvalidOperationException("the matrix is already factored");
        int w = _stride, bw = Bandwidth, nb = PanelWidth;
        int span = bw + nb + VectorPadding;
        // Panel: l_{r, j0+t} at [t][r - j0] (zero outside the band), and W = d_t l_{c, j0+t} at [t][c - j0].
        var lReA = new double[nb * span + 4];
        var lImA = new double[nb * span + 4];
        var wReA = new double[nb * span + 4];
        var wImA = new double[nb * span + 4];
        bool withRhs = rhsRe.Length == N;
        fixed (double* re = _re, im = _im, lRe = lReA, lIm = lImA, wRe = wReA, wIm = wImA, br = rhsRe, bi = rhsIm)
        {
            for (int j0 = 0; j0 < N; j0 += nb)
            {
                int jb = Math.Min(nb, N - j0);
                new Span<double>(lRe, nb * span).Clear();
                new Span<double>(lIm, nb * span).Clear();
                new Span<double>(wRe, nb * span).Clear();
                new Span<double>(wIm, nb * span).Clear();
                for (int t = 0; t < jb; t++)
                {
                    int j = j0 + t;
                    long baseJ = (long)j * w;
                    int mMax = Math.Min(bw, N - 1 - j);
                    // Updates of this column by the earlier pivots of the panel.
                    for (int s = 0; s < t; s++)
                    {
                        int len = Math.Min(j0 + s + bw, N - 1) - j + 1;
                        if (len <= 0) continue;
                        Axpy(re + baseJ, im + baseJ, lRe + s * span + t, lIm + s * span + t, wRe[s * span + t], wIm[s * span + t], len);
                    }
                    double dRe = re[baseJ], dIm = im[baseJ];
                    double dd = dRe * dRe + dIm * dIm;
                    if (dd == 0 || !double.IsFinite(dd)) throw new InvalidOperationException($"zero or non-finite pivot at row {j}");
                    double invRe = dRe / dd, invIm = -dIm / dd;
                    int o = t * span + t;
                    for (int m = 1; m <= mMax; m++)
                    {
                        double a = re[baseJ + m], b = im[baseJ + m];
                        wRe[o + m] = a;
                        wIm[o + m] = b;
                        double l0 = a * invRe - b * invIm, l1 = a * invIm + b * invRe;
                        re[baseJ + m] = l0;
                        im[baseJ + m] = l1;
                        lRe[o + m] = l0;
                        lIm[o + m] = l1;
                    }
                    if (withRhs && mMax > 0 && (br[j] != 0 || bi[j] != 0))
                        Axpy(br + j + 1, bi + j + 1, re + baseJ + 1, im + baseJ + 1, br[j], bi[j], mMax);
                }
                // Trailing update of the columns the panel reaches: A[r, c] -= sum_t l_{r,t} W_t[c].
                int lastRow = Math.Min(j0 + jb - 1 + bw, N - 1);
                for (int c = j0 + jb; c <= lastRow; c++)
                {
                    int len = lastRow - c + 1;
                    int off = c - j0;
                    long baseC = (long)c * w;
                    if (jb == PanelWidth) Update4(re + baseC, im + baseC, lRe + off, lIm + off, wRe + off, wIm + off, span, len);
                    else
                        for (int t = 0; t < jb; t++)
                            Axpy(re + baseC, im + baseC, lRe + t * span + off, lIm + t * span + off, wRe[t * span + off], wIm[t * span + off], len);
                }
            }
        }
        IsFactored = true;
    }

    /// <summary>y -= sum over four pivots t of x_t * s_t, where x_t = x + t*stride and s_t = s[t*stride] (complex, split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Update4(double* yRe, double* yIm, double* xRe, double* xIm, double* sRe, double* sIm, int stride, int n)
    {
        double s0r = sRe[0], s0i = sIm[0], s1r = sRe[stride], s1i = sIm[stride];
        double s2r = sRe[2 * stride], s2i = sIm[2 * stride], s3r = sRe[3 * stride], s3i = sIm[3 * stride];
        double* x0r = xRe, x0i = xIm, x1r = xRe + stride, x1i = xIm + stride;
        double* x2r = xRe + 2 * stride, x2i = xIm + 2 * stride, x3r = xRe + 3 * stride, x3i = xIm + 3 * stride;
        int i = 0;
        if (Fma.IsSupported)
        {
            var v0r = Vector256.Create(s0r); var v0i = Vector256.Create(s0i);
            var v1r = Vector256.Create(s1r); var v1i = Vector256.Create(s1i);
            var v2r = Vector256.Create(s2r); var v2i = Vector256.Create(s2i);
            var v3r = Vector256.Create(s3r); var v3i = Vector256.Create(s3i);
            // Four independent accumulation chains per vector (short FMA dependency chains); whole vectors only,
            // running up to 3 entries past n into padding where the panel is zero.
            for (; i < n; i += 4)
            {
                var ar = Avx.LoadVector256(x0r + i); var ai = Avx.LoadVector256(x0i + i);
                var pr = Avx.Multiply(ar, v0r); var qr = Avx.Multiply(ai, v0i);
                var pi = Avx.Multiply(ar, v0i); var qi = Avx.Multiply(ai, v0r);
                ar = Avx.LoadVector256(x1r + i); ai = Avx.LoadVector256(x1i + i);
                pr = Fma.MultiplyAdd(ar, v1r, pr); qr = Fma.MultiplyAdd(ai, v1i, qr);
                pi = Fma.MultiplyAdd(ar, v1i, pi); qi = Fma.MultiplyAdd(ai, v1r, qi);
                ar = Avx.LoadVector256(x2r + i); ai = Avx.LoadVector256(x2i + i);
                pr = Fma.MultiplyAdd(ar, v2r, pr); qr = Fma.MultiplyAdd(ai, v2i, qr);
                pi = Fma.MultiplyAdd(ar, v2i, pi); qi = Fma.MultiplyAdd(ai, v2r, qi);
                ar = Avx.LoadVector256(x3r + i); ai = Avx.LoadVector256(x3i + i);
                pr = Fma.MultiplyAdd(ar, v3r, pr); qr = Fma.MultiplyAdd(ai, v3i, qr);
                pi = Fma.MultiplyAdd(ar, v3i, pi); qi = Fma.MultiplyAdd(ai, v3r, qi);
                var yr = Avx.LoadVector256(yRe + i);
                var yi = Avx.LoadVector256(yIm + i);
                Avx.Store(yRe + i, Avx.Add(Avx.Subtract(yr, pr), qr));
                Avx.Store(yIm + i, Avx.Subtract(Avx.Subtract(yi, pi), qi));
            }
        }
        if (Fma.IsSupported) return; // the vector loop covered the padded tail
        for (; i < n; i++)
        {
            yRe[i] -= x0r[i] * s0r - x0i[i] * s0i + x1r[i] * s1r - x1i[i] * s1i + x2r[i] * s2r - x2i[i] * s2i + x3r[i] * s3r - x3i[i] * s3i;
            yIm[i] -= x0r[i] * s0i + x0i[i] * s0r + x1r[i] * s1i + x1i[i] * s1r + x2r[i] * s2i + x2i[i] * s2r + x3r[i] * s3i + x3i[i] * s3r;
        }
    }

    /// <summary>y -= s x for complex s and split complex vectors (pointer form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Axpy(double* yRe, double* yIm, double* xRe, double* xIm, double sRe, double sIm, int n)
    {
        int i = 0;
        if (Fma.IsSupported)
        {
            var vsr = Vector256.Create(sRe);
            var vsi = Vector256.Create(sIm);
            for (; i <= n - 4; i += 4)
            {
                var ar = Avx.LoadVector256(xRe + i);
                var ai = Avx.LoadVector256(xIm + i);
                var yr = Avx.LoadVector256(yRe + i);
                var yi = Avx.LoadVector256(yIm + i);
                yr = Fma.MultiplyAddNegated(ar, vsr, yr); yr = Fma.MultiplyAdd(ai, vsi, yr);
                yi = Fma.MultiplyAddNegated(ar, vsi, yi); yi = Fma.MultiplyAddNegated(ai, vsr, yi);
                Avx.Store(yRe + i, yr);
                Avx.Store(yIm + i, yi);
            }
        }
        for (; i < n; i++)
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
        var xRe = new double[N];
        var xIm = new double[N];
        for (int i = 0; i < N; i++) { xRe[i] = b[i].Real; xIm[i] = b[i].Imaginary; }
        Solve(xRe, xIm);
        for (int i = 0; i < N; i++) b[i] = new Complex(xRe[i], xIm[i]);
    }

    /// <summary>Solves A x = b with the factors, in place, for a right-hand side split into real and imaginary parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Solve(Span<double> re, Span<double> im)
    {
        if (!IsFactored) throw new InvalidOperationException("factor the matrix first");
        if (re.Length != N || im.Length != N) throw new ArgumentException($"right-hand side must have {N} entries");
        int w = _stride;
        fixed (double* pr = re, pi = im, lr = _re, li = _im)
        {
            // L y = b.
            for (int j = 0; j < N; j++)
            {
                double yr = pr[j], yi = pi[j];
                int mMax = Math.Min(Bandwidth, N - 1 - j);
                if ((yr == 0 && yi == 0) || mMax == 0) continue;
                long baseJ = (long)j * w + 1;
                Axpy(pr + j + 1, pi + j + 1, lr + baseJ, li + baseJ, yr, yi, mMax);
            }
        }
        SolveBackward(re, im);
    }

    /// <summary>D z = y and L^T x = z, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SolveBackward(Span<double> re, Span<double> im)
    {
        int w = _stride;
        fixed (double* pr = re, pi = im, lr = _re, li = _im)
        {
            // D z = y.
            for (int j = 0; j < N; j++)
            {
                long d = (long)j * w;
                double dr = lr[d], di = li[d], dd = dr * dr + di * di;
                double a = pr[j], b = pi[j];
                pr[j] = (a * dr + b * di) / dd;
                pi[j] = (b * dr - a * di) / dd;
            }
            // L^T x = z.
            for (int j = N - 1; j >= 0; j--)
            {
                int mMax = Math.Min(Bandwidth, N - 1 - j);
                if (mMax == 0) continue;
                long baseJ = (long)j * w + 1;
                var (sr, si) = Dot(lr + baseJ, li + baseJ, pr + j + 1, pi + j + 1, mMax);
                pr[j] -= sr;
                pi[j] -= si;
            }
        }
    }

    /// <summary>sum_i a_i x_i (complex, no conjugation) of split vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (double Re, double Im) Dot(double* aRe, double* aIm, double* xRe, double* xIm, int n)
    {
        int i = 0;
        double sr = 0, si = 0;
        if (Fma.IsSupported && n >= 4)
        {
            var accR = Vector256<double>.Zero;
            var accI = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4)
            {
                var ar = Avx.LoadVector256(aRe + i); var ai = Avx.LoadVector256(aIm + i);
                var xr = Avx.LoadVector256(xRe + i); var xi = Avx.LoadVector256(xIm + i);
                accR = Fma.MultiplyAdd(ar, xr, accR); accR = Fma.MultiplyAddNegated(ai, xi, accR);
                accI = Fma.MultiplyAdd(ar, xi, accI); accI = Fma.MultiplyAdd(ai, xr, accI);
            }
            sr = Vector256.Sum(accR);
            si = Vector256.Sum(accI);
        }
        for (; i < n; i++)
        {
            sr += aRe[i] * xRe[i] - aIm[i] * xIm[i];
            si += aRe[i] * xIm[i] + aIm[i] * xRe[i];
        }
        return (sr, si);
    }
}

/// <summary>Storage reused by the band matrices solved one after another on one thread (no large allocation per system).</summary>
public sealed class BandWorkspace
{
    private double[] _re = [];
    private double[] _im = [];

    /// <summary>Arrays of at least <paramref name="length"/> entries, the first <paramref name="length"/> zeroed.</summary>
    public (double[] Re, double[] Im) Rent(long length)
    {
        if (_re.LongLength < length)
        {
            _re = new double[length];
            _im = new double[length];
        }
        else
        {
            Array.Clear(_re, 0, (int)length);
            Array.Clear(_im, 0, (int)length);
        }
        return (_re, _im);
    }
}
