using Mt.Forward;

namespace Mt.Data.Field;

/// <summary>
/// Maps a log10-resistivity section from the network's grid onto the inversion grid of a field profile. The network's
/// lateral axis is the profile distance plus the offset of the resampling (<see cref="NetworkInput.OffsetM"/>), so an
/// inversion cell centred at distance y is read at network position y + offset. The value is interpolated linearly in
/// log10 resistivity between the neighbouring cell centres, laterally and in depth (which reproduces the rows exactly
/// when both grids have the same depth cells), and held at the edge cells' values beyond the outermost centres.
/// </summary>
public static class SectionMapping
{
    /// <summary>
    /// The model on <paramref name="target"/>'s grid (its resistivities are not used) whose log10 resistivity is
    /// <paramref name="log10Resistivity"/> [nz, ny] on the cells with edges <paramref name="yEdgesM"/> (network
    /// positions) and <paramref name="zEdgesM"/>, read at target distance + <paramref name="offsetM"/>.
    /// </summary>
    public static ResistivityModel ToGrid(double[,] log10Resistivity, double[] yEdgesM, double[] zEdgesM, double offsetM, ResistivityModel target)
    {
        ArgumentNullException.ThrowIfNull(log10Resistivity);
        ArgumentNullException.ThrowIfNull(yEdgesM);
        ArgumentNullException.ThrowIfNull(zEdgesM);
        ArgumentNullException.ThrowIfNull(target);
        int nz = log10Resistivity.GetLength(0), ny = log10Resistivity.GetLength(1);
        if (yEdgesM.Length != ny + 1 || zEdgesM.Length != nz + 1)
            throw new ArgumentException($"the section is [{nz}, {ny}] but its edges give [{zEdgesM.Length - 1}, {yEdgesM.Length - 1}]");
        if (!double.IsFinite(offsetM)) throw new ArgumentException("the offset must be finite", nameof(offsetM));
        foreach (double v in log10Resistivity)
            if (!double.IsFinite(v)) throw new ArgumentException("the section holds a value that is not finite", nameof(log10Resistivity));
        double[] yCentres = Centres(yEdgesM), zCentres = Centres(zEdgesM);
        var lateral = Centres(target.YEdgesM).Select(y => Weights(yCentres, y + offsetM)).ToArray();
        var vertical = Centres(target.ZEdgesM).Select(z => Weights(zCentres, z)).ToArray();
        var rho = new double[target.Nz, target.Ny];
        for (int k = 0; k < target.Nz; k++)
        {
            var (k0, k1, wk) = vertical[k];
            for (int j = 0; j < target.Ny; j++)
            {
                var (j0, j1, wj) = lateral[j];
                double top = (1 - wj) * log10Resistivity[k0, j0] + wj * log10Resistivity[k0, j1];
                double bottom = (1 - wj) * log10Resistivity[k1, j0] + wj * log10Resistivity[k1, j1];
                rho[k, j] = Math.Pow(10, (1 - wk) * top + wk * bottom);
            }
        }
        return new ResistivityModel(target.YEdgesM, target.ZEdgesM, rho);
    }

    /// <summary>
    /// <paramref name="model"/> with every resistivity clipped into [<paramref name="minOhmM"/>, <paramref name="maxOhmM"/>]
    /// (e.g. the training set's range, outside which a network's prediction is an extrapolation), and how many cells
    /// were clipped.
    /// </summary>
    public static (ResistivityModel Model, int Clipped) Clip(ResistivityModel model, double minOhmM, double maxOhmM)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(minOhmM > 0) || !(maxOhmM > minOhmM) || !double.IsFinite(maxOhmM))
            throw new ArgumentException($"the range [{minOhmM}, {maxOhmM}] ohm-m must be positive and finite with max > min");
        var rho = (double[,])model.ResistivityOhmM.Clone();
        int clipped = 0;
        for (int k = 0; k < model.Nz; k++)
            for (int j = 0; j < model.Ny; j++)
            {
                double r = Math.Clamp(rho[k, j], minOhmM, maxOhmM);
                if (r != rho[k, j]) clipped++;
                rho[k, j] = r;
            }
        return (new ResistivityModel(model.YEdgesM, model.ZEdgesM, rho), clipped);
    }

    private static double[] Centres(double[] edges)
    {
        for (int i = 1; i < edges.Length; i++)
            if (!(edges[i] > edges[i - 1])) throw new ArgumentException("cell edges must be finite and strictly increasing");
        return [.. edges.Zip(edges.Skip(1), (a, b) => 0.5 * (a + b))];
    }

    /// <summary>The two centres around <paramref name="x"/> and the weight of the second (clamped at the ends).</summary>
    private static (int Lower, int Upper, double Weight) Weights(double[] centres, double x)
    {
        if (x <= centres[0]) return (0, 0, 0);
        if (x >= centres[^1]) return (centres.Length - 1, centres.Length - 1, 0);
        int upper = Array.BinarySearch(centres, x);
        if (upper >= 0) return (upper, upper, 0);
        upper = ~upper;
        return (upper - 1, upper, (x - centres[upper - 1]) / (centres[upper] - centres[upper - 1]));
    }
}
