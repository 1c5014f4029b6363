using Mt.Data.Models;
using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>
/// The COMMEMI 2D benchmarks (Zhdanov et al. 1997), built as model files under experiments/commemi/, against published
/// apparent resistivities. Their convergence under mesh refinement is documented in experiments/commemi/README.md.
/// </summary>
public class CommemiTests
{
    private static readonly Mode[] BothModes = [Mode.TE, Mode.TM];

    private static ResistivityModel Model(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "experiments", "commemi", name);
            if (File.Exists(path)) return ModelFile.Read(path);
        }
        throw new FileNotFoundException($"experiments/commemi/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// 2D-1 (0.5 ohm-m block, |y| &lt; 500 m, 250-3250 m, in 100 ohm-m) at T = 0.1 s against J. T. Weaver's solution as
    /// tabulated in Zhdanov et al. (1997) and quoted by esys-escript's run_comm1.py: within 3 % at every station
    /// (measured: at most 2.4 %, TE at 1000 m).
    /// </summary>
    [Fact]
    public void Commemi2D1MatchesWeaversSolutionAtPointOneSecond()
    {
        double[] stations = [0, 500, 1000, 2000, 4000, 8000, 16000];
        double[] te = [8.07, 14.10, 51.50, 95.71, 104.00, 100.00, 100.00];
        double[] tm = [9.86, 46.40, 94.80, 98.30, 99.70, 100.00, 100.00];
        var r = Forward2D.Compute(Model("2d1.json"), stations, [10], BothModes);
        for (int s = 0; s < stations.Length; s++)
        {
            Tolerance.Relative(te[s], r.RhoAppOhmM(Mode.TE, 0, s), 0.03, $"2D-1 TE y={stations[s]}");
            Tolerance.Relative(tm[s], r.RhoAppOhmM(Mode.TM, 0, s), 0.03, $"2D-1 TM y={stations[s]}");
        }
    }

    /// <summary>
    /// 2D-0 (10 / 1 / 2 ohm-m over 0.1 ohm-m at 50 km) at T = 300 s against the reference values distributed with
    /// zhongpenggeo/MT_NN (Data/CM2D0_300s.dat; two significant digits for TE, provenance not stated). The TM values at
    /// the contacts (y = -10 and +10 km) are one-sided limits: computed 10 m to the side the reference takes. Within 4 %
    /// (TE) and 6 % (TM); measured at most 2.9 % (TE, 7 km) and 5.6 % (TM, 7 km, where the finest mesh of the
    /// convergence study agrees with the default to 0.5 %).
    /// </summary>
    [Fact]
    public void Commemi2D0MatchesTheReferenceAt300Seconds()
    {
        var model = Model("2d0.json");
        double[] teStations = [-25_000, -15_000, -7_000, 7_000, 10_000, 15_000, 30_000];
        double[] te = [8.0, 4.7, 1.5, 1.1, 1.3, 1.7, 2.0];
        double[] tmStations = [-25_000, -15_000, -10_010, 7_000, 9_990, 15_000, 30_000];
        double[] tm = [11.21, 12.64, 16.12, 0.98, 0.67, 2.11, 2.01];
        var rTe = Forward2D.Compute(model, teStations, [1.0 / 300], [Mode.TE]);
        var rTm = Forward2D.Compute(model, tmStations, [1.0 / 300], [Mode.TM]);
        for (int s = 0; s < te.Length; s++)
        {
            Tolerance.Relative(te[s], rTe.RhoAppOhmM(Mode.TE, 0, s), 0.04, $"2D-0 TE y={teStations[s]}");
            Tolerance.Relative(tm[s], rTm.RhoAppOhmM(Mode.TM, 0, s), 0.06, $"2D-0 TM y={tmStations[s]}");
        }
    }
}
