using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Forward;

namespace Mt.Data.Field;

/// <summary>How the inversion grid of a field profile is laid out.</summary>
public sealed record InversionGridOptions
{
    /// <summary>Widest core cell as a fraction of the median station spacing.</summary>
    public double CellFractionOfSpacing { get; init; } = 0.5;

    /// <summary>Padding cells on each side of the core when no longest period is given.</summary>
    public int PaddingCells { get; init; } = 6;

    /// <summary>Growth factor of successive padding cells.</summary>
    public double PaddingRatio { get; init; } = 1.5;

    /// <summary>Depth cells (default the paper's: 60 cells to 180 km, the first 100 m thick); the bottom is moved down
    /// to the longest period's penetration when that is deeper.</summary>
    public DepthGrid Depth { get; init; } = FieldDefaults.Depth;

    /// <summary>Uniform starting resistivity (ohm-m; the experiments' <c>half_space_resistivity_ohm_m</c>).</summary>
    public double StartResistivityOhmM { get; init; } = 100;

    /// <summary>The longest period of the data (s); with it the padding reaches <see cref="PaddingSkinDepths"/> and
    /// the bottom <see cref="PenetrationSkinDepths"/> skin depths of that period in <see cref="MeanResistivityOhmM"/>.</summary>
    public double? LongestPeriodS { get; init; }

    /// <summary>The line's mean resistivity (ohm-m) for those skin depths (default the starting resistivity).</summary>
    public double? MeanResistivityOhmM { get; init; }

    /// <summary>Lateral padding beyond the outermost stations, in skin depths of the longest period.</summary>
    public double PaddingSkinDepths { get; init; } = 5;

    /// <summary>Depth of the grid's bottom at least, in skin depths of the longest period (its penetration).</summary>
    public double PenetrationSkinDepths { get; init; } = 1;
}

/// <summary>
/// The starting model and grid of an inversion of a field profile (the <c>mt forward</c> model JSON schema). Every
/// station has a column of its own, centred on it and at most the core width wide (half the median station spacing;
/// narrower where stations are closer, split at the midpoint); the gaps between station columns are filled with equal
/// cells no wider than the core width; geometrically growing padding cells follow on each side, out to five skin depths
/// of the longest period in the line's mean resistivity (or a fixed count of cells without a period); the depth cells
/// are the experiments' geometric ones, the bottom lowered to the longest period's skin depth when that is deeper.
/// Uniform resistivity.
/// </summary>
public static class InversionGrid
{
    /// <summary>The grid for stations at <paramref name="stationsM"/> (m along the profile, any order).</summary>
    public static ResistivityModel Build(IReadOnlyList<double> stationsM, InversionGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stationsM);
        options ??= new InversionGridOptions();
        if (stationsM.Count == 0 || stationsM.Any(s => !double.IsFinite(s))) throw new ArgumentException("stations must be finite and at least one", nameof(stationsM));
        if (!(options.CellFractionOfSpacing > 0) || options.PaddingCells < 0 || !(options.PaddingRatio > 1) || !(options.StartResistivityOhmM > 0)
            || options.LongestPeriodS is { } t && !(t > 0) || options.MeanResistivityOhmM is { } r && !(r > 0)
            || !(options.PaddingSkinDepths >= 0) || !(options.PenetrationSkinDepths >= 0))
            throw new ArgumentException("grid options out of range", nameof(options));
        double[] s = [.. stationsM.Distinct().Order()];
        double[] gaps = [.. s.Zip(s.Skip(1), (a, b) => b - a).Order()];
        double spacing = gaps.Length == 0 ? 1000 : gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : 0.5 * (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]);
        double width = options.CellFractionOfSpacing * spacing;

        // Each station's column: centred, half-width at most width / 2 and at most half the gap to either neighbour.
        var core = new List<double>();
        for (int i = 0; i < s.Length; i++)
        {
            double half = width / 2;
            if (i > 0) half = Math.Min(half, (s[i] - s[i - 1]) / 2);
            if (i < s.Length - 1) half = Math.Min(half, (s[i + 1] - s[i]) / 2);
            double left = s[i] - half, right = s[i] + half;
            if (core.Count == 0 || left > core[^1] + 1e-6)
            {
                if (core.Count > 0)
                {
                    // Fill the gap from the previous column with equal cells no wider than the core width.
                    double from = core[^1];
                    int n = (int)Math.Ceiling((left - from) / width - 1e-9);
                    for (int c = 1; c < n; c++) core.Add(from + (left - from) * c / n);
                }
                core.Add(left);
            }
            core.Add(right);
        }

        double? skinDepth = options.LongestPeriodS is { } period
            ? Impedance.SkinDepthM(options.MeanResistivityOhmM ?? options.StartResistivityOhmM, 1 / period)
            : null;
        double padTo = skinDepth is { } d ? options.PaddingSkinDepths * d : double.NaN;
        var leftPad = Padding(core[1] - core[0], options, padTo);
        var rightPad = Padding(core[^1] - core[^2], options, padTo);
        var edges = new List<double>();
        edges.AddRange(leftPad.Select(p => core[0] - p).Reverse());
        edges.AddRange(core);
        edges.AddRange(rightPad.Select(p => core[^1] + p));

        double bottom = Math.Max(options.Depth.BottomM, skinDepth is { } dz ? options.PenetrationSkinDepths * dz : 0);
        double[] zEdges = GeometricGrid.Edges(options.Depth.Cells, options.Depth.FirstThicknessM, bottom);
        var rho = new double[options.Depth.Cells, edges.Count - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++)
                rho[k, j] = options.StartResistivityOhmM;
        return new ResistivityModel([.. edges], zEdges, rho);
    }

    /// <summary>Distances of the padding edges from the core's edge, outward: cells growing by the padding ratio from
    /// <paramref name="first"/> until they reach <paramref name="distance"/> (a fixed count of cells when NaN).</summary>
    private static List<double> Padding(double first, InversionGridOptions options, double distance)
    {
        var edges = new List<double>();
        double pad = first, at = 0;
        for (int i = 0; double.IsNaN(distance) ? i < options.PaddingCells : at < distance; i++)
        {
            pad *= options.PaddingRatio;
            at += pad;
            edges.Add(at);
        }
        return edges;
    }

    /// <summary>The longest period (s) of <paramref name="rows"/> and the geometric mean of their apparent
    /// resistivities within a decade of it (ohm-m): what the grid's padding and depth are designed from.</summary>
    public static (double LongestPeriodS, double MeanResistivityOhmM) LongPeriodResistivity(IReadOnlyList<Responses.ResponseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var usable = rows.Where(r => r.FrequencyHz > 0 && r.RhoAppOhmM > 0 && double.IsFinite(r.RhoAppOhmM)).ToList();
        if (usable.Count == 0) throw new ArgumentException("no apparent resistivity to design the grid from", nameof(rows));
        double fMin = usable.Min(r => r.FrequencyHz);
        var low = usable.Where(r => r.FrequencyHz <= 10 * fMin).ToList();
        return (1 / fMin, Math.Pow(10, low.Average(r => Math.Log10(r.RhoAppOhmM))));
    }
}
