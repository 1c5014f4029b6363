using System.Numerics;
using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>2D behaviour: symmetry, the 1D limit far from a body, and the measured convergence order.</summary>
public class TwoDimensionalTests
{
    private static readonly Mode[] BothModes = [Mode.TE, Mode.TM];

    /// <summary>A conductive block (default 1 ohm-m), 2 km wide, 500 to 2500 m deep, in 100 ohm-m, on cells of 250 m.</summary>
    internal static ResistivityModel Block(double halfWidthM = 1000, double extentM = 20_000, double blockOhmM = 1)
    {
        var y = new List<double>();
        for (double v = -extentM; v <= extentM + 1e-6; v += 250) y.Add(v);
        double[] z = [0, 250, 500, 1000, 1500, 2000, 2500, 3500, 5000];
        var rho = new double[z.Length - 1, y.Count - 1];
        for (int k = 0; k < z.Length - 1; k++)
            for (int j = 0; j < y.Count - 1; j++)
            {
                double yc = 0.5 * (y[j] + y[j + 1]), zc = 0.5 * (z[k] + z[k + 1]);
                rho[k, j] = Math.Abs(yc) < halfWidthM && zc > 500 && zc < 2500 ? blockOhmM : 100;
            }
        return new ResistivityModel([.. y], z, rho);
    }

    /// <summary>A model symmetric about y = 0 gives the same response at y = -d and y = +d (to 1e-9).</summary>
    [Fact]
    public void SymmetricModelGivesSymmetricResponses()
    {
        var model = Block();
        double[] stations = [-3000, -1250, -500, 0, 500, 1250, 3000];
        double[] freqs = [100, 1, 0.01];
        var r = Forward2D.Compute(model, stations, freqs, BothModes);
        bool anomalous = false;
        foreach (var mode in BothModes)
            for (int f = 0; f < freqs.Length; f++)
            {
                for (int s = 0; s < 3; s++)
                {
                    Complex left = r.Z(mode, f, s), right = r.Z(mode, f, stations.Length - 1 - s);
                    Assert.True((left - right).Magnitude <= 1e-9 * left.Magnitude, $"{mode} f={freqs[f]} y=±{stations[^(s + 1)]}: {left} vs {right}");
                }
                anomalous |= Math.Abs(r.RhoAppOhmM(mode, f, 3) / 100 - 1) > 0.1;
            }
        Assert.True(anomalous, "the block must be visible at the centre, or the test proves nothing");
    }

    /// <summary>Far from a 2D body (many skin depths), both modes tend to the 1D response of the host:
    /// within 1 % and 0.5 degrees at 30 km from a block whose effect at the centre is tens of percent.</summary>
    [Theory]
    [InlineData(100.0)]
    [InlineData(10.0)]
    public void FarFromTheBodyBothModesTendToOneD(double f)
    {
        var model = Block(extentM: 40_000);
        var r = Forward2D.Compute(model, [0, 30_000], [f], BothModes);
        var host = Layered1D.HalfSpace(100);
        foreach (var mode in BothModes)
        {
            var z1 = host.SurfaceImpedance(f, mode);
            Tolerance.Relative(Impedance.RhoAppOhmM(z1, f), r.RhoAppOhmM(mode, 0, 1), 0.01, $"{mode} far");
            Tolerance.Absolute(Impedance.PhaseDeg(z1, mode), r.PhaseDeg(mode, 0, 1), 0.5, $"{mode} far");
            Assert.True(Math.Abs(r.RhoAppOhmM(mode, 0, 0) / 100 - 1) > 0.05, $"{mode}: the block must show at the centre");
        }
    }

    /// <summary>Options of refinement level <paramref name="level"/>: cells per skin depth doubled, growth ratios
    /// halved towards 1 and lateral cells split in two at each level, so every cell roughly halves.</summary>
    internal static ForwardOptions Refined(int level)
    {
        int scale = 1 << level;
        return new ForwardOptions
        {
            CellsPerSkinDepth = 4 * scale,
            SurfaceCellsPerSkinDepth = 8 * scale,
            GrowthRatio = 1 + 0.3 / scale,
            PaddingGrowthRatio = 1 + 0.5 / scale,
            AirGrowthRatio = 1 + 1.5 / scale,
            LateralSubdivisions = scale,
        };
    }

    /// <summary>
    /// Convergence under refinement in 2D (a 10 ohm-m block in 100 ohm-m, 1 Hz, five stations across it): the error of
    /// levels 0-2 against level 3 is measured and the fitted order must be at least 1.2. The graded meshes are not
    /// nested (interfaces and stations pin nodes) and the TM field is singular at the block's corners, so the 2D order is
    /// below the scheme's 2; the clean second order is asserted against the analytic 1D solution below.
    /// </summary>
    [Theory]
    [InlineData(Mode.TE)]
    [InlineData(Mode.TM)]
    public void ConvergesUnderRefinementIn2D(Mode mode)
    {
        var model = Block(extentM: 10_000, blockOhmM: 10);
        double[] stations = [-1500, -750, 0, 750, 1500];
        var z = new Complex[4][];
        for (int level = 0; level < 4; level++)
        {
            var r = Forward2D.Compute(model, stations, [1.0], [mode], Refined(level));
            z[level] = [.. Enumerable.Range(0, stations.Length).Select(s => r.Z(mode, 0, s))];
        }
        var errors = Enumerable.Range(0, 3)
            .Select(l => Enumerable.Range(0, stations.Length).Sum(s => (z[l][s] - z[3][s]).Magnitude / z[3][s].Magnitude))
            .ToArray();
        double order = FittedOrder(errors);
        Assert.True(order >= 1.2, $"{mode}: measured order {order:F2} (errors {string.Join(", ", errors.Select(e => e.ToString("G3")))})");
    }

    /// <summary>Against the analytic 1D response (three layers, 100 Hz and 1 Hz), the error falls at second order:
    /// the fitted order over four levels must be at least 1.8 in both modes.</summary>
    [Theory]
    [InlineData(Mode.TE, 100.0)]
    [InlineData(Mode.TE, 1.0)]
    [InlineData(Mode.TM, 100.0)]
    [InlineData(Mode.TM, 1.0)]
    public void ConvergesAtSecondOrderAgainstTheAnalytic1DResponse(Mode mode, double f)
    {
        double[] rho = [100, 10, 1000], h = [1000, 4000];
        var model = ResistivityModel.Layered(rho, h, -20_000, 20_000);
        var exact = new Layered1D(rho, h).SurfaceImpedance(f, mode);
        var errors = Enumerable.Range(0, 4)
            .Select(l => (Forward2D.Compute(model, [0], [f], [mode], Refined(l)).Z(mode, 0, 0) - exact).Magnitude / exact.Magnitude)
            .ToArray();
        double order = FittedOrder(errors);
        Assert.True(order >= 1.8, $"{mode} f={f}: measured order {order:F2} (errors {string.Join(", ", errors.Select(e => e.ToString("G3")))})");
    }

    /// <summary>Least-squares slope of -log2(error) against the refinement level.</summary>
    private static double FittedOrder(double[] errors)
    {
        int n = errors.Length;
        double mx = (n - 1) / 2.0, my = errors.Average(e => -Math.Log2(e));
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (i - mx) * (-Math.Log2(errors[i]) - my);
            sxx += (i - mx) * (i - mx);
        }
        return sxy / sxx;
    }

    /// <summary>
    /// A paper-like section (layered background, a 5 ohm-m and a 3000 ohm-m body, 5 km columns, one station at the
    /// centre of each column): the default mesh against a fine one (every model edge a node, columns split in eight,
    /// twice the cells per skin depth, slower growth), 1e-4 Hz to 1 kHz. TE within 1 % (measured 0.71 %), TM within 2 %
    /// (measured 1.02 %: TM converges more slowly at the corners of strong contrasts, where its field is singular), and
    /// both within 0.5 degrees.
    /// </summary>
    [Fact]
    public void DefaultMeshAgreesWithAFineMeshOnAPaperLikeSection()
    {
        int ny = 24;
        var y = Enumerable.Range(0, ny + 1).Select(i => 5000.0 * i).ToArray();
        double[] z = [0, 100, 300, 700, 1500, 3000, 6000, 12_000, 25_000, 50_000, 100_000];
        double[] layers = [50, 50, 300, 300, 20, 20, 1000, 1000, 100, 10];
        var rho = new double[z.Length - 1, ny];
        for (int k = 0; k < z.Length - 1; k++)
            for (int j = 0; j < ny; j++)
                rho[k, j] = j is >= 6 and < 10 && k is >= 2 and < 6 ? 5 : j is >= 15 and < 19 && k is >= 5 and < 8 ? 3000 : layers[k];
        var model = new ResistivityModel(y, z, rho);
        var stations = Enumerable.Range(0, ny).Select(j => 5000.0 * j + 2500).ToArray();
        double[] freqs = [1e-4, 0.01, 1, 100, 1000];
        var coarse = Forward2D.Compute(model, stations, freqs, BothModes);
        var fine = Forward2D.Compute(model, stations, freqs, BothModes, new ForwardOptions
        {
            CellsPerSkinDepth = 12, SurfaceCellsPerSkinDepth = 32, GrowthRatio = 1.1, InterfaceGrowthRatio = 1.2,
            LateralSubdivisions = 8, KeepAllModelEdges = true,
        });
        foreach (var mode in BothModes)
            for (int f = 0; f < freqs.Length; f++)
                for (int s = 0; s < ny; s++)
                {
                    double tolerance = mode == Mode.TE ? 0.01 : 0.02;
                    Tolerance.Relative(fine.RhoAppOhmM(mode, f, s), coarse.RhoAppOhmM(mode, f, s), tolerance, $"{mode} f={freqs[f]} y={stations[s]}");
                    Tolerance.Absolute(fine.PhaseDeg(mode, f, s), coarse.PhaseDeg(mode, f, s), 0.5, $"{mode} f={freqs[f]} y={stations[s]}");
                }
    }
}
