using Mt.Forward;
using Newtonsoft.Json.Linq;

namespace Mt.Snapshots.Tests;

/// <summary>
/// Locks the TE and TM responses of two fixed small models (a layered earth and a conductive block in a half-space) at
/// five stations and four frequencies. Tolerances: log10 apparent resistivity 1e-6 relative (plus 1e-9 absolute),
/// phase 1e-4 degrees: far above round-off, far below any change of the engine that matters.
/// </summary>
public sealed class ForwardSnapshotTests
{
    private static readonly double[] Stations = [-4000, -1000, 0, 1500, 4000];
    private static readonly double[] Frequencies = [0.01, 0.3, 10, 300];

    internal static Tolerance ResponseTolerance(string path) =>
        path.Contains("phase_deg", StringComparison.Ordinal) ? new Tolerance(1e-4, 0) : new Tolerance(1e-9, 1e-6);

    [Fact]
    public void LayeredModel()
    {
        double[] y = [-10000, -5000, 0, 5000, 10000];
        double[] z = [0, 500, 1500, 4000, 10000];
        var rho = new double[4, 4];
        double[] layers = [100, 10, 1000, 50];
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 4; j++) rho[k, j] = layers[k];
        ToleranceSnapshot.Match(Response(new ResistivityModel(y, z, rho)), "forward-layered", ResponseTolerance);
    }

    [Fact]
    public void BlockInAHalfSpace()
    {
        double[] y = [-10000, -3000, -1000, 1000, 3000, 10000];
        double[] z = [0, 300, 1000, 2500, 6000, 15000];
        var rho = new double[5, 5];
        for (int k = 0; k < 5; k++)
            for (int j = 0; j < 5; j++) rho[k, j] = k is 1 or 2 && j is 2 ? 1 : 100;
        ToleranceSnapshot.Match(Response(new ResistivityModel(y, z, rho)), "forward-block", ResponseTolerance);
    }

    /// <summary>The responses as JSON: per mode, log10 apparent resistivity and phase [frequency][station].</summary>
    private static JObject Response(ResistivityModel model)
    {
        ForwardResponse response = Forward2D.Compute(model, Stations, Frequencies, [Mode.TE, Mode.TM]);
        var result = new JObject { ["stations_m"] = new JArray(Stations), ["frequencies_hz"] = new JArray(Frequencies) };
        foreach (Mode mode in new[] { Mode.TE, Mode.TM })
        {
            var rhoApp = new JArray();
            var phase = new JArray();
            for (int f = 0; f < Frequencies.Length; f++)
            {
                rhoApp.Add(new JArray(Enumerable.Range(0, Stations.Length).Select(s => Math.Log10(response.RhoAppOhmM(mode, f, s)))));
                phase.Add(new JArray(Enumerable.Range(0, Stations.Length).Select(s => response.PhaseDeg(mode, f, s))));
            }
            result[mode.ToString()] = new JObject { ["log10_rho_app"] = rhoApp, ["phase_deg"] = phase };
        }
        return result;
    }
}
