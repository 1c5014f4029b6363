using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.IO;
using Mt.Forward;
using Mt.Forward.Tests;

// Benchmarks of the project, by name: `forward --out FILE.json [--experiment experiments/paper.json] [--repeats N]
// [--accuracy-every K] [--mesh default|every-contact|every-interface] [--families a,b]` (per model family, see ModelFamilies),
//
// `network [--widths 8,16,32,64] [--threads 2] [--batch 10] [--steps 3] [--inferences 20] [--out FILE.json]`
// (see NetworkBenchmark), `rmse --truth test.h5 --predicted pred.h5` (see RmseCommand), `invert --data FILE.h5`
// (see InvertBenchmark).
if (args.Length >= 1 && args[0] == "invert") return InvertBenchmark.Run(args);
if (args.Length >= 1 && args[0] == "network") return NetworkBenchmark.Run(args);
if (args.Length >= 1 && args[0] == "rmse") return RmseCommand.Run(args);
if (args.Length < 1 || args[0] != "forward")
{
    Console.Error.WriteLine("usage: Mt.Benchmarks forward --out FILE.json [--experiment experiments/paper.json] [--repeats 3] [--accuracy-every 6] [--mesh default|every-contact|every-interface] [--families generator,smooth,network,nlcg]");
    return 2;
}
string Arg(string name, string fallback) => CommandLine.Value(args, name, fallback);
string outPath = Arg("--out", "results/benchmarks/forward.json");
string experimentPath = Arg("--experiment", "experiments/paper.json");
int repeats = int.Parse(Arg("--repeats", "3"), System.Globalization.CultureInfo.InvariantCulture);
int accuracyEvery = int.Parse(Arg("--accuracy-every", "6"), System.Globalization.CultureInfo.InvariantCulture);
string meshName = Arg("--mesh", "default");
string[] families = Arg("--families", string.Join(",", ModelFamilies.Names)).Split(',');

var experiment = ExperimentLoader.Load(experimentPath);
var generator = GeologyGenerator.FromData(experiment.Data);
var grid = generator.Grid;
double[] stations = [.. grid.StationYM];
double[] freqs = [.. grid.FrequenciesHz];
Mode[] modes = [Mode.TE, Mode.TM];
var options = meshName switch
{
    "default" => ForwardOptions.Default,
    "every-contact" => ForwardOptions.EveryContact,
    "every-interface" => ForwardOptions.Default with { InterfaceRatioThreshold = 1 },
    _ => throw new ArgumentException($"--mesh default|every-contact|every-interface, got {meshName}"),
};

// 1. Per family (see ModelFamilies), models 0..repeats-1 after one warm-up: wall and CPU time of the paper case, the
// peak resident memory of the process during the family's runs (sampled; after a full collection); then the accuracy against the refined
// mesh (ForwardOptions.Refined) at every station for every accuracyEvery-th frequency.
Forward2D.Compute(generator.Generate(DataSplit.Train, 0).Model, stations, freqs, modes, options);
double[] someFreqs = [.. freqs.Where((_, i) => i % accuracyEvery == accuracyEvery / 2)];
var familyResults = new JsonObject();
var familyModels = families.ToDictionary(f => f, f => Enumerable.Range(0, repeats).Select(i => ModelFamilies.Model(f, generator, i)).ToArray());
foreach (string family in families)
{
    var walls = new List<double>();
    var cpus = new List<double>();
    GC.Collect();
    long peak;
    using (var memory = new Memory())
    {
        foreach (var model in familyModels[family])
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Forward2D.Compute(model, stations, freqs, modes, options);
            walls.Add(sw.Elapsed.TotalSeconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            Console.WriteLine($"{family} model {walls.Count - 1}: {walls[^1]:F3} s wall, {cpus[^1]:F3} s CPU, load {Machine.LoadAverage()}");
        }
        peak = memory.PeakBytes;
    }
    var sorted = walls.Order().ToArray();
    var sortedCpu = cpus.Order().ToArray();
    familyResults[family] = new JsonObject
    {
        ["models"] = $"{family} models 0..{repeats - 1}",
        ["wall_time_s"] = new JsonObject
        {
            ["median"] = sorted[sorted.Length / 2], ["max"] = sorted[^1], ["runs"] = new JsonArray([.. walls.Select(t => (JsonNode?)t)]),
        },
        ["cpu_time_s"] = new JsonObject { ["median"] = sortedCpu[sortedCpu.Length / 2], ["max"] = sortedCpu[^1] },
        ["peak_resident_bytes"] = peak,
        ["load_average_1min"] = Machine.LoadAverage(),
    };
}
// The accuracy after every timing (the refined meshes' memory would stay resident and count in later peaks).
foreach (string family in families)
{
    var worst = modes.ToDictionary(m => m, _ => (Rho: 0.0, Phase: 0.0));
    foreach (var model in familyModels[family])
    {
        var coarse = Forward2D.Compute(model, stations, someFreqs, modes, options);
        var fine = Forward2D.Compute(model, stations, someFreqs, modes, ForwardOptions.Refined);
        foreach (var mode in modes)
            for (int f = 0; f < someFreqs.Length; f++)
                for (int s = 0; s < stations.Length; s++)
                {
                    var (mr, mp) = worst[mode];
                    worst[mode] = (Math.Max(mr, Math.Abs(coarse.RhoAppOhmM(mode, f, s) / fine.RhoAppOhmM(mode, f, s) - 1)),
                        Math.Max(mp, Math.Abs(coarse.PhaseDeg(mode, f, s) - fine.PhaseDeg(mode, f, s))));
                }
    }
    var entry = (JsonObject)familyResults[family]!;
    foreach (var mode in modes)
    {
        entry[$"{mode}_max_rho_app_relative_difference"] = worst[mode].Rho;
        entry[$"{mode}_max_phase_difference_deg"] = worst[mode].Phase;
    }
    Console.WriteLine($"{family}: {entry.ToJsonString()}");
}

// 2. Memory with every factor kept (what an inversion holds), and the system sizes.
GC.Collect();
long before = GC.GetTotalMemory(true);
var keptMemory = new Memory();
var kept = Forward2D.Solve(generator.Generate(DataSplit.Train, 0).Model, stations, freqs, modes, options, keepFactors: true);
long after = GC.GetTotalMemory(false);
long factorBytes = kept.Solutions.Sum(s => s.FactorBytes);
long peakWithFactors = keptMemory.PeakBytes;
keptMemory.Dispose();
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

var result = new JsonObject
{
    ["benchmark"] = "forward",
    ["case"] = $"{grid.Nz}x{grid.Ny} models of {Path.GetFileName(experimentPath)} ({repeats} per family), {stations.Length} stations, {freqs.Length} frequencies {freqs.Min():G3}-{freqs.Max():G3} Hz, TE+TM",
    ["memory"] = new JsonObject
    {
        ["factors_kept_bytes"] = factorBytes,
        ["managed_heap_growth_with_factors_bytes"] = after - before,
        ["peak_resident_with_factors_bytes"] = peakWithFactors,
    },
    ["systems"] = new JsonObject { ["max_unknowns"] = maxUnknowns, ["mean_unknowns"] = Math.Round(meanUnknowns) },
    ["accuracy_vs_1d"] = new JsonObject
    {
        ["model"] = "layers 5/5000/30/300/1 ohm-m, tops 0/2/12/40/100 km, on the same grid",
        ["max_rho_app_relative_error"] = maxRho,
        ["max_phase_error_deg"] = maxPhase,
        ["wall_time_s"] = layeredSeconds,
    },
    ["families"] = familyResults,
    ["accuracy_vs_refined_mesh"] = new JsonObject
    {
        ["reference"] = "ForwardOptions.Refined: every model edge a node, columns split in four, twice the cells per skin depth, growth halved, every contact graded",
        ["frequencies_hz"] = new JsonArray([.. someFreqs.Select(f => (JsonNode?)f)]),
        ["stations"] = "all",
    },
    ["mesh"] = meshName,
    ["options"] = JsonSerializer.SerializeToNode(options, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }),
    ["machine"] = Machine.Description(),
    ["measured_utc"] = DateTime.UtcNow.ToString("O"),
};
string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
AtomicFile.WriteText(outPath, w => w.Write(json + "\n"));
Console.WriteLine(json);
return 0;
