using Mt.Data.Datasets;
using Mt.Data.Field;
using Mt.Data.Geology;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

public class GridAndResamplingTests
{
    [Fact]
    public void Inversion_grid_covers_the_stations_with_half_spacing_cells_padding_and_the_paper_depths()
    {
        double[] stations = [0, 10_000, 20_000, 30_000, 50_000, 60_000];
        var model = InversionGrid.Build(stations);

        double[] widths = [.. model.YEdgesM.Zip(model.YEdgesM.Skip(1), (a, b) => b - a)];
        int pad = new InversionGridOptions().PaddingCells;
        Assert.Equal(60, model.Nz);
        Assert.Equal(0, model.ZEdgesM[0]);
        Assert.Equal(100, model.ZEdgesM[1], 9);
        Assert.Equal(180_000, model.ZEdgesM[^1], 6);
        // Station columns 5 km wide centred on the stations, the gaps between them in 5 km cells.
        Assert.Equal(-2500, model.YEdgesM[pad], 9);
        Assert.Equal(62_500, model.YEdgesM[^(pad + 1)], 9);
        Assert.All(widths.Skip(pad).SkipLast(pad), w => Assert.Equal(5000, w, 9));
        for (int i = 0; i < pad; i++)
        {
            Assert.Equal(widths[pad] * Math.Pow(1.5, pad - i), widths[i], 6);
            Assert.Equal(widths[^(pad + 1)] * Math.Pow(1.5, pad - i), widths[^(i + 1)], 6);
        }
        Assert.All(Enumerable.Range(0, model.Nz), k => Assert.All(Enumerable.Range(0, model.Ny), j => Assert.Equal(100, model.ResistivityOhmM[k, j])));
    }

    /// <summary>Stations 1.1 km apart on a line spaced about 10 km (as two of Capricorn CP2's) get a column each, split at
    /// their midpoint; every station lies at the centre of its own column; no core cell is wider than half the median
    /// spacing; uneven gaps are filled with equal cells.</summary>
    [Fact]
    public void Every_station_has_a_column_of_its_own()
    {
        double[] stations = [0, 9_000, 20_000, 21_100, 33_000, 41_000, 62_000];
        var model = InversionGrid.Build(stations);

        double[] y = model.YEdgesM;
        var columns = stations.Select(s => Array.FindLastIndex(y, e => e <= s)).ToList();
        Assert.Equal(stations.Length, columns.Distinct().Count());
        for (int i = 0; i < stations.Length; i++) Assert.Equal(stations[i], 0.5 * (y[columns[i]] + y[columns[i] + 1]), 6);
        Assert.Equal(20_550, y[columns[2] + 1], 6);
        int pad = new InversionGridOptions().PaddingCells;
        double median = 11_000, widest = y.Skip(pad).SkipLast(pad).Zip(y.Skip(pad + 1).SkipLast(pad), (a, b) => b - a).Max();
        Assert.True(widest <= 0.5 * median + 1e-6, $"a core cell is {widest} m wide");
    }

    /// <summary>With the longest period and the line's mean resistivity, the padding reaches five skin depths beyond
    /// the outermost stations, and the bottom the skin depth when that lies below the paper's 180 km.</summary>
    [Theory]
    [InlineData(100, 1000)]   // skin depth 159 km: padding to 796 km, bottom at 180 km
    [InlineData(1000, 1000)]  // 503 km: padding to 2516 km, bottom at 503 km
    public void Padding_and_depth_follow_the_longest_periods_skin_depth(double rho, double period)
    {
        double[] stations = [0, 10_000, 20_000, 30_000];
        var model = InversionGrid.Build(stations, new InversionGridOptions { LongestPeriodS = period, MeanResistivityOhmM = rho });

        double skin = Mt.Forward.Impedance.SkinDepthM(rho, 1 / period);
        Assert.InRange(stations[0] - model.YEdgesM[0], 5 * skin, 5 * skin * 1.5 + 1);
        Assert.InRange(model.YEdgesM[^1] - stations[^1], 5 * skin, 5 * skin * 1.5 + 1);
        Assert.Equal(Math.Max(180_000, skin), model.ZEdgesM[^1], 6);
        Assert.Equal(60, model.Nz);
    }

    [Fact]
    public void The_grid_is_designed_from_the_longest_period_and_its_mean_apparent_resistivity()
    {
        ResponseRow Row(double f, double rho) => new(Mode.TE, 0, f, rho, 45, 0, 0);
        var (period, mean) = InversionGrid.LongPeriodResistivity([Row(100, 1), Row(0.01, 10), Row(0.002, 1000), Row(0.001, 100)]);
        Assert.Equal(1000, period, 9);
        Assert.Equal(100, mean, 9); // geometric mean of 10, 1000 and 100 (within a decade of 0.001 Hz)
    }

    [Fact]
    public void Inversion_grid_round_trips_through_the_model_file()
    {
        var model = InversionGrid.Build([0, 7_000, 21_000], new InversionGridOptions { StartResistivityOhmM = 30 });
        string path = Path.Combine(Path.GetTempPath(), $"grid-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Write(path, model);
            var read = ModelFile.Read(path);
            Assert.Equal(model.YEdgesM, read.YEdgesM);
            Assert.Equal(model.ZEdgesM, read.ZEdgesM);
            Assert.Equal(30, read.ResistivityOhmM[59, read.Ny - 1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A smooth field of log10 frequency and position (m), not linear in either.</summary>
    private static double Smooth(double log10F, double yM) => 2 + 0.3 * Math.Sin(log10F) + 0.5 * Math.Cos(yM / 90_000) + 1e-11 * yM * yM;

    /// <summary>Field data at network stations 30..90 (every other one) and network frequencies 10..45, on the paper grid.</summary>
    private static (ModelGrid Grid, double[] Distances, double[] Frequencies, double[,,] Rho, double[,,] Phase, int[] Stations, int[] Freqs) Sample()
    {
        ModelGrid grid = FieldDefaults.NetworkGrid();
        int[] stations = [.. Enumerable.Range(0, 31).Select(i => 30 + 2 * i)];
        int[] freqs = [.. Enumerable.Range(10, 36)];
        double[] distances = [.. stations.Select(i => grid.StationYM[i] - grid.StationYM[stations[0]])];
        double[] frequencies = [.. freqs.Select(k => grid.FrequenciesHz[k])];
        var rho = new double[2, freqs.Length, stations.Length];
        var phase = new double[2, freqs.Length, stations.Length];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < freqs.Length; f++)
                for (int s = 0; s < stations.Length; s++)
                {
                    rho[m, f, s] = Smooth(Math.Log10(frequencies[f]), grid.StationYM[stations[s]]) + m;
                    phase[m, f, s] = 45 + 10 * Smooth(Math.Log10(frequencies[f]), grid.StationYM[stations[s]]);
                }
        return (grid, distances, frequencies, rho, phase, stations, freqs);
    }

    [Fact]
    public void Resampling_is_exact_at_the_nodes_and_masks_exactly_the_cells_without_data()
    {
        var (grid, distances, frequencies, rho, phase, stations, freqs) = Sample();

        var input = NetworkResampler.Resample(distances, frequencies, rho, phase, grid, "test", "v");

        // The profile is centred: stations 30..90 of 0..120 stay where they were.
        Assert.Equal(grid.StationYM[30], distances[0] + input.OffsetM, 1e-6);
        DataSet data = input.Data;
        Assert.Equal(1, data.Count);
        Assert.Equal(60, data.Nf);
        Assert.Equal(121, data.Ns);
        for (int f = 0; f < freqs.Length; f++)
            for (int s = 0; s < stations.Length; s++)
                for (int m = 0; m < 2; m++)
                {
                    Assert.Equal(rho[m, f, s], data.Log10RhoApp[0, m, freqs[f], stations[s]], 12);
                    Assert.Equal(phase[m, f, s], data.PhaseDeg[0, m, freqs[f], stations[s]], 11);
                }
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < 60; f++)
                for (int s = 0; s < 121; s++)
                {
                    bool inside = f >= 10 && f <= 45 && s >= 30 && s <= 90;
                    Assert.Equal(!inside, input.Mask[m, f, s]);
                }
        double expected = 1 - 36.0 * 61 / (60 * 121);
        Assert.Equal(expected, input.MaskFraction(0), 12);
        Assert.Equal(expected, input.MaskFraction(1), 12);
        Assert.True(double.IsNaN(data.Log10Resistivity[0, 0, 0]));
        Assert.Equal("unknown (field data): all NaN", data.Attributes.Extra[NetworkResampler.ResistivityAttribute]);
    }

    [Fact]
    public void Between_nodes_the_interpolation_is_linear_and_masked_cells_hold_the_nearest_value()
    {
        var (grid, distances, frequencies, rho, phase, stations, freqs) = Sample();

        var input = NetworkResampler.Resample(distances, frequencies, rho, phase, grid, "test", "v");
        var d = input.Data;

        // Station 31 lies midway between network stations 30 and 32 (field stations 0 and 1): the mean of the two.
        Assert.Equal(0.5 * (rho[0, 5, 0] + rho[0, 5, 1]), d.Log10RhoApp[0, 0, freqs[5], 31], 12);
        // Below the band: the lowest measured frequency; beyond the ends: the end station; the corner: both.
        Assert.Equal(rho[1, 0, 3], d.Log10RhoApp[0, 1, 0, stations[3]], 12);
        Assert.Equal(rho[0, freqs.Length - 1, 3], d.Log10RhoApp[0, 0, 59, stations[3]], 12);
        Assert.Equal(phase[0, 7, stations.Length - 1], d.PhaseDeg[0, 0, freqs[7], 120], 12);
        Assert.Equal(rho[0, 0, 0], d.Log10RhoApp[0, 0, 0, 0], 12);
    }

    [Fact]
    public void A_station_missing_part_of_the_band_is_masked_there_only_and_a_mode_without_data_is_masked_entirely()
    {
        var (grid, distances, frequencies, rho, phase, stations, freqs) = Sample();
        // The first station lacks its 5 lowest frequencies; TM has no data at all.
        for (int f = 0; f < 5; f++) rho[0, f, 0] = double.NaN;
        for (int f = 0; f < freqs.Length; f++) for (int s = 0; s < stations.Length; s++) phase[1, f, s] = double.NaN;

        var input = NetworkResampler.Resample(distances, frequencies, rho, phase, grid, "test", "v");

        Assert.True(input.Mask[0, freqs[0], stations[0]]);
        Assert.True(input.Mask[0, freqs[4], stations[0]]);
        Assert.False(input.Mask[0, freqs[5], stations[0]]);
        // Between the first and second station, only where the first has data.
        Assert.True(input.Mask[0, freqs[0], stations[0] + 1]);
        Assert.False(input.Mask[0, freqs[0], stations[1]]);
        Assert.Equal(rho[0, 5, 0], input.Data.Log10RhoApp[0, 0, freqs[0], stations[0]], 12);
        Assert.Equal(1.0, input.MaskFraction(1));
        Assert.Equal(45, input.Data.PhaseDeg[0, 1, 30, 60]);
    }

    [Fact]
    public void Network_input_with_its_mask_round_trips_through_the_data_set_file()
    {
        var (grid, distances, frequencies, rho, phase, _, _) = Sample();
        var input = NetworkResampler.Resample(distances, frequencies, rho, phase, grid, "test", "v");
        string path = Path.Combine(Path.GetTempPath(), $"net-{Guid.NewGuid():N}.h5");
        try
        {
            DataSetFile.Write(path, input.Data, extraDatasets: new Dictionary<string, Array> { [FieldProfileJson.MaskDatasetName] = input.MaskAsDataset() });
            var read = DataSetFile.Read(path);
            var mask = DataSetFile.ReadExtra<double[,,,]>(path, FieldProfileJson.MaskDatasetName);

            Assert.Equal(input.Data.Log10RhoApp, read.Log10RhoApp);
            Assert.Equal(input.Data.StationsM, read.StationsM);
            Assert.Equal(input.Data.Attributes, read.Attributes);
            Assert.Equal(input.MaskAsDataset(), mask);
            Assert.Equal(input.MaskFraction(0), mask.Cast<double>().Take(60 * 121).Average(), 12);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
