using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mt.Forward;

/// <summary>
/// The finite-volume solution of one mode at one frequency on its own mesh: the field at every node (TE: Ex with
/// air; TM: Hx from the surface down), the impedance at each station, and, if kept, the LDL^T factors of the system
/// matrix for further right-hand sides (the adjoint solves of an inversion).
/// </summary>
/// <remarks>
/// Node-centred finite volumes: unknowns at mesh nodes, resistivity constant in mesh cells, dual cells around nodes.
/// TE: -div grad E + i w mu0 sigma E = 0, with sigma = 0 in the air; TM: -div(rho grad H) + i w mu0 H = 0.
/// Boundaries: 1D responses of the edge columns at the sides; TE: E = 1 at the top of the air; TM: H = 1 at the surface
/// (the TM magnetic field is uniform in the air); at the bottom the impedance (Robin) condition dF/dz = -k F of the
/// bottom cells. Surface fields by a half-cell flux balance (second order), not a one-sided difference.
/// </remarks>
public sealed class ModeSolution
{
    private readonly BandedLdlt? _factors;
    private readonly int _unknownsY;
    private readonly int _unknownsZ;
    private readonly bool _zFastest;

    private ModeSolution(Mode mode, double frequencyHz, Mesh2D mesh, Complex[,] field, Complex[] impedances,
        BandedLdlt? factors, int unknownsY, int unknownsZ, bool zFastest, long factorBytes)
    {
        Mode = mode;
        FrequencyHz = frequencyHz;
        Mesh = mesh;
        Field = field;
        StationImpedances = impedances;
        _factors = factors;
        _unknownsY = unknownsY;
        _unknownsZ = unknownsZ;
        _zFastest = zFastest;
        FactorBytes = factorBytes;
    }

    /// <summary>The mode solved.</summary>
    public Mode Mode { get; }

    /// <summary>The frequency solved (Hz).</summary>
    public double FrequencyHz { get; }

    /// <summary>The mesh of this frequency and mode.</summary>
    public Mesh2D Mesh { get; }

    /// <summary>The field at every node, [lateral node, vertical node].</summary>
    public Complex[,] Field { get; }

    /// <summary>Impedance at each station (TE: Zxy, TM: Zyx), ohms.</summary>
    public Complex[] StationImpedances { get; }

    /// <summary>Number of unknowns of the linear system.</summary>
    public int Unknowns => _unknownsY * _unknownsZ;

    /// <summary>Bytes of the factorisation (kept or not).</summary>
    public long FactorBytes { get; }

    /// <summary>True when the factors were kept and <see cref="SolveWithFactors"/> may be called.</summary>
    public bool HasFactors => _factors is not null;

    /// <summary>Solves A x = b in place with the kept factors; the vector is indexed by <see cref="UnknownIndex"/>.</summary>
    public void SolveWithFactors(Span<Complex> rhs)
    {
        if (_factors is null) throw new InvalidOperationException("the factors were not kept; solve with keepFactors: true");
        _factors.Solve(rhs);
    }

    /// <summary>Index of interior node (j, k) in the unknown vector, or -1 for a boundary (Dirichlet) node.</summary>
    public int UnknownIndex(int j, int k)
    {
        if (j < 1 || j > _unknownsY || k < 1 || k > _unknownsZ) return -1;
        return _zFastest ? (j - 1) * _unknownsZ + (k - 1) : (k - 1) * _unknownsY + (j - 1);
    }

    /// <summary>Builds the mesh, assembles, factors and solves one mode at one frequency.</summary>
    public static ModeSolution Solve(ResistivityModel model, IReadOnlyList<double> stationsM, double frequencyHz, Mode mode,
        ForwardOptions options, bool keepFactors) => Solve(model, stationsM, frequencyHz, mode, options, keepFactors, null);

    /// <summary>As <see cref="Solve(ResistivityModel, IReadOnlyList{double}, double, Mode, ForwardOptions, bool)"/>, with
    /// the band storage taken from <paramref name="workspace"/> when the factors are not kept.</summary>
    public static ModeSolution Solve(ResistivityModel model, IReadOnlyList<double> stationsM, double frequencyHz, Mode mode,
        ForwardOptions options, bool keepFactors, BandWorkspace? workspace) =>
        Solve(model, MeshBuilder.Build(model, stationsM, frequencyHz, mode, options), frequencyHz, mode, keepFactors, workspace);

    /// <summary>Estimated work of solving on <paramref name="mesh"/>: complex multiply-adds of the band factorisation.</summary>
    public static double EstimatedWork(Mesh2D mesh)
    {
        double uy = mesh.YNodesM.Length - 2, uz = mesh.ZNodesM.Length - 1, bw = Math.Min(uy, uz);
        return uy * uz * bw * bw / 2;
    }

    /// <summary>Assembles, factors and solves one mode at one frequency on a mesh built for them.</summary>
    public static ModeSolution Solve(ResistivityModel model, Mesh2D mesh, double frequencyHz, Mode mode, bool keepFactors,
        BandWorkspace? workspace) => Solve(model, mesh, frequencyHz, mode, keepFactors, workspace, model);

    /// <summary>As <see cref="Solve(ResistivityModel, Mesh2D, double, Mode, bool, BandWorkspace?)"/>, with the side
    /// boundary values taken from the 1D responses of the edge columns of <paramref name="boundaryModel"/> (same grid)
    /// instead of <paramref name="model"/>: an inversion holds them fixed while the model changes, so that the
    /// discrete response is a function of the cell values alone.</summary>
    public static ModeSolution Solve(ResistivityModel model, Mesh2D mesh, double frequencyHz, Mode mode, bool keepFactors,
        BandWorkspace? workspace, ResistivityModel boundaryModel)
    {
        ArgumentNullException.ThrowIfNull(boundaryModel);
        if (boundaryModel.Ny != model.Ny || boundaryModel.Nz != model.Nz)
            throw new ArgumentException("the boundary model must have the model's grid", nameof(boundaryModel));
        double[] y = mesh.YNodesM, z = mesh.ZNodesM;
        int nyN = y.Length, nzN = z.Length;
        int uy = nyN - 2, uz = nzN - 1;
        bool zFastest = uz <= uy;
        int bandwidth = zFastest ? uz : uy;
        double omega = 2 * Math.PI * frequencyHz;
        double wm = omega * Impedance.Mu0;
        var rho = model.ResistivityOhmM;

        // Cell resistivity (TM) or conductivity (TE), [lateral cell, vertical cell].
        var cellValue = new double[nyN - 1, nzN - 1];
        for (int j = 0; j < nyN - 1; j++)
            for (int k = 0; k < nzN - 1; k++)
            {
                int row = mesh.CellRow[k];
                double r = row < 0 ? double.PositiveInfinity : rho[row, mesh.CellColumn[j]];
                cellValue[j, k] = mode == Mode.TE ? 1 / r : r;
            }

        // Dirichlet values on the sides and the top.
        var field = new Complex[nyN, nzN];
        var left = Layered1D.FromColumn(boundaryModel, 0).Profile(frequencyHz, mode, z, z[0]);
        var right = Layered1D.FromColumn(boundaryModel, boundaryModel.Ny - 1).Profile(frequencyHz, mode, z, z[0]);
        for (int k = 0; k < nzN; k++)
        {
            field[0, k] = left[k];
            field[nyN - 1, k] = right[k];
        }
        for (int j = 1; j < nyN - 1; j++) field[j, 0] = 1;

        int Index(int j, int k) => zFastest ? (j - 1) * uz + (k - 1) : (k - 1) * uy + (j - 1);
        var a = new BandedLdlt(uy * uz, bandwidth, keepFactors ? null : workspace);
        var bRe = new double[uy * uz];
        var bIm = new double[uy * uz];
        Assemble(mode, omega, y, z, cellValue, field, zFastest, a, bRe, bIm);
        a.FactorAndSolve(bRe, bIm);
        for (int j = 1; j <= uy; j++)
            for (int k = 1; k <= uz; k++)
            {
                int i = Index(j, k);
                field[j, k] = new Complex(bRe[i], bIm[i]);
            }

        var impedances = new Complex[mesh.StationNodes.Length];
        int s0 = mesh.SurfaceIndex;
        double h = z[s0 + 1] - z[s0];
        for (int s = 0; s < impedances.Length; s++)
        {
            int j = mesh.StationNodes[s];
            double dyL = y[j] - y[j - 1], dyR = y[j + 1] - y[j], w = 0.5 * (dyL + dyR);
            Complex f0 = field[j, s0], f1 = field[j, s0 + 1];
            double vL = cellValue[j - 1, s0], vR = cellValue[j, s0];
            if (mode == Mode.TE)
            {
                // Half-cell balance below the surface: w dE/dz(0) = w (E1-E0)/h + (h/2) lateral fluxes - i w mu0 (h/2) sigma E0.
                Complex lateral = (field[j + 1, s0] - f0) / dyR + (field[j - 1, s0] - f0) / dyL;
                Complex dEdz = (f1 - f0) / h + h / (2 * w) * lateral
                    - Complex.ImaginaryOne * wm * (h / 2) * (vL * dyL + vR * dyR) / (2 * w) * f0;
                Complex hy = -dEdz / (Complex.ImaginaryOne * wm);
                impedances[s] = f0 / hy;
            }
            else
            {
                // Ey(0) = rho dH/dz(0+) from the half-cell balance (H is uniform along the surface).
                Complex ey = (vL * dyL + vR * dyR) / (2 * w) * (f1 - f0) / h - Complex.ImaginaryOne * wm * (h / 2) * f0;
                impedances[s] = ey / f0;
            }
        }
        return new ModeSolution(mode, frequencyHz, mesh, field, impedances, keepFactors ? a : null, uy, uz, zFastest, a.Bytes);
    }

    /// <summary>
    /// Fills the system matrix and the right-hand side. Each node's dual-cell balance gives its diagonal and its four
    /// couplings; a coupling is stored once, from the node with the larger index (the left and upper neighbours), and
    /// couplings to boundary nodes move their known values to the right-hand side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Assemble(Mode mode, double omega, double[] y, double[] z, double[,] cellValue, Complex[,] field,
        bool zFastest, BandedLdlt a, double[] bRe, double[] bIm)
    {
        int nyN = y.Length, nzN = z.Length, uy = nyN - 2, uz = nzN - 1, bottom = nzN - 1;
        double wm = omega * Impedance.Mu0;
        int strideJ = zFastest ? uz : 1, strideK = zFastest ? 1 : uy;
        for (int j = 1; j <= uy; j++)
        {
            double dyL = y[j] - y[j - 1], dyR = y[j + 1] - y[j];
            for (int k = 1; k <= uz; k++)
            {
                double dzU = z[k] - z[k - 1], dzD = k < bottom ? z[k + 1] - z[k] : 0;
                double ul = cellValue[j - 1, k - 1], ur = cellValue[j, k - 1];
                double dl = k < bottom ? cellValue[j - 1, k] : 0, dr = k < bottom ? cellValue[j, k] : 0;
                double cL, cR, cU, cD;
                Complex diag;
                if (mode == Mode.TE)
                {
                    cL = (dzU + dzD) / (2 * dyL);
                    cR = (dzU + dzD) / (2 * dyR);
                    cU = (dyL + dyR) / (2 * dzU);
                    cD = k < bottom ? (dyL + dyR) / (2 * dzD) : 0;
                    double mass = (ul * dyL * dzU + ur * dyR * dzU + dl * dyL * dzD + dr * dyR * dzD) / 4;
                    diag = new Complex(cL + cR + cU + cD, wm * mass);
                    if (k == bottom)
                        diag += 0.5 * dyL * Layered1D.Wavenumber(1 / ul, omega) + 0.5 * dyR * Layered1D.Wavenumber(1 / ur, omega);
                }
                else
                {
                    cL = (ul * dzU + dl * dzD) / (2 * dyL);
                    cR = (ur * dzU + dr * dzD) / (2 * dyR);
                    cU = (ul * dyL + ur * dyR) / (2 * dzU);
                    cD = k < bottom ? (dl * dyL + dr * dyR) / (2 * dzD) : 0;
                    diag = new Complex(cL + cR + cU + cD, wm * (dyL + dyR) * (dzU + dzD) / 4);
                    if (k == bottom)
                        diag += 0.5 * dyL * ul * Layered1D.Wavenumber(ul, omega) + 0.5 * dyR * ur * Layered1D.Wavenumber(ur, omega);
                }
                int i = (j - 1) * strideJ + (k - 1) * strideK;
                a.Add(i, i, diag);
                if (j > 1) a.Add(i, i - strideJ, -cL);
                else AddKnown(i, cL, field[0, k]);
                if (j == uy) AddKnown(i, cR, field[nyN - 1, k]);
                if (k > 1) a.Add(i, i - strideK, -cU);
                else AddKnown(i, cU, field[j, 0]);
            }
        }

        void AddKnown(int i, double c, Complex value)
        {
            bRe[i] += c * value.Real;
            bIm[i] += c * value.Imaginary;
        }
    }
}
