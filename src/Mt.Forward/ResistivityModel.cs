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
