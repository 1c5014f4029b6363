using System.Diagnostics;
using Mt.Data.Datasets;
using Mt.Data.Field;
using Mt.Data.Responses;
using Mt.Forward;
using Mt.Inversion;

/// <summary>
/// `invert --data FILE.h5 [--sample 0] [--iterations 5]`: the paper-scale inversion problem (both modes): the size and
/// estimated work of the inversion's fixed meshes against the forward engine's adaptive meshes, the time of one
/// forward run, of one run with the adjoint gradient, and of NLCG iterations from a 100 ohm-m half-space.
/// </summary>
internal static class InvertBenchmark
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var set = DataSetFile.Read(Arg("--data", "results/cpu/data/test.h5"));
        int sample = int.Parse(Arg("--sample", "0"), System.Globalization.CultureInfo.InvariantCulture);
        int iterations = int.Parse(Arg("--iterations", "5"), System.Globalization.CultureInfo.InvariantCulture);
        var data = Observations.FromSample(set, sample, [Mode.TE, Mode.TM], FieldDefaults.ErrorFloors);
        var truth = set.Model(sample);
        var start = ResistivityModel.Uniform(truth.YEdgesM, truth.ZEdgesM, FieldDefaults.HalfSpaceResistivityOhmM);

        var forward = new FixedMeshSimulation(start, data.Survey);
        double[] m0 = start.ToParameters();
        var sw = Stopwatch.StartNew();
        forward.Dpred(m0);
        double tForward = sw.Elapsed.TotalSeconds;
        sw.Restart();
        forward.PredictWithGradient(m0, (_, _) => 1);
        double tGradient = sw.Elapsed.TotalSeconds;
        var adaptive = Forward2D.Solve(truth, data.StationsM, data.FrequenciesHz, [Mode.TE, Mode.TM], null, keepFactors: false);
        double workAdaptive = adaptive.Solutions.Sum(s => ModeSolution.EstimatedWork(s.Mesh));
        sw.Restart();
        Forward2D.Compute(truth, data.StationsM, data.FrequenciesHz, [Mode.TE, Mode.TM]);
        double tAdaptive = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"inversion meshes: {forward.Systems} systems, {forward.Unknowns} unknowns; forward {tForward:F2} s, with gradient {tGradient:F2} s");
        Console.WriteLine($"adaptive meshes of the true model: {adaptive.Solutions.Sum(s => (long)s.Unknowns)} unknowns, work {workAdaptive:E3}; forward {tAdaptive:F2} s");

        // Modelling error of the fixed meshes: the true model's data on meshes designed from the true model.
        var onTruth = new FixedMeshSimulation(truth, data.Survey).Dpred(truth.ToParameters());
        Console.WriteLine($"RMS of the true model on the inversion's meshes (modelling error): {new DataMisfit(data).Rms(onTruth):F3}");

        var result = Nlcg.Run(data, start, start, new NlcgOptions { MaxIterations = iterations },
            r => Console.WriteLine($"iteration {r.Iteration}: rms {r.Rms:F3}, tau {r.TradeOff:G3}, forward runs {r.ForwardRuns}, {r.Seconds:F1} s"));
        Console.WriteLine($"{result.ExitReason}: {result.History[^1].Seconds / Math.Max(1, result.History[^1].Iteration):F2} s per iteration");
        return 0;
    }
}
