using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The 2D solvers against analytic 1D responses (half-space and layered earth), and the 1D solution itself.</summary>
public class OneDimensionalTests
{
    private static readonly Mode[] BothModes = [Mode.TE, Mode.TM];

    /// <summary>Half-space: apparent resistivity = rho within 0.5 %, phase 45 degrees within 0.3, 1e-4 to 1e3 Hz.</summary>
    [Theory]
    [InlineData(100.0)]
    [InlineData(5.0)]
    [InlineData(5000.0)]
    public void HalfSpaceGivesItsResistivityAnd45Degrees(double rho)
    {
        var model = new ResistivityModel([-10_000, 0, 10_000], [0, 1000], new double[,] { { rho, rho } });
        var freqs = Tolerance.LogSpace(1e-4, 1e3, 15);
        var r = Forward2D.Compute(model, [-5000, 0, 5000], freqs, BothModes);
        foreach (var mode in BothModes)
            for (int f = 0; f < freqs.Length; f++)
                for (int s = 0; s < 3; s++)
                {
                    Tolerance.Relative(rho, r.RhoAppOhmM(mode, f, s), 0.005, $"{mode} f={freqs[f]}");
                    Tolerance.Absolute(45, r.PhaseDeg(mode, f, s), 0.3, $"{mode} f={freqs[f]}");
                }
    }

    /// <summary>Three layers 100/10/1000 ohm-m (1000 m, 4000 m), periods 1e-3 to 1e3 s: within 1 % and 0.5 degrees.</summary>
    [Fact]
    public void ThreeLayersMatchTheAnalyticResponse()
    {
        double[] rho = [100, 10, 1000];
        double[] h = [1000, 4000];
        var model = ResistivityModel.Layered(rho, h, -20_000, 20_000);
        var exact = new Layered1D(rho, h);
        var periods = Tolerance.LogSpace(1e-3, 1e3, 25);
        var freqs = periods.Select(t => 1 / t).ToArray();
        var r = Forward2D.Compute(model, [0, 10_000], freqs, BothModes);
        foreach (var mode in BothModes)
            for (int f = 0; f < freqs.Length; f++)
            {
                var z = exact.SurfaceImpedance(freqs[f], mode);
                double rhoA = Impedance.RhoAppOhmM(z, freqs[f]), ph = Impedance.PhaseDeg(z, mode);
                for (int s = 0; s < 2; s++)
                {
                    Tolerance.Relative(rhoA, r.RhoAppOhmM(mode, f, s), 0.01, $"{mode} T={periods[f]}");
                    Tolerance.Absolute(ph, r.PhaseDeg(mode, f, s), 0.5, $"{mode} T={periods[f]}");
                }
            }
    }
}
