using System.Globalization;
using Mt.Data.Edi;
using Mt.Data.Field;
using Mt.Data.Tests.Edi;
using Xunit.Abstractions;

namespace Mt.Data.Tests.Field;

/// <summary>The Capricorn CP2 line as a profile (skipped, saying so, when the shared data folder is absent).</summary>
public class FieldRealDataTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void All_25_stations_give_a_profile_of_about_395_km_with_a_reported_strike()
    {
        var read = EdiFile.ReadFolder(SharedData.RequireFolder(), skipBad: false);

        var profile = FieldProfile.Build(read.Files);
        var network = NetworkResampler.Resample(profile, FieldDefaults.NetworkGrid(), "paper", "test");

        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        var e = profile.Strike!;
        output.WriteLine($"azimuth {F(profile.Line.AzimuthDeg)} deg, length {F(profile.LengthM / 1000)} km, " +
                         $"offsets {F(profile.Stations.Min(s => s.OffsetM) / 1000)} to {F(profile.Stations.Max(s => s.OffsetM) / 1000)} km");
        output.WriteLine($"strike {F(profile.StrikeDeg)} deg, spread {F(e.StationSpreadDeg)} deg over stations, {F(e.DatumSpreadDeg)} deg over tensors, " +
                         $"diagonal power fraction {e.DiagonalFraction:F3}");
        output.WriteLine($"data {profile.DataCount} kept, {profile.DroppedCount} dropped; mask TE {F(100 * network.MaskFraction(0))} %");
        foreach (var s in profile.Stations)
            output.WriteLine($"  {s.Name} {F(s.DistanceM / 1000)} km, offset {F(s.OffsetM / 1000)} km, strike {F(s.StrikeDeg)}");

        Assert.Equal(25, profile.Stations.Count);
        Assert.Equal(36, profile.FrequenciesHz.Length);
        Assert.InRange(profile.LengthM, 370_000, 420_000);
        Assert.InRange(Angles.Difference(profile.Line.AzimuthDeg, 0, 180), -45, 45); // roughly north-south
        Assert.InRange(profile.StrikeDeg, 0, 180);
        Assert.InRange(Math.Abs(Angles.Difference(profile.StrikeDeg, profile.Line.AzimuthDeg + 90, 180)), 0, 45);
        Assert.True(double.IsFinite(e.StationSpreadDeg));
        Assert.Equal(25 * 36 * 2, profile.DataCount + profile.Quality.MaskedCount + profile.DroppedCount);
        // The files' time convention agrees with the repository's (e^{+iwt}): most phases (masked or not) in the first quadrant.
        foreach (var mode in new[] { Mt.Forward.Mode.TE, Mt.Forward.Mode.TM })
        {
            var phases = profile.Quality.Data.Where(d => d.Mode == mode && double.IsFinite(d.PhaseDeg)).Select(d => d.PhaseDeg).ToArray();
            int firstQuadrant = phases.Count(p => p is >= 0 and <= 90);
            Assert.True(firstQuadrant > 0.75 * phases.Length, $"{mode}: {firstQuadrant} of {phases.Length} phases in the first quadrant");
        }
        // 391 of 600 km and 5.3 of 7 decades are covered: roughly half the cells are masked.
        Assert.InRange(network.MaskFraction(0), 0.4, 0.6);
        Assert.Equal(300_000, profile.Stations[0].DistanceM + network.OffsetM + profile.LengthM / 2, 1e-6);
    }
}
