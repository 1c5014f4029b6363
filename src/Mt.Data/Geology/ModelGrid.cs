using MathNet.Numerics;
using Mt.Data.Experiments;

namespace Mt.Data.Geology;

/// <summary>
/// The cell grid, stations and frequencies of an experiment: one lateral cell of width <c>spacing_m</c> centred on each
/// station, geometric depth cells (<see cref="GeometricGrid"/>), and frequencies log-spaced in ascending order.
/// </summary>
public sealed class ModelGrid
{
    private ModelGrid(double[] yEdgesM, double[] zEdgesM, double[] stationYM, double[] frequenciesHz)
    {
        YEdgesM = yEdgesM;
        ZEdgesM = zEdgesM;
        StationYM = stationYM;
        FrequenciesHz = frequenciesHz;
    }

    /// <summary>Lateral cell edges (m), one more than the stations.</summary>
    public IReadOnlyList<double> YEdgesM { get; }

    /// <summary>Depth cell edges (m), first 0, last the grid bottom.</summary>
    public IReadOnlyList<double> ZEdgesM { get; }

    /// <summary>Station positions (m), at the lateral cell centres.</summary>
    public IReadOnlyList<double> StationYM { get; }

    /// <summary>Frequencies (Hz), ascending.</summary>
    public IReadOnlyList<double> FrequenciesHz { get; }

    /// <summary>Number of lateral cells.</summary>
    public int Ny => YEdgesM.Count - 1;

    /// <summary>Number of depth cells.</summary>
    public int Nz => ZEdgesM.Count - 1;

    /// <summary>Builds the grid of a (validated) data section.</summary>
    public static ModelGrid FromData(DataSection data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create(data.Stations, data.ZGrid, data.Frequencies);
    }

    /// <summary>Builds the grid of a station line, a depth grid and a frequency grid (checked by the caller, e.g.
    /// the experiment validator).</summary>
    public static ModelGrid Create(StationLine s, DepthGrid zGrid, FrequencyGrid f)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(zGrid);
        ArgumentNullException.ThrowIfNull(f);
        double[] stations = Enumerable.Range(0, s.Count).Select(i => s.StartM + i * s.SpacingM).ToArray();
        double[] yEdges = Enumerable.Range(0, s.Count + 1).Select(i => s.StartM + (i - 0.5) * s.SpacingM).ToArray();
        double[] zEdges = GeometricGrid.Edges(zGrid.Cells, zGrid.FirstThicknessM, zGrid.BottomM);
        double[] frequencies = Generate.LogSpaced(f.Count, Math.Log10(f.MinHz), Math.Log10(f.MaxHz));
        frequencies[0] = f.MinHz;
        frequencies[^1] = f.MaxHz;
        return new ModelGrid(yEdges, zEdges, stations, frequencies);
    }

    /// <summary>Indices of the inner depth edges (1..nz-1, so neither the surface nor the bottom) that lie within
    /// <paramref name="depthRangeM"/>, ascending: the edges a layer interface can snap to.</summary>
    public int[] InnerZEdgeIndices(Bounds<double> depthRangeM)
    {
        ArgumentNullException.ThrowIfNull(depthRangeM);
        return Enumerable.Range(1, Nz - 1).Where(k => ZEdgesM[k] >= depthRangeM.Min && ZEdgesM[k] <= depthRangeM.Max).ToArray();
    }

    /// <summary>The model of nz x ny resistivities <paramref name="resistivityOhmM"/> on this grid.</summary>
    public Mt.Forward.ResistivityModel ToModel(double[,] resistivityOhmM) =>
        new([.. YEdgesM], [.. ZEdgesM], resistivityOhmM);

    /// <summary>Centre of lateral cell <paramref name="j"/> (m).</summary>
    public double CellCentreYM(int j) => 0.5 * (YEdgesM[j] + YEdgesM[j + 1]);

    /// <summary>Centre of depth cell <paramref name="k"/> (m).</summary>
    public double CellCentreZM(int k) => 0.5 * (ZEdgesM[k] + ZEdgesM[k + 1]);
}
