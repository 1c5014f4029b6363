namespace Mt.Forward;

/// <summary>
/// A 2D resistivity section on a rectilinear grid of cells: <c>ny</c> lateral cells between <see cref="YEdgesM"/>
/// and <c>nz</c> depth cells between <see cref="ZEdgesM"/> (the first edge is the surface, 0 m; depth positive down).
/// Outside the grid the edge cells continue laterally and downward.
/// </summary>
public sealed class ResistivityModel
{
    /// <summary>Creates a model and checks its shape and values; throws <see cref="ArgumentException"/> naming the problem.</summary>
    /// <param name="yEdgesM">ny+1 strictly increasing lateral cell edges in metres.</param>
    /// <param name="zEdgesM">nz+1 strictly increasing depth edges in metres, the first one 0.</param>
    /// <param name="resistivityOhmM">nz x ny resistivities in ohm-m, row 0 at the surface.</param>
    public ResistivityModel(double[] yEdgesM, double[] zEdgesM, double[,] resistivityOhmM)
    {
        ArgumentNullException.ThrowIfNull(yEdgesM);
        ArgumentNullException.ThrowIfNull(zEdgesM);
        ArgumentNullException.ThrowIfNull(resistivityOhmM);
        if (yEdgesM.Length < 2) throw new ArgumentException("y_edges_m needs at least 2 edges (one cell)");
        if (zEdgesM.Length < 2) throw new ArgumentException("z_edges_m needs at least 2 edges (one cell)");
        CheckIncreasing(yEdgesM, "y_edges_m");
        CheckIncreasing(zEdgesM, "z_edges_m");
        if (zEdgesM[0] != 0) throw new ArgumentException($"z_edges_m must start at 0 (the surface), got {zEdgesM[0]}");
        int nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1;
        if (resistivityOhmM.GetLength(0) != nz || resistivityOhmM.GetLength(1) != ny)
            throw new ArgumentException(
                $"resistivity_ohm_m has {resistivityOhmM.GetLength(0)} rows of {resistivityOhmM.GetLength(1)} values; the edges need {nz} rows of {ny}");
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                double r = resistivityOhmM[k, j];
                if (!double.IsFinite(r) || r <= 0)
                    throw new ArgumentException($"resistivity_ohm_m[{k}][{j}] = {r}: resistivity must be positive and finite");
            }
        YEdgesM = (double[])yEdgesM.Clone();
        ZEdgesM = (double[])zEdgesM.Clone();
        ResistivityOhmM = (double[,])resistivityOhmM.Clone();
    }

    /// <summary>Lateral cell edges (m), ny+1 values.</summary>
    public double[] YEdgesM { get; }

    /// <summary>Depth cell edges (m), nz+1 values, first 0.</summary>
    public double[] ZEdgesM { get; }

    /// <summary>Resistivity (ohm-m), [depth index, lateral index].</summary>
    public double[,] ResistivityOhmM { get; }

    /// <summary>Number of lateral cells.</summary>
    public int Ny => YEdgesM.Length - 1;

    /// <summary>Number of depth cells.</summary>
    public int Nz => ZEdgesM.Length - 1;

    /// <summary>The model of a log10-resistivity section (nz x ny, log10 ohm-m) on the given cell edges.</summary>
    public static ResistivityModel FromLog10(double[] yEdgesM, double[] zEdgesM, double[,] log10ResistivityOhmM)
    {
        ArgumentNullException.ThrowIfNull(log10ResistivityOhmM);
        var rho = new double[log10ResistivityOhmM.GetLength(0), log10ResistivityOhmM.GetLength(1)];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++) rho[k, j] = Math.Pow(10, log10ResistivityOhmM[k, j]);
        return new ResistivityModel(yEdgesM, zEdgesM, rho);
    }

    /// <summary>The log10 resistivity of every cell (log10 ohm-m), [depth index, lateral index].</summary>
    public double[,] Log10()
    {
        var v = new double[Nz, Ny];
        for (int k = 0; k < Nz; k++)
            for (int j = 0; j < Ny; j++) v[k, j] = Math.Log10(ResistivityOhmM[k, j]);
        return v;
    }

    /// <summary>The model as an inversion's parameter vector: log10 resistivity of every cell, row-major (row 0 at
    /// the surface), Nz x Ny values.</summary>
    public double[] ToParameters()
    {
        var m = new double[Ny * Nz];
        for (int k = 0; k < Nz; k++)
            for (int j = 0; j < Ny; j++) m[k * Ny + j] = Math.Log10(ResistivityOhmM[k, j]);
        return m;
    }

    /// <summary>The model of parameter vector <paramref name="m"/> (see <see cref="ToParameters"/>) on this model's grid.</summary>
    public ResistivityModel WithParameters(double[] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Length != Ny * Nz) throw new ArgumentException($"expected {Ny * Nz} parameters, got {m.Length}");
        var rho = new double[Nz, Ny];
        for (int k = 0; k < Nz; k++)
            for (int j = 0; j < Ny; j++) rho[k, j] = Math.Pow(10, m[k * Ny + j]);
        return new ResistivityModel(YEdgesM, ZEdgesM, rho);
    }

    /// <summary>A uniform model of <paramref name="rhoOhmM"/> on the grid of the given cell edges.</summary>
    public static ResistivityModel Uniform(double[] yEdgesM, double[] zEdgesM, double rhoOhmM)
    {
        ArgumentNullException.ThrowIfNull(yEdgesM);
        ArgumentNullException.ThrowIfNull(zEdgesM);
        var rho = new double[zEdgesM.Length - 1, yEdgesM.Length - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++) rho[k, j] = rhoOhmM;
        return new ResistivityModel(yEdgesM, zEdgesM, rho);
    }

    /// <summary>Whether <paramref name="other"/> lies on the same cell edges, to a relative 1e-6 (edges read back from
    /// text files).</summary>
    public bool SameGrid(ResistivityModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameEdges(YEdgesM, other.YEdgesM) && SameEdges(ZEdgesM, other.ZEdgesM);
    }

    /// <summary>Whether two edge lists agree to a relative 1e-6.</summary>
    public static bool SameEdges(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-6 * Math.Max(1, Math.Abs(p.Second)));

    /// <summary>A laterally uniform layered model: <paramref name="thicknessesM"/> has one value fewer than
    /// <paramref name="resistivitiesOhmM"/> (the last layer is the basement).</summary>
    public static ResistivityModel Layered(double[] resistivitiesOhmM, double[] thicknessesM, double yMinM = -1000, double yMaxM = 1000)
    {
        if (thicknessesM.Length != resistivitiesOhmM.Length - 1)
            throw new ArgumentException("a layered model needs one thickness fewer than resistivities");
        var z = new double[resistivitiesOhmM.Length + 1];
        for (int i = 0; i < thicknessesM.Length; i++) z[i + 1] = z[i] + thicknessesM[i];
        z[^1] = z[^2] + Math.Max(1000, thicknessesM.Length > 0 ? thicknessesM[^1] : 1000);
        var rho = new double[resistivitiesOhmM.Length, 1];
        for (int i = 0; i < resistivitiesOhmM.Length; i++) rho[i, 0] = resistivitiesOhmM[i];
        return new ResistivityModel([yMinM, yMaxM], z, rho);
    }

    private static void CheckIncreasing(double[] edges, string name)
    {
        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i])) throw new ArgumentException($"{name}[{i}] = {edges[i]} is not finite");
            if (i > 0 && edges[i] <= edges[i - 1])
                throw new ArgumentException($"{name} must be strictly increasing: {name}[{i}] = {edges[i]} after {edges[i - 1]}");
        }
    }
}
