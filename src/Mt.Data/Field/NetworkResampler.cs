using MathNet.Numerics.Interpolation;
using Mt.Data.Datasets;
using Mt.Data.Geology;

namespace Mt.Data.Field;

/// <summary>
/// A field profile placed on the trained network's geometry: one sample of a <see cref="DataSet"/> (log10 apparent
/// resistivity and phase [2 modes, nf, ns] on the grid's frequencies and stations; log10 resistivity all NaN, it is
/// unknown) and the mask of cells that hold no measured datum and were filled.
/// </summary>
/// <param name="Data">The one-sample data set.</param>
/// <param name="Mask">True where a cell [mode, frequency, station] has no datum (outside the stations' extent or the
/// measured band at that place) and was filled from its nearest neighbours.</param>
/// <param name="OffsetM">Where distance 0 of the profile lies on the network's station axis (m): network position =
/// distance along the profile + offset.</param>
public sealed record NetworkInput(DataSet Data, bool[,,] Mask, double OffsetM)
{
    /// <summary>The mask as stored in the network-input file: [1, 2, nf, ns], 1 where masked, else 0.</summary>
    public double[,,,] MaskAsDataset()
    {
        var result = new double[1, Mask.GetLength(0), Mask.GetLength(1), Mask.GetLength(2)];
        for (int m = 0; m < Mask.GetLength(0); m++)
            for (int f = 0; f < Mask.GetLength(1); f++)
                for (int s = 0; s < Mask.GetLength(2); s++)
                    result[0, m, f, s] = Mask[m, f, s] ? 1 : 0;
        return result;
    }

    /// <summary>Fraction of masked cells of mode <paramref name="mode"/> (0 TE, 1 TM).</summary>
    public double MaskFraction(int mode)
    {
        int nf = Mask.GetLength(1), ns = Mask.GetLength(2), count = 0;
        for (int f = 0; f < nf; f++) for (int s = 0; s < ns; s++) if (Mask[mode, f, s]) count++;
        return (double)count / (nf * ns);
    }
}

/// <summary>
/// Resamples a <see cref="FieldProfile"/> onto the stations and frequencies of a trained network (<see cref="ModelGrid"/>).
/// The profile is centred on the network's station axis. Each mode and channel (log10 apparent resistivity, phase) is
/// interpolated linearly (MathNet.Numerics) first in log10 frequency at each station, only within that station's
/// measured band, then along the profile between neighbouring stations, only within the stations' extent; cells
/// outside are masked and filled with the nearest value along frequency, then along the profile. A mode without any
/// datum is filled with a 100 ohm-m half-space (log10 2, 45 degrees) and masked entirely. Stations closer than
/// 1 m along the profile to a previous one are not used for the lateral interpolation (the first is kept).
/// </summary>
public static class NetworkResampler
{
    /// <summary>Generator attribute of the data set.</summary>
    public const string Generator = "mt field-data (field profile resampled onto the network geometry)";

    /// <summary>Extra attribute saying that the models are unknown.</summary>
    public const string ResistivityAttribute = "log10_resistivity";

    /// <summary>Resamples <paramref name="profile"/> onto <paramref name="grid"/>.</summary>
    public static NetworkInput Resample(FieldProfile profile, ModelGrid grid, string experimentName, string codeVersion,
        IReadOnlyDictionary<string, string>? extraAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        int nf = profile.FrequenciesHz.Length, ns = profile.Stations.Count;
        var log10Rho = new double[2, nf, ns];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                    log10Rho[m, f, s] = Math.Log10(profile.RhoAppOhmM[m, f, s]);
        return Resample(profile.DistancesM, profile.FrequenciesHz, log10Rho, profile.PhaseDeg, grid, experimentName, codeVersion, extraAttributes);
    }

    /// <summary>
    /// Resamples data [mode (0 TE, 1 TM), frequency, station] at stations <paramref name="distancesM"/> along a
    /// profile (ascending) and frequencies <paramref name="frequenciesHz"/> (ascending) onto <paramref name="grid"/>;
    /// NaN marks a missing datum.
    /// </summary>
    public static NetworkInput Resample(double[] distancesM, double[] frequenciesHz, double[,,] log10RhoApp, double[,,] phaseDeg,
        ModelGrid grid, string experimentName, string codeVersion, IReadOnlyDictionary<string, string>? extraAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(distancesM);
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(log10RhoApp);
        ArgumentNullException.ThrowIfNull(phaseDeg);
        ArgumentNullException.ThrowIfNull(grid);
        int[] shape = [2, frequenciesHz.Length, distancesM.Length];
        foreach (var a in new[] { log10RhoApp, phaseDeg })
            if (Enumerable.Range(0, 3).Any(d => a.GetLength(d) != shape[d]))
                throw new ArgumentException($"data must have the shape [2, {shape[1]}, {shape[2]}]");
        if (distancesM.Length == 0 || frequenciesHz.Length == 0) throw new ArgumentException("no stations or no frequencies");
        for (int i = 1; i < distancesM.Length; i++)
            if (!(distancesM[i] >= distancesM[i - 1])) throw new ArgumentException("station distances must be ascending", nameof(distancesM));
        for (int i = 1; i < frequenciesHz.Length; i++)
            if (!(frequenciesHz[i] > frequenciesHz[i - 1])) throw new ArgumentException("frequencies must be strictly ascending", nameof(frequenciesHz));

        double[] targetF = [.. grid.FrequenciesHz], targetS = [.. grid.StationYM];
        double offset = 0.5 * (targetS[0] + targetS[^1]) - 0.5 * (distancesM[0] + distancesM[^1]);
        double[] positions = [.. distancesM.Select(d => d + offset)];
        double[] logF = [.. frequenciesHz.Select(Math.Log10)];
        double[] targetLogF = [.. targetF.Select(Math.Log10)];

        int nf = targetF.Length, ns = targetS.Length;
        var rho = new double[1, 2, nf, ns];
        var phase = new double[1, 2, nf, ns];
        var mask = new bool[2, nf, ns];
        for (int m = 0; m < 2; m++)
        {
            bool Has(int f, int s) => !double.IsNaN(log10RhoApp[m, f, s]) && !double.IsNaN(phaseDeg[m, f, s]);
            double[,] r = Channel(Has, (f, s) => log10RhoApp[m, f, s], logF, positions, targetLogF, targetS);
            double[,] p = Channel(Has, (f, s) => phaseDeg[m, f, s], logF, positions, targetLogF, targetS);
            bool any = false;
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                {
                    mask[m, f, s] = double.IsNaN(r[f, s]) || double.IsNaN(p[f, s]);
                    any |= !mask[m, f, s];
                }
            FillNearest(r, mask, m);
            FillNearest(p, mask, m);
            for (int f = 0; f < nf; f++)
                for (int s = 0; s < ns; s++)
                {
                    rho[0, m, f, s] = any ? r[f, s] : 2;
                    phase[0, m, f, s] = any ? p[f, s] : 45;
                }
        }

        var model = new double[1, grid.Nz, grid.Ny];
        for (int k = 0; k < grid.Nz; k++) for (int j = 0; j < grid.Ny; j++) model[0, k, j] = double.NaN;
        var extra = new Dictionary<string, string>(extraAttributes ?? new Dictionary<string, string>())
        {
            [ResistivityAttribute] = "unknown (field data): all NaN",
        };
        var attributes = new DataSetAttributes(experimentName, 0, DataSplit.Test, Generator, codeVersion, extra);
        var data = new DataSet(targetF, targetS, [.. grid.YEdgesM], [.. grid.ZEdgesM], model, rho, phase, attributes);
        return new NetworkInput(data, mask, offset);
    }

    /// <summary>One channel of one mode on the target grid [nf, ns], NaN where there is no datum.</summary>
    private static double[,] Channel(Func<int, int, bool> has, Func<int, int, double> value, double[] logF, double[] positions,
        double[] targetLogF, double[] targetS)
    {
        int ns = positions.Length, tf = targetLogF.Length;
        // Step 1: along log frequency at each field station, inside its measured band.
        var byStation = new double[ns][];
        for (int s = 0; s < ns; s++)
        {
            int[] have = [.. Enumerable.Range(0, logF.Length).Where(f => has(f, s))];
            byStation[s] = Interpolated([.. have.Select(f => logF[f])], [.. have.Select(f => value(f, s))], targetLogF);
        }
        // Step 2: along the profile at each target frequency, inside the extent of the stations that have a value there.
        var result = new double[tf, targetS.Length];
        for (int j = 0; j < tf; j++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int s = 0; s < ns; s++)
            {
                if (double.IsNaN(byStation[s][j]) || (xs.Count > 0 && positions[s] - xs[^1] < 1)) continue;
                xs.Add(positions[s]);
                ys.Add(byStation[s][j]);
            }
            double[] row = Interpolated([.. xs], [.. ys], targetS);
            for (int i = 0; i < targetS.Length; i++) result[j, i] = row[i];
        }
        return result;
    }

    /// <summary>Linear interpolation of (x, y) (x ascending) at <paramref name="targets"/>; NaN outside [x0, xn].</summary>
    private static double[] Interpolated(double[] x, double[] y, double[] targets)
    {
        var result = new double[targets.Length];
        Array.Fill(result, double.NaN);
        if (x.Length == 0) return result;
        const double tolerance = 1e-9;
        double lo = x[0], hi = x[^1], slack = tolerance * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        IInterpolation? spline = x.Length >= 2 ? LinearSpline.InterpolateSorted(x, y) : null;
        for (int i = 0; i < targets.Length; i++)
        {
            double t = targets[i];
            if (t < lo - slack || t > hi + slack) continue;
            result[i] = spline is null ? y[0] : spline.Interpolate(Math.Clamp(t, lo, hi));
        }
        return result;
    }

    /// <summary>Fills the masked cells of <paramref name="values"/> [nf, ns] with the nearest unmasked value along
    /// frequency (same station), then the cells still empty with the nearest filled column along the profile.</summary>
    private static void FillNearest(double[,] values, bool[,,] mask, int m)
    {
        int nf = values.GetLength(0), ns = values.GetLength(1);
        var filled = new bool[nf, ns];
        for (int s = 0; s < ns; s++)
        {
            int[] have = [.. Enumerable.Range(0, nf).Where(f => !mask[m, f, s])];
            if (have.Length == 0) continue;
            for (int f = 0; f < nf; f++)
            {
                filled[f, s] = true;
                if (mask[m, f, s]) values[f, s] = values[Nearest(have, f), s];
            }
        }
        int[] columns = [.. Enumerable.Range(0, ns).Where(s => filled[0, s])];
        if (columns.Length == 0) return;
        for (int s = 0; s < ns; s++)
        {
            if (filled[0, s]) continue;
            int source = Nearest(columns, s);
            for (int f = 0; f < nf; f++) values[f, s] = values[f, source];
        }
    }

    /// <summary>The element of <paramref name="sorted"/> nearest to <paramref name="i"/> (the lower on a tie).</summary>
    private static int Nearest(int[] sorted, int i)
    {
        int k = Array.BinarySearch(sorted, i);
        if (k >= 0) return sorted[k];
        k = ~k;
        if (k == 0) return sorted[0];
        if (k == sorted.Length) return sorted[^1];
        return i - sorted[k - 1] <= sorted[k] - i ? sorted[k - 1] : sorted[k];
    }
}
