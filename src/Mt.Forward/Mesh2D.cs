namespace Mt.Forward;

/// <summary>
/// The computational mesh of one frequency and mode: node coordinates (lateral <see cref="YNodesM"/>, vertical
/// <see cref="ZNodesM"/>, depth positive down, air negative) and, for each mesh cell, the model cell it lies in
/// (padding cells map to the nearest edge cell; air cells to -1). Built by <see cref="MeshBuilder"/>.
/// </summary>
public sealed class Mesh2D
{
    internal Mesh2D(double[] yNodesM, double[] zNodesM, int surfaceIndex, int[] cellColumn, int[] cellRow, int[] stationNodes)
    {
        YNodesM = yNodesM;
        ZNodesM = zNodesM;
        SurfaceIndex = surfaceIndex;
        CellColumn = cellColumn;
        CellRow = cellRow;
        StationNodes = stationNodes;
    }

    /// <summary>Lateral node positions (m), increasing.</summary>
    public double[] YNodesM { get; }

    /// <summary>Vertical node positions (m, depth positive down; air nodes negative), increasing.</summary>
    public double[] ZNodesM { get; }

    /// <summary>Index of the surface (z = 0) in <see cref="ZNodesM"/>.</summary>
    public int SurfaceIndex { get; }

    /// <summary>For each lateral mesh cell, the model column it lies in.</summary>
    public int[] CellColumn { get; }

    /// <summary>For each vertical mesh cell, the model row it lies in, or -1 in the air.</summary>
    public int[] CellRow { get; }

    /// <summary>For each station, its lateral node index.</summary>
    public int[] StationNodes { get; }

    /// <summary>Number of lateral cells.</summary>
    public int CellsY => YNodesM.Length - 1;

    /// <summary>Number of vertical cells.</summary>
    public int CellsZ => ZNodesM.Length - 1;
}

/// <summary>
/// Builds the mesh of one frequency from the model: the model's edges and the stations are nodes; cells near the
/// surface and near interfaces are at most a fraction of the local skin depth (for columns the field still reaches);
/// the earth mesh ends where every column has attenuated the field by <see cref="ForwardOptions.PaddingSkinDepths"/>
/// skin depths (or below the model's bottom), lateral padding grows geometrically beyond the model, and in TE the air
/// grows geometrically above the surface.
/// </summary>
public static class MeshBuilder
{
    /// <summary>Builds the mesh for one frequency and mode.</summary>
    public static Mesh2D Build(ResistivityModel model, IReadOnlyList<double> stationsM, double frequencyHz, Mode mode, ForwardOptions options)
    {
        var earth = EarthNodes(model, frequencyHz, mode, options);
        double[] z;
        int surface;
        if (mode == Mode.TE)
        {
            var air = AirNodes(earth[1] - earth[0], AirHeightM(model, frequencyHz, options), options.AirGrowthRatio);
            z = new double[air.Count + earth.Count];
            for (int i = 0; i < air.Count; i++) z[i] = -air[air.Count - 1 - i];
            for (int i = 0; i < earth.Count; i++) z[air.Count + i] = earth[i];
            surface = air.Count;
        }
        else
        {
            z = [.. earth];
            surface = 0;
        }
        var y = LateralNodes(model, stationsM, frequencyHz, mode, options);
        var cellColumn = new int[y.Length - 1];
        for (int j = 0; j < cellColumn.Length; j++) cellColumn[j] = Locate(model.YEdgesM, 0.5 * (y[j] + y[j + 1]));
        var cellRow = new int[z.Length - 1];
        for (int k = 0; k < cellRow.Length; k++)
        {
            double c = 0.5 * (z[k] + z[k + 1]);
            cellRow[k] = c < 0 ? -1 : Locate(model.ZEdgesM, c);
        }
        var stationNodes = new int[stationsM.Count];
        for (int s = 0; s < stationNodes.Length; s++)
        {
            int idx = Array.BinarySearch(y, stationsM[s]);
            if (idx < 0) throw new InvalidOperationException($"station {stationsM[s]} m is not a mesh node");
            stationNodes[s] = idx;
        }
        return new Mesh2D(y, z, surface, cellColumn, cellRow, stationNodes);
    }

    /// <summary>Index of the cell of <paramref name="edges"/> holding <paramref name="x"/>, clamped to the grid.</summary>
    private static int Locate(double[] edges, double x)
    {
        int i = Array.BinarySearch(edges, x);
        if (i < 0) i = ~i - 1;
        return Math.Clamp(i, 0, edges.Length - 2);
    }

    private static double SkinDepth(double rho, double f) => Impedance.SkinDepthM(rho, f);

    /// <summary>Earth nodes from 0 down: a graded mesh honouring the model's depth edges.</summary>
    /// <remarks>
    /// The target cell size at depth z is the smallest, over the columns that the field still reaches (attenuation
    /// a_j(z) &lt; P skin depths), of skin depth / C, relaxed by e^(a_j(z) - 1) once the field has decayed by more than
    /// one skin depth (a poorly resolved layer the field barely reaches changes the surface response by about e^(-2a)).
    /// </remarks>
    internal static List<double> EarthNodes(ResistivityModel model, double f, Mode mode, ForwardOptions o)
    {
        int nz = model.Nz, ny = model.Ny;
        var rho = model.ResistivityOhmM;
        var zEdges = model.ZEdgesM;
        double bottom = zEdges[nz];
        double p = o.PaddingSkinDepths;
        // Skin depth of each cell and attenuation (in skin depths) at the top of each row, per column.
        var delta = new double[nz, ny];
        var aTop = new double[nz + 1, ny];
        double reach = 0; // depth where the last column has attenuated the field by P skin depths
        for (int j = 0; j < ny; j++)
        {
            for (int k = 0; k < nz; k++)
            {
                delta[k, j] = SkinDepth(rho[k, j], f);
                aTop[k + 1, j] = aTop[k, j] + (zEdges[k + 1] - zEdges[k]) / delta[k, j];
                if (aTop[k, j] < p && (aTop[k + 1, j] >= p || k == nz - 1))
                    reach = Math.Max(reach, zEdges[k] + (p - aTop[k, j]) * delta[k, j]);
            }
        }
        double zBottom = Math.Max(Math.Min(reach, 2 * bottom), Math.Min(zEdges[1], bottom));

        // changes[k]: row k differs from row k - 1 in some column (edge k must be a node).
        var changes = new bool[nz + 1];
        changes[nz] = true;
        for (int k = 1; k < nz; k++)
            for (int j = 0; j < ny && !changes[k]; j++) changes[k] = o.KeepAllModelEdges || rho[k, j] != rho[k - 1, j];
        // TM also grades by geometry: its field is galvanic near interfaces whatever the frequency, so the cells at the
        // surface and at each interface are at most the thinner neighbouring model row, growing by GrowthRatio away.
        var interfaces = new List<(double Z, double H)>();
        if (mode == Mode.TM)
        {
            double c = o.InterfaceCellsPerRow;
            interfaces.Add((0, (zEdges[1] - zEdges[0]) / c));
            for (int k = 1; k < nz; k++)
            {
                if (!changes[k]) continue;
                double ratio = 1;
                for (int j = 0; j < ny && o.InterfaceRatioThreshold > 1; j++)
                    if (!o.ContactsWithinReach || aTop[k, j] < p) ratio = Math.Max(ratio, Math.Max(rho[k, j] / rho[k - 1, j], rho[k - 1, j] / rho[k, j]));
                if (o.InterfaceRatioThreshold <= 1 || ratio >= o.InterfaceRatioThreshold)
                    interfaces.Add((zEdges[k], Math.Min(zEdges[k] - zEdges[k - 1], zEdges[k + 1] - zEdges[k]) / c));
            }
        }

        double Target(double z, int row)
        {
            double t = SkinTarget(z, row);
            foreach (var (ze, he) in interfaces) t = Math.Min(t, he + (o.InterfaceGrowthRatio - 1) * Math.Abs(z - ze));
            return t;
        }

        double SkinTarget(double z, int row)
        {
            double t = double.PositiveInfinity;
            for (int j = 0; j < ny; j++)
            {
                double d = delta[row, j];
                double a = aTop[row, j] + (z - zEdges[row]) / d;
                if (a >= p) continue;
                t = Math.Min(t, d / o.CellsPerSkinDepth * Math.Exp(Math.Max(0, a - 1)));
            }
            return t;
        }

        var nodes = new List<double> { 0 };
        double z = 0;
        // The first cell is finer (the surface fields are what is measured); the mesh grades from it.
        double hPrev = Math.Min(SkinTarget(0, 0) * o.CellsPerSkinDepth / o.SurfaceCellsPerSkinDepth,
            interfaces.Count > 0 ? interfaces[0].H : double.PositiveInfinity) / o.GrowthRatio;
        int row = 0;
        while (z < zBottom * (1 - 1e-12))
        {
            while (row < nz - 1 && zEdges[row + 1] <= z * (1 + 1e-12) + 1e-9) row++;
            bool below = z >= bottom * (1 - 1e-12);
            double g = below ? o.PaddingGrowthRatio : o.GrowthRatio;
            double step = Math.Min(g * hPrev, Target(z, row));
            // Grade towards finer rows below, so that the cells reach their target size at the interface.
            for (int r = row + 1; r < nz && (g - 1) * (zEdges[r] - z) < step; r++)
                step = Math.Min(step, Target(zEdges[r], r) + (g - 1) * (zEdges[r] - z));
            // The next depth edge across which the resistivity changes (an edge between identical rows is no node).
            int e = row + 1;
            while (e < nz && !changes[e]) e++;
            double next = below ? zBottom : Math.Min(zEdges[e] > z ? zEdges[e] : zBottom, zBottom);
            double remaining = next - z;
            if (step >= remaining * (1 - 1e-9)) step = remaining;
            else if (remaining - step < 0.5 * step) step = 0.5 * remaining; // avoid a sliver before the edge
            z += step;
            if (Math.Abs(z - next) < 1e-9 * Math.Max(1, next)) z = next;
            nodes.Add(z);
            hPrev = Math.Max(step, hPrev);
        }
        return nodes;
    }

    /// <summary>Height of the air above the surface (TE): far enough that the anomalous field has decayed.</summary>
    private static double AirHeightM(ResistivityModel model, double f, ForwardOptions o)
    {
        double width = model.YEdgesM[^1] - model.YEdgesM[0];
        double rhoMax = 0;
        foreach (double r in model.ResistivityOhmM) rhoMax = Math.Max(rhoMax, r);
        return Math.Max(o.MinAirHeightM, Math.Max(2 * width, o.PaddingSkinDepths * SkinDepth(rhoMax, f)));
    }

    /// <summary>Air node heights above the surface (positive), from 0 up, growing geometrically.</summary>
    private static List<double> AirNodes(double firstCellM, double heightM, double growth)
    {
        var heights = new List<double>();
        double h = firstCellM, z = 0;
        while (z < heightM)
        {
            z += h;
            heights.Add(z);
            h *= growth;
        }
        return heights;
    }

    /// <summary>Lateral nodes: the model's edges, the stations, subdivisions, and geometric padding on both sides.</summary>
    internal static double[] LateralNodes(ResistivityModel model, IReadOnlyList<double> stationsM, double f, Mode mode, ForwardOptions o)
    {
        var yEdges = model.YEdgesM;
        double y0 = yEdges[0], y1 = yEdges[^1];
        double tol = 1e-9 * (y1 - y0);
        var core = new List<double>();
        int sub = Math.Max(1, o.LateralSubdivisions);
        // Model edges across which nothing changes are no nodes (unless the cells are subdivided for a refinement study).
        var rhoModel = model.ResistivityOhmM;
        bool Changes(int j)
        {
            for (int k = 0; k < model.Nz; k++)
                if (rhoModel[k, j] != rhoModel[k, j - 1]) return true;
            return false;
        }
        core.Add(y0);
        for (int j = 0; j < model.Ny; j++)
        {
            if (j > 0 && (sub > 1 || o.KeepAllModelEdges || Changes(j))) core.Add(yEdges[j]);
            for (int s = 1; s < sub; s++) core.Add(yEdges[j] + (yEdges[j + 1] - yEdges[j]) * s / sub);
        }
        core.Add(y1);
        // Vertical contacts: model edges across which the resistivity changes. Near them the field varies laterally
        // (on the scale of the skin depth, and in TM also of the geometry: its field is galvanic there), so the lateral
        // spacing is graded towards each contact (see Refine below).
        var rho = model.ResistivityOhmM;
        var contacts = new List<(double Y, double H)>();
        var reached = Reached(model, f, o);
        var sortedStations = stationsM.Order().ToArray();
        for (int j = 1; j < model.Ny; j++)
        {
            double rhoMin = double.PositiveInfinity, rhoHigh = 0, ratio = 1;
            for (int k = 0; k < model.Nz; k++)
            {
                double a = rho[k, j], b = rho[k, j - 1];
                if (a == b || (o.ContactsWithinReach && !reached[k, j] && !reached[k, j - 1])) continue;
                rhoMin = Math.Min(rhoMin, Math.Min(a, b));
                rhoHigh = Math.Max(rhoHigh, Math.Max(a, b));
                ratio = Math.Max(ratio, Math.Max(a / b, b / a));
            }
            if (double.IsPositiveInfinity(rhoMin)) continue;
            if (double.IsFinite(o.ContactStationSkinDepths)
                && NearestDistance(sortedStations, yEdges[j]) > o.ContactStationSkinDepths * SkinDepth(rhoHigh, f)) continue;
            double w = Math.Min(yEdges[j] - yEdges[j - 1], yEdges[j + 1] - yEdges[j]) / sub;
            double h;
            if (ratio >= o.ContactRatioThreshold)
            {
                h = Math.Clamp(SkinDepth(rhoMin, f) / o.LateralCellsPerSkinDepth, w / (1 << (o.MaxContactRefinement + 1)), w / 4);
                if (mode == Mode.TM) h = Math.Min(h, w / (1 << (o.ContactRefinement + 1)));
            }
            else h = w / (1 << o.WeakContactHalvings); // a weak contact: the cells beside it halved
            contacts.Add((yEdges[j], h));
        }
        foreach (double s in stationsM)
        {
            if (!(s >= y0 && s <= y1)) throw new ArgumentOutOfRangeException(nameof(stationsM), $"station at {s} m lies outside the model ({y0} to {y1} m)");
            core.Add(s);
        }
        core.Sort();
        var merged = new List<double>();
        foreach (double v in core)
        {
            if (merged.Count > 0 && v - merged[^1] <= tol)
            {
                // Keep an exact station position when it coincides with an edge.
                if (stationsM.Contains(v)) merged[^1] = v;
                continue;
            }
            merged.Add(v);
        }
        if (contacts.Count > 0 && o.LateralContactGrading) merged = Refine(merged, contacts, o.LateralGrowthRatio);
        double rhoMax = 0;
        foreach (double r in model.ResistivityOhmM) rhoMax = Math.Max(rhoMax, r);
        double pad = o.PaddingSkinDepths * SkinDepth(rhoMax, f);
        var left = Padding(merged[1] - merged[0], pad, o.PaddingGrowthRatio);
        var right = Padding(merged[^1] - merged[^2], pad, o.PaddingGrowthRatio);
        var all = new double[left.Count + merged.Count + right.Count];
        int i = 0;
        for (int p = left.Count - 1; p >= 0; p--) all[i++] = y0 - left[p];
        foreach (double v in merged) all[i++] = v;
        foreach (double d in right) all[i++] = y1 + d;
        return all;
    }

    /// <summary>Per model cell: whether the field reaches the top of it at frequency <paramref name="f"/> (the
    /// attenuation down its column, in skin depths, is below <see cref="ForwardOptions.PaddingSkinDepths"/>).</summary>
    private static bool[,] Reached(ResistivityModel model, double f, ForwardOptions o)
    {
        var reached = new bool[model.Nz, model.Ny];
        for (int j = 0; j < model.Ny; j++)
        {
            double a = 0;
            for (int k = 0; k < model.Nz && a < o.PaddingSkinDepths; k++)
            {
                reached[k, j] = true;
                a += (model.ZEdgesM[k + 1] - model.ZEdgesM[k]) / SkinDepth(model.ResistivityOhmM[k, j], f);
            }
        }
        return reached;
    }

    /// <summary>Distance from <paramref name="y"/> to the nearest of the sorted <paramref name="sorted"/>.</summary>
    private static double NearestDistance(double[] sorted, double y)
    {
        int i = Array.BinarySearch(sorted, y);
        if (i >= 0) return 0;
        i = ~i;
        double d = double.PositiveInfinity;
        if (i < sorted.Length) d = sorted[i] - y;
        if (i > 0) d = Math.Min(d, y - sorted[i - 1]);
        return d;
    }

    /// <summary>Bisects every interval longer than 1.5 times the target spacing at its point nearest a contact, where
    /// the target grows from the contact's own spacing by <paramref name="growth"/> - 1 times the distance.</summary>
    private static List<double> Refine(List<double> nodes, List<(double Y, double H)> contacts, double growth)
    {
        double Target(double a, double b)
        {
            double t = double.PositiveInfinity;
            foreach (var (y, h) in contacts)
            {
                double d = y < a ? a - y : y > b ? y - b : 0;
                t = Math.Min(t, h + (growth - 1) * d);
            }
            return t;
        }
        var result = new List<double> { nodes[0] };
        var stack = new Stack<(double A, double B)>();
        for (int i = 1; i < nodes.Count; i++)
        {
            stack.Push((nodes[i - 1], nodes[i]));
            while (stack.Count > 0)
            {
                var (a, b) = stack.Pop();
                if (b - a > 1.5 * Target(a, b))
                {
                    double m = 0.5 * (a + b);
                    stack.Push((m, b));
                    stack.Push((a, m));
                }
                else
                {
                    result.Add(b);
                }
            }
        }
        return result;
    }

    /// <summary>Distances of padding nodes from the model edge (excluding 0), growing geometrically to at least <paramref name="distanceM"/>.</summary>
    private static List<double> Padding(double firstCellM, double distanceM, double growth)
    {
        var d = new List<double>();
        double h = firstCellM * growth, z = 0;
        do
        {
            z += h;
            d.Add(z);
            h *= growth;
        } while (z < distanceM);
        return d;
    }
}
