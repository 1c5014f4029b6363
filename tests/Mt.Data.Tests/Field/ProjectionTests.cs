using Mt.Data.Field;

namespace Mt.Data.Tests.Field;

public class ProjectionTests
{
    [Fact]
    public void Central_meridian_northing_is_the_WGS84_meridian_arc()
    {
        var projection = new LocalProjection(0, 117);

        // The WGS84 quarter meridian is 10 001 965.729 m; shorter arcs against Simpson's rule on the meridian radius.
        Assert.Equal(10_001_965.729, projection.Project(90, 117).NorthM, 0.01);
        Assert.Equal(MeridianArc(1), projection.Project(1, 117).NorthM, 0.001);
        Assert.Equal(MeridianArc(-24.3) - MeridianArc(-26), new LocalProjection(-26, 117).Project(-24.3, 117).NorthM, 0.001);
        Assert.Equal(0, projection.Project(45, 117).EastM, 1e-9);
    }

    /// <summary>The meridian arc from the equator to <paramref name="latitudeDeg"/> by Simpson's rule on
    /// a (1 - e^2) / (1 - e^2 sin^2 phi)^(3/2).</summary>
    private static double MeridianArc(double latitudeDeg)
    {
        double f = LocalProjection.Flattening, e2 = f * (2 - f), end = latitudeDeg * Math.PI / 180;
        double Radius(double phi) => LocalProjection.SemiMajorAxisM * (1 - e2) / Math.Pow(1 - e2 * Math.Sin(phi) * Math.Sin(phi), 1.5);
        const int n = 2000;
        double h = end / n, sum = Radius(0) + Radius(end);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * Radius(i * h);
        return sum * h / 3;
    }

    [Fact]
    public void Origin_is_zero_and_east_is_antisymmetric_about_the_central_meridian()
    {
        var projection = new LocalProjection(-24.3, 116.6);

        var (e0, n0) = projection.Project(-24.3, 116.6);
        var (eEast, nEast) = projection.Project(-24.0, 117.5);
        var (eWest, nWest) = projection.Project(-24.0, 115.7);

        Assert.Equal(0, e0, 1e-6);
        Assert.Equal(0, n0, 1e-6);
        Assert.True(eEast > 90_000 && eEast < 93_000, $"0.9 deg east at 24 S is about 91.5 km, got {eEast}");
        Assert.Equal(eEast, -eWest, 1e-6);
        Assert.Equal(nEast, nWest, 1e-6);
    }

    [Fact]
    public void Points_on_a_known_line_get_exact_distances_azimuth_and_zero_offsets()
    {
        var projection = new LocalProjection(-24.3, 116.6);
        const double azimuthDeg = 21.5;
        double a = azimuthDeg * Math.PI / 180;
        double[] along = [0, 12_345, 50_000, 160_000, 250_000, 395_000];
        var points = along.Select(d => (EastM: -80_000 + d * Math.Sin(a), NorthM: -180_000 + d * Math.Cos(a))).ToArray();
        var latLon = points.Select(p => FieldSamples.Unproject(projection, p.EastM, p.NorthM)).ToArray();
        var projected = latLon.Select(p => projection.Project(p.LatitudeDeg, p.LongitudeDeg)).ToArray();

        var line = ProfileLine.Through(projected);
        var coordinates = projected.Select(p => line.Coordinates(p.EastM, p.NorthM)).ToArray();
        double first = coordinates.Min(c => c.AlongM);

        Assert.True(line.Fitted);
        Assert.Equal(azimuthDeg, line.AzimuthDeg, 1e-6);
        for (int i = 0; i < along.Length; i++)
        {
            Assert.Equal(along[i], coordinates[i].AlongM - first, 1.0);
            Assert.Equal(0, coordinates[i].OffsetM, 1.0);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(35)]
    [InlineData(90)]
    [InlineData(135)]
    [InlineData(179)]
    public void Fitted_azimuth_is_the_line_direction_in_0_to_180_and_offsets_are_signed_to_the_right(double azimuthDeg)
    {
        double a = azimuthDeg * Math.PI / 180;
        (double, double) Point(double along, double right) =>
            (1000 + along * Math.Sin(a) + right * Math.Cos(a), 2000 + along * Math.Cos(a) - right * Math.Sin(a));
        // Offsets symmetric about the line, so that it is the total-least-squares line of the points.
        var points = new[] { Point(0, 500), Point(10_000, -500), Point(20_000, -500), Point(30_000, 500) };

        var line = ProfileLine.Through(points);

        Assert.Equal(azimuthDeg, line.AzimuthDeg, 1e-9);
        var (along, offset) = line.Coordinates(points[1].Item1, points[1].Item2);
        var (along0, _) = line.Coordinates(points[0].Item1, points[0].Item2);
        Assert.Equal(10_000, along - along0, 1e-6);
        Assert.Equal(-500, offset, 1e-6);
    }

    [Fact]
    public void Given_azimuth_is_used_as_given()
    {
        var line = ProfileLine.Through([(0, 0), (0, 10_000)], azimuthDeg: 190);

        Assert.False(line.Fitted);
        Assert.Equal(190, line.AzimuthDeg);
        Assert.Equal(5000 * Math.Cos(10 * Math.PI / 180), line.Coordinates(0, 0).AlongM, 1e-6);
    }
}
