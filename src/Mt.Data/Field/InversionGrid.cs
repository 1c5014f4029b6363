using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Forward;

namespace Mt.Data.Field;

/// <summary>How the inversion grid of a field profile is laid out.</summary>
public sealed record InversionGridOptions
{
    /// <summary>Core cell width as a fraction of the median station spacing.</summary>
    public double CellFractionOfSpacing { get; init; } = 0.5;

    /// <summary>Padding cells on each side of the core.</summary>
    public int PaddingCells { get; init; } = 6;

    /// <summary>Growth factor of successive padding cells.</summary>
    public double PaddingRatio { get; init; } = 1.5;

    /// <summary>Depth cells (default the paper's: 60 cells to 180 km, the first 100 m thick).</summary>
    public DepthGrid Depth { get; init; } = FieldDefaults.Depth;

    /// <summary>Uniform starting resistivity (ohm-m; the experiments' <c>half_space_resistivity_ohm_m</c>).</summary>
    public double StartResistivityOhmM { get; init; } = 100;
}

/// <summary>
/// The starting model and grid of an inversion of a field profile (the <c>mt forward</c> model JSON schema): uniform
/// core cells about half a station spacing wide from one cell before the first station to one after the last, a few
/// geometrically growing padding cells each side, and the experiments' geometric depth cells; uniform resistivity.
/// </summary>
public static class InversionGrid
{
    /// <summary>The grid for stations at <paramref name="stationsM"/> (m along the profile, any order).</summary>
    public static ResistivityModel Build(IReadOnlyList<double> stationsM, InversionGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stationsM);
        options ??= new InversionGridOptions();
        if (stationsM.Count == 0 || stationsM.Any(s => !double.IsFinite(s))) throw new ArgumentException("stations must be finite and at least one", nameof(stationsM));
        if (!(options.CellFractionOfSpacing > 0) || options.PaddingCells < 0 || !(options.PaddingRatio >= 1) || !(options.StartResistivityOhmM > 0))
            throw new ArgumentException("grid options out of range", nameof(options));
        double[] s = [.. stationsM.Order()];
        double[] gaps = [.. s.Zip(s.Skip(1), (a, b) => b - a).Where(g => g > 0).Order()];
        double spacing = gaps.Length == 0 ? 1000 : gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : 0.5 * (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]);
        double width = options.CellFractionOfSpacing * spacing;
        double start = s[0] - width, end = s[^1] + width;
        int core = Math.Max(1, (int)Math.Ceiling((end - start) / width - 1e-9));
        width = (end - start) / core;

        double pad = width, left = start;
        var leftEdges = new List<double>();
        for (int i = 0; i < options.PaddingCells; i++)
        {
            pad *= options.PaddingRatio;
            left -= pad;
            leftEdges.Add(left);
        }
        leftEdges.Reverse();
        var edges = new List<double>(leftEdges);
        for (int i = 0; i <= core; i++) edges.Add(start + i * width);
        edges[^1] = end;
        pad = width;
        double right = end;
        for (int i = 0; i < options.PaddingCells; i++)
        {
            pad *= options.PaddingRatio;
            right += pad;
            edges.Add(right);
        }

        double[] zEdges = GeometricGrid.Edges(options.Depth.Cells, options.Depth.FirstThicknessM, options.Depth.BottomM);
        var rho = new double[options.Depth.Cells, edges.Count - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++)
                rho[k, j] = options.StartResistivityOhmM;
        return new ResistivityModel([.. edges], zEdges, rho);
    }
}
