using System.Numerics;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Data.Tests.Field;

public class FieldProfileTests
{
    private static readonly double[] Frequencies = [100, 10, 1, 0.1, 0.01];

    /// <summary>Three stations on the meridian 117 E, 0, 0.1 and 0.3 degrees north of 24 S, from per-frequency tensors.</summary>
    private static EdiFile[] Line(Func<int, int, ImpedanceTensor> tensor) =>
    [
        FieldSamples.Station("B", -23.9, 117, Frequencies, [.. Frequencies.Select((_, f) => tensor(1, f))]),
        FieldSamples.Station("A", -24.0, 117, Frequencies, [.. Frequencies.Select((_, f) => tensor(0, f))]),
        FieldSamples.Station("C", -23.7, 117, Frequencies, [.. Frequencies.Select((_, f) => tensor(2, f))]),
    ];

    private static ImpedanceTensor HalfSpace(double frequencyHz, double rotationDeg = 0)
    {
        Complex z = FieldSamples.HalfSpace(100, frequencyHz);
        return new ImpedanceTensor(Complex.Zero, z, -z, Complex.Zero).Rotate(rotationDeg);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(-70)]
    public void Half_space_gives_45_degrees_and_its_resistivity_in_both_modes(double strikeDeg)
    {
        var profile = FieldProfile.Build(Line((_, f) => HalfSpace(Frequencies[f], 25)), new FieldProfileOptions { StrikeDeg = strikeDeg });

        for (int m = 0; m < 2; m++)
            for (int f = 0; f < Frequencies.Length; f++)
                for (int s = 0; s < 3; s++)
                {
                    Assert.Equal(45, profile.PhaseDeg[m, f, s], 9);
                    Assert.Equal(100, profile.RhoAppOhmM[m, f, s], 9);
                }
        Assert.Equal(Angles.Wrap180(strikeDeg), profile.StrikeDeg, 12);
        Assert.Null(profile.Strike);
    }

    [Fact]
    public void Stations_are_ordered_along_the_profile_with_distances_from_the_first()
    {
        var profile = FieldProfile.Build(Line((_, f) => HalfSpace(Frequencies[f])), new FieldProfileOptions { StrikeDeg = 90 });

        Assert.Equal(["A", "B", "C"], profile.Stations.Select(s => s.Name));
        Assert.Equal(0, profile.AzimuthOrZero(), 1e-6);
        Assert.Equal(0, profile.Stations[0].DistanceM);
        // Meridian arc lengths at 24 S: 0.1 degree is about 11.08 km.
        Assert.InRange(profile.Stations[1].DistanceM, 11_000, 11_100);
        Assert.Equal(3 * profile.Stations[1].DistanceM, profile.Stations[2].DistanceM, 5.0);
        Assert.All(profile.Stations, s => Assert.Equal(0, s.OffsetM, 1e-6));
        Assert.Equal([0.01, 0.1, 1, 10, 100], profile.FrequenciesHz);
    }

    [Theory]
    [InlineData(100, 10)]
    [InlineData(20, 110)]
    public void TE_and_TM_of_a_rotated_2D_tensor_are_its_strike_frame_Zxy_and_Zyx(double strikeDeg, double azimuthDeg)
    {
        Complex Te(int s, int f) => new Complex(1 + s, 0.8 + 0.1 * f) * 1e-3;
        Complex Tm(int s, int f) => new Complex(-0.3, -0.6 - 0.05 * s) * 1e-3;
        var stations = Line((s, f) => FieldSamples.Geographic(FieldSamples.StrikeFrame(Te(s, f), Tm(s, f)), strikeDeg));

        var estimated = FieldProfile.Build(stations, new FieldProfileOptions { AzimuthDeg = azimuthDeg });
        var given = FieldProfile.Build(stations, new FieldProfileOptions { AzimuthDeg = azimuthDeg, StrikeDeg = strikeDeg });

        Assert.NotNull(estimated.Strike);
        Assert.InRange(Math.Abs(Angles.Difference(estimated.StrikeDeg, strikeDeg, 180)), 0, 1e-6);
        foreach (var profile in new[] { estimated, given })
        {
            int k = Array.IndexOf(profile.FrequenciesHz, Frequencies[1]);
            int s = profile.Stations.Select(x => x.Name).ToList().IndexOf("B"); // station index 1 of Line
            Assert.True(Complex.Abs(profile.Z[0, k, s] - Te(1, 1)) < 1e-9 * Te(1, 1).Magnitude);
            Assert.True(Complex.Abs(profile.Z[1, k, s] - Tm(1, 1)) < 1e-9 * Tm(1, 1).Magnitude);
            Assert.Equal(Impedance.PhaseDeg(Tm(1, 1), Mode.TM), profile.PhaseDeg[1, k, s], 6);
            Assert.Equal(Impedance.RhoAppOhmM(Te(1, 1), Frequencies[1]), profile.RhoAppOhmM[0, k, s], 1e-9 * profile.RhoAppOhmM[0, k, s]);
        }
    }

    [Fact]
    public void Errors_come_from_the_variances_and_never_fall_below_the_floors()
    {
        double f0 = Frequencies[2];
        Complex z = FieldSamples.HalfSpace(100, f0);
        double big = Math.Pow(0.1 * z.Magnitude, 2), tiny = Math.Pow(1e-4 * z.Magnitude, 2);
        var stations = Line((s, f) => new ImpedanceTensor(Complex.Zero, FieldSamples.HalfSpace(100, Frequencies[f]),
            -FieldSamples.HalfSpace(100, Frequencies[f]), Complex.Zero, 0, s == 0 ? big : tiny, s == 0 ? big : tiny, 0));

        var profile = FieldProfile.Build(stations, new FieldProfileOptions { StrikeDeg = 0, RhoAppFloorFraction = 0.05, PhaseFloorDeg = 1.43 });

        int k = Array.IndexOf(profile.FrequenciesHz, f0);
        Assert.Equal(0.2 * 100, profile.RhoAppErrOhmM[0, k, 0], 9);          // 2 dZ/|Z| = 20 %
        Assert.Equal(0.1 * 180 / Math.PI, profile.PhaseErrDeg[1, k, 0], 9);   // 0.1 rad
        Assert.Equal(0.05 * 100, profile.RhoAppErrOhmM[0, k, 1], 9);         // floors
        Assert.Equal(1.43, profile.PhaseErrDeg[1, k, 1], 12);
    }

    [Fact]
    public void Missing_and_empty_values_are_dropped_and_counted()
    {
        var stations = Line((s, f) =>
        {
            var t = HalfSpace(Frequencies[f]);
            if (s == 1 && f == 2) return t with { Xx = new Complex(double.NaN, double.NaN) };
            if (s == 2 && f == 0) return t with { Yx = new Complex(1e32 * EdiUnits.OhmPerMvPerKmPerNt, 0) };
            return t;
        });

        var profile = FieldProfile.Build(stations, new FieldProfileOptions { StrikeDeg = 0 });

        Assert.Equal(4, profile.DroppedCount);
        Assert.Equal(2 * 15 - 4, profile.DataCount);
        Assert.Equal([0, 2, 2], profile.Stations.Select(s => s.DroppedCount));
        Assert.Equal(4, profile.Stations[1].TeCount);
        Assert.False(profile.Has(0, Array.IndexOf(profile.FrequenciesHz, Frequencies[2]), 1));
        Assert.Equal(2 * 15 - 4, profile.ToResponseRows().Count);
        Assert.All(profile.Stations, s => Assert.Equal(s.TeCount + s.TmCount, s.NoVarianceCount));
    }

    [Fact]
    public void Response_rows_follow_mt_forward_order_and_round_trip_through_the_csv_with_errors()
    {
        var profile = FieldProfile.Build(Line((_, f) => HalfSpace(Frequencies[f], 10)), new FieldProfileOptions { StrikeDeg = 0 });
        var rows = profile.ToResponseRows();
        using var writer = new StringWriter();
        ResponseCsv.Write(writer, rows);
        var read = ResponseCsv.Read(new StringReader(writer.ToString()), "observed.csv");

        Assert.StartsWith(ResponseCsv.Header + ",rho_app_err_ohm_m,phase_err_deg\n", writer.ToString());
        Assert.Equal(rows, read);
        Assert.Equal(30, rows.Count);
        Assert.Equal(Mode.TE, rows[0].Mode);
        Assert.Equal(Mode.TM, rows[15].Mode);
        Assert.Equal(profile.Stations[1].DistanceM, rows[5].StationM);
        Assert.Equal([0.01, 0.1, 1, 10, 100], rows.Take(5).Select(r => r.FrequencyHz));
        Assert.All(rows, r => Assert.Equal(0.05 * r.RhoAppOhmM, r.RhoAppErrOhmM!.Value, 9));
    }
}

internal static class FieldProfileTestExtensions
{
    /// <summary>The fitted azimuth as a difference from north in (-90, 90] (a north-south line may come out as 0 or ~180).</summary>
    public static double AzimuthOrZero(this FieldProfile profile) => Angles.Difference(profile.Line.AzimuthDeg, 0, 180);
}
