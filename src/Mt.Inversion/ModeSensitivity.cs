using System.Numerics;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>
/// Derivatives of the station impedances of one solved system (one mode, one frequency, on a fixed mesh) with respect
/// to the model parameters m (log10 resistivity per model cell): the linearised map dZ = (dZ/dm) dm and its transpose.
/// Both need one extra solve with the kept factors. The formulas differentiate exactly what
/// <see cref="ModeSolution"/> assembles and how it computes the impedance (see <see cref="MeshedForward"/>).
/// </summary>
internal sealed class ModeSensitivity
{
    private readonly ModeSolution _solution;
    private readonly Mesh2D _mesh;
    private readonly int _parameters;
    private readonly double _omega;
    private readonly double[,] _v;      // cell value: TE conductivity, TM resistivity; 0 in the air
    private readonly int[,] _parameter; // model parameter of each mesh cell, -1 in the air

    public ModeSensitivity(ModeSolution solution, ResistivityModel model)
    {
        _solution = solution;
        _mesh = solution.Mesh;
        int ny = model.Ny;
        _parameters = model.Ny * model.Nz;
        _omega = 2 * Math.PI * solution.FrequencyHz;
        int cy = _mesh.CellsY, cz = _mesh.CellsZ;
        _v = new double[cy, cz];
        _parameter = new int[cy, cz];
        for (int j = 0; j < cy; j++)
            for (int k = 0; k < cz; k++)
            {
                int row = _mesh.CellRow[k], col = _mesh.CellColumn[j];
                if (row < 0)
                {
                    _parameter[j, k] = -1;
                    continue;
                }
                double rho = model.ResistivityOhmM[row, col];
                _v[j, k] = solution.Mode == Mode.TE ? 1 / rho : rho;
                _parameter[j, k] = row * ny + col;
            }
    }

    /// <summary>d v / d m of a cell: v = 10^-m (TE) or 10^m (TM).</summary>
    private double DvDm(int j, int k) => (_solution.Mode == Mode.TE ? -1 : 1) * Math.Log(10) * _v[j, k];

    /// <summary>Re(sum_s c_s dZ_s/dm) for every parameter.</summary>
    public double[] TransposeTimes(Complex[] c)
    {
        var rhs = new Complex[_solution.Unknowns];
        var explicitCell = new Dictionary<(int, int), Complex>();
        for (int s = 0; s < c.Length; s++)
        {
            if (c[s] == Complex.Zero) continue;
            var (fieldDerivative, cellDerivative) = StationDerivatives(s);
            foreach (var (j, k, a) in fieldDerivative)
            {
                int i = _solution.UnknownIndex(j, k);
                if (i >= 0) rhs[i] += c[s] * a;
            }
            foreach (var (j, k, a) in cellDerivative)
                explicitCell[(j, k)] = explicitCell.GetValueOrDefault((j, k)) + c[s] * a;
        }
        _solution.SolveWithFactors(rhs); // lambda: A lambda = g (A = A^T)
        var gradient = new double[_parameters];
        Span<Complex> corner = stackalloc Complex[4];
        for (int j = 0; j < _mesh.CellsY; j++)
            for (int k = 0; k < _mesh.CellsZ; k++)
            {
                int p = _parameter[j, k];
                if (p < 0) continue;
                ResidualDerivative(j, k, corner);
                Complex g = -(Lambda(rhs, j, k) * corner[0] + Lambda(rhs, j + 1, k) * corner[1]
                              + Lambda(rhs, j, k + 1) * corner[2] + Lambda(rhs, j + 1, k + 1) * corner[3]);
                if (explicitCell.TryGetValue((j, k), out var e)) g += e;
                gradient[p] += g.Real * DvDm(j, k);
            }
        return gradient;
    }

    private Complex Lambda(Complex[] lambda, int j, int k)
    {
        int i = _solution.UnknownIndex(j, k);
        return i >= 0 ? lambda[i] : Complex.Zero;
    }

    /// <summary>dZ_s for every station s of the mesh, for a parameter change <paramref name="dm"/>.</summary>
    public Complex[] Times(double[] dm)
    {
        var dv = new double[_mesh.CellsY, _mesh.CellsZ];
        var rhs = new Complex[_solution.Unknowns];
        Span<Complex> corner = stackalloc Complex[4];
        for (int j = 0; j < _mesh.CellsY; j++)
            for (int k = 0; k < _mesh.CellsZ; k++)
            {
                int p = _parameter[j, k];
                if (p < 0 || dm[p] == 0) continue;
                dv[j, k] = DvDm(j, k) * dm[p];
                ResidualDerivative(j, k, corner);
                AddRhs(rhs, j, k, -corner[0] * dv[j, k]);
                AddRhs(rhs, j + 1, k, -corner[1] * dv[j, k]);
                AddRhs(rhs, j, k + 1, -corner[2] * dv[j, k]);
                AddRhs(rhs, j + 1, k + 1, -corner[3] * dv[j, k]);
            }
        _solution.SolveWithFactors(rhs); // du
        var dz = new Complex[_mesh.StationNodes.Length];
        for (int s = 0; s < dz.Length; s++)
        {
            var (fieldDerivative, cellDerivative) = StationDerivatives(s);
            foreach (var (j, k, a) in fieldDerivative)
            {
                int i = _solution.UnknownIndex(j, k);
                if (i >= 0) dz[s] += a * rhs[i];
            }
            foreach (var (j, k, a) in cellDerivative) dz[s] += a * dv[j, k];
        }
        return dz;
    }

    private void AddRhs(Complex[] rhs, int j, int k, Complex value)
    {
        int i = _solution.UnknownIndex(j, k);
        if (i >= 0) rhs[i] += value;
    }

    /// <summary>
    /// (dK/dv_c) u at the corners of mesh cell c = (j, k): a = (j, k), b = (j+1, k), c = (j, k+1), d = (j+1, k+1),
    /// where K is the full operator (interior and boundary nodes) and u the full field.
    /// </summary>
    private void ResidualDerivative(int j, int k, Span<Complex> corner)
    {
        var y = _mesh.YNodesM;
        var z = _mesh.ZNodesM;
        var u = _solution.Field;
        double dy = y[j + 1] - y[j], dz = z[k + 1] - z[k];
        Complex a = u[j, k], b = u[j + 1, k], c = u[j, k + 1], d = u[j + 1, k + 1];
        if (_solution.Mode == Mode.TE)
        {
            var mass = new Complex(0, _omega * Impedance.Mu0 * dy * dz / 4);
            corner[0] = mass * a;
            corner[1] = mass * b;
            corner[2] = mass * c;
            corner[3] = mass * d;
        }
        else
        {
            double wh = dz / (2 * dy), wv = dy / (2 * dz);
            corner[0] = wh * (a - b) + wv * (a - c);
            corner[1] = wh * (b - a) + wv * (b - d);
            corner[2] = wh * (c - d) + wv * (c - a);
            corner[3] = wh * (d - c) + wv * (d - b);
        }
        if (k + 1 == z.Length - 1)
        {
            // Bottom impedance condition: 0.5 dy sqrt(i w mu0 v) at both lower corners.
            double v = _v[j, k];
            Complex beta = Complex.Sqrt(new Complex(0, _omega * Impedance.Mu0 * v));
            Complex dBeta = 0.5 * dy * beta / (2 * v);
            corner[2] += dBeta * c;
            corner[3] += dBeta * d;
        }
    }

    /// <summary>dZ_s / du at the nodes the impedance of station s reads, and dZ_s / dv at the two surface cells beside it.</summary>
    private (List<(int J, int K, Complex A)> Field, List<(int J, int K, Complex A)> Cells) StationDerivatives(int s)
    {
        var (j, s0, h, dyL, dyR, w, vL, vR) = StationGeometry(s);
        var u = _solution.Field;
        Complex f0 = u[j, s0], f1 = u[j, s0 + 1];
        Complex z = _solution.StationImpedances[s];
        double wm = _omega * Impedance.Mu0;
        if (_solution.Mode == Mode.TE)
        {
            // Z = -i w mu0 f0 / D with D = (f1 - f0)/h + h/(2w) [(u[j+1]-f0)/dyR + (u[j-1]-f0)/dyL] - i w mu0 (h/2) vbar f0,
            // vbar = (vL dyL + vR dyR) / (2w); dZ = Z df0 / f0 + q dD with q = -Z / D.
            double vBar = (vL * dyL + vR * dyR) / (2 * w);
            Complex d = -Complex.ImaginaryOne * wm * f0 / z;
            Complex dDdf0 = -1 / h - h / (2 * w) * (1 / dyR + 1 / dyL) - Complex.ImaginaryOne * wm * (h / 2) * vBar;
            Complex q = -z / d;
            Complex dDdv = -Complex.ImaginaryOne * wm * (h / 2) * f0 / (2 * w);
            return (
            [
                (j, s0, z / f0 + q * dDdf0),
                (j, s0 + 1, q / h),
                (j + 1, s0, q * h / (2 * w * dyR)),
                (j - 1, s0, q * h / (2 * w * dyL)),
            ], [(j - 1, s0, q * dDdv * dyL), (j, s0, q * dDdv * dyR)]);
        }
        // TM: Z = ey / f0 with ey = rhobar (f1 - f0)/h - i w mu0 (h/2) f0; f0 = 1 is a boundary value.
        double rhoBar = (vL * dyL + vR * dyR) / (2 * w);
        Complex dEydRho = (f1 - f0) / h / (2 * w) / f0;
        return ([(j, s0 + 1, rhoBar / h / f0)], [(j - 1, s0, dEydRho * dyL), (j, s0, dEydRho * dyR)]);
    }

    private (int J, int S0, double H, double DyL, double DyR, double W, double VL, double VR) StationGeometry(int s)
    {
        var y = _mesh.YNodesM;
        var z = _mesh.ZNodesM;
        int j = _mesh.StationNodes[s], s0 = _mesh.SurfaceIndex;
        double dyL = y[j] - y[j - 1], dyR = y[j + 1] - y[j];
        return (j, s0, z[s0 + 1] - z[s0], dyL, dyR, 0.5 * (dyL + dyR), _v[j - 1, s0], _v[j, s0]);
    }
}
