using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.IO;
using Mt.Forward;

// Benchmarks of the project, by name: `forward --out FILE.json [--experiment experiments/paper.json] [--repeats N]`,
//
// `network [--widths 8,16,32,64] [--threads 2] [--batch 10] [--steps 3] [--inferences 20] [--out FILE.json]`
// (see NetworkBenchmark), `rmse --truth test.h5 --predicted pred.h5` (see RmseCommand), `invert --data FILE.h5`
// (see InvertBenchmark).
if (args.Length >= 1 && args[0] == "invert") return InvertBenchmark.Run(args);
if (args.Length >= 1 && args[0] == "network") return NetworkBenchmark.Run(args);
if (args.Length >= 1 && args[0] == "rmse") return RmseCommand.Run(args);
if (args.Length < 1 || args[0] != "forward")
{
    Console.Error.WriteLine("usage: Mt.Benchmarks forward --out FILE.json [--experiment experiments/paper.json] [--repeats 3]");
    return 2;
}
string Arg(string name, string fallback) => CommandLine.Value(args, name, fallback);
string outPath = Arg("--out", "results/benchmarks/forward.json");
string experimentPath = Arg("--experiment", "experiments/paper.json");
int repeats = int.Parse(Arg("--repeats", "3"), System.Globalization.CultureInfo.InvariantCulture);

var experiment = ExperimentLoader.Load(experimentPath);
var generator = GeologyGenerator.FromData(experiment.Data);
var grid = generator.Grid;
double[] stations = [.. grid.StationYM];
double[] freqs = [.. grid.FrequenciesHz];
Mode[] modes = [Mode.TE, Mode.TM];
var options = ForwardOptions.Default;

// 1. Wall time of whole models: the first training models of the experiment (random geology), after one warm-up.
Forward2D.Compute(generator.Generate(DataSplit.Train, 0).Model, stations, freqs, modes, options);
var times = new List<double>();
for (int i = 0; i < repeats; i++)
{
    var model = generator.Generate(DataSplit.Train, i).Model;
    var sw = Stopwatch.StartNew();
    Forward2D.Compute(model, stations, freqs, modes, options);
    times.Add(sw.Elapsed.TotalSeconds);
    Console.WriteLine($"model {i}: {times[^1]:F3} s");
}

// 2. Memory with every factor kept (what an inversion holds), and the system sizes.
GC.Collect();
long before = GC.GetTotalMemory(true);
var kept = Forward2D.Solve(generator.Generate(DataSplit.Train, 0).Model, stations, freqs, modes, options, keepFactors: true);
long after = GC.GetTotalMemory(false);
long factorBytes = kept.Solutions.Sum(s => s.FactorBytes);
long peakWithFactors = Process.GetCurrentProcess().PeakWorkingSet64;
int maxUnknowns = kept.Solutions.Max(s => s.Unknowns);
double meanUnknowns = kept.Solutions.Average(s => s.Unknowns);
kept = null;
GC.Collect();

// 3. Accuracy on the same grid against the analytic 1D response: a layered model spanning the paper's range.
double[] layerRho = [5, 5000, 30, 300, 1];
double[] tops = [0, 2_000, 12_000, 40_000, 100_000];
var rho = new double[grid.Nz, grid.Ny];
var zEdges = grid.ZEdgesM.ToArray();
for (int k = 0; k < grid.Nz; k++)
{
    double zc = 0.5 * (zEdges[k] + zEdges[k + 1]);
    int layer = tops.Count(t => t <= zc) - 1;
    for (int j = 0; j < grid.Ny; j++) rho[k, j] = layerRho[layer];
}
var layered = new ResistivityModel(grid.YEdgesM.ToArray(), zEdges, rho);
var sw1 = Stopwatch.StartNew();
var r = Forward2D.Compute(layered, stations, freqs, modes, options);
double layeredSeconds = sw1.Elapsed.TotalSeconds;
var exact = Layered1D.FromColumn(layered, 0);
double maxRho = 0, maxPhase = 0;
foreach (var mode in modes)
    for (int f = 0; f < freqs.Length; f++)
    {
        var z = exact.SurfaceImpedance(freqs[f], mode);
        for (int s = 0; s < stations.Length; s += 10)
        {
            maxRho = Math.Max(maxRho, Math.Abs(r.RhoAppOhmM(mode, f, s) / Impedance.RhoAppOhmM(z, freqs[f]) - 1));
            maxPhase = Math.Max(maxPhase, Math.Abs(r.PhaseDeg(mode, f, s) - Impedance.PhaseDeg(z, mode)));
        }
    }

// 4. Accuracy on random 2D models of the experiment: the default mesh against a refined one (every model edge a node,
// columns split in four, cells per skin depth doubled, growth halved), every third frequency up to the highest.
double[] someFreqs = [.. freqs.Where((_, i) => i % 3 == freqs.Length % 3 - 1 + (freqs.Length % 3 == 0 ? 3 : 0))];
var d = ForwardOptions.Default;
var refined = d with
{
    CellsPerSkinDepth = 2 * d.CellsPerSkinDepth, SurfaceCellsPerSkinDepth = 2 * d.SurfaceCellsPerSkinDepth,
    GrowthRatio = 1 + (d.GrowthRatio - 1) / 2, InterfaceGrowthRatio = 1 + (d.InterfaceGrowthRatio - 1) / 2,
    LateralSubdivisions = 4, KeepAllModelEdges = true,
};
const int accuracyModels = 3;
var accuracy2d = new JsonObject
{
    ["models"] = $"train samples 0..{accuracyModels - 1}, default mesh against a refined mesh",
    ["frequencies_hz"] = new JsonArray([.. someFreqs.Select(f => (JsonNode?)f)]),
};
var worst = modes.ToDictionary(m => m, _ => (Rho: 0.0, Phase: 0.0));
for (int i = 0; i < accuracyModels; i++)
{
    var model2d = generator.Generate(DataSplit.Train, i).Model;
    var coarse2d = Forward2D.Compute(model2d, stations, someFreqs, modes, d);
    var fine2d = Forward2D.Compute(model2d, stations, someFreqs, modes, refined);
    foreach (var mode in modes)
        for (int f = 0; f < someFreqs.Length; f++)
            for (int s = 0; s < stations.Length; s++)
            {
                var (mr, mp) = worst[mode];
                worst[mode] = (Math.Max(mr, Math.Abs(coarse2d.RhoAppOhmM(mode, f, s) / fine2d.RhoAppOhmM(mode, f, s) - 1)),
                    Math.Max(mp, Math.Abs(coarse2d.PhaseDeg(mode, f, s) - fine2d.PhaseDeg(mode, f, s))));
            }
}
foreach (var mode in modes)
{
    accuracy2d[$"{mode}_max_rho_app_relative_difference"] = worst[mode].Rho;
    accuracy2d[$"{mode}_max_phase_difference_deg"] = worst[mode].Phase;
}

times.Sort();
var result = new JsonObject
{
    ["benchmark"] = "forward",
    ["case"] = $"{grid.Nz}x{grid.Ny} random model of {Path.GetFileName(experimentPath)} (train samples 0..{repeats - 1}), {stations.Length} stations, {freqs.Length} frequencies {freqs.Min():G3}-{freqs.Max():G3} Hz, TE+TM",
    ["wall_time_s"] = new JsonObject
    {
        ["median"] = times[times.Count / 2],
        ["mean"] = times.Average(),
        ["min"] = times[0],
        ["max"] = times[^1],
        ["runs"] = new JsonArray([.. times.Select(t => (JsonNode?)t)]),
    },
    ["memory"] = new JsonObject
    {
        ["factors_kept_bytes"] = factorBytes,
        ["managed_heap_growth_with_factors_bytes"] = after - before,
        ["peak_working_set_with_factors_bytes"] = peakWithFactors,
    },
    ["systems"] = new JsonObject { ["max_unknowns"] = maxUnknowns, ["mean_unknowns"] = Math.Round(meanUnknowns) },
    ["accuracy_vs_1d"] = new JsonObject
    {
        ["model"] = "layers 5/5000/30/300/1 ohm-m, tops 0/2/12/40/100 km, on the same grid",
        ["max_rho_app_relative_error"] = maxRho,
        ["max_phase_error_deg"] = maxPhase,
        ["wall_time_s"] = layeredSeconds,
    },
    ["accuracy_2d_vs_refined_mesh"] = accuracy2d,
    ["options"] = JsonSerializer.SerializeToNode(options),
    ["machine"] = Machine.Description(),
    ["measured_utc"] = DateTime.UtcNow.ToString("O"),
};
string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
AtomicFile.WriteText(outPath, w => w.Write(json + "\n"));
Console.WriteLine(json);
return 0;
