using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.IO;
using Mt.Learning;
using static TorchSharp.torch;

/// <summary>
/// <c>network [--widths 8,16,32,64] [--threads 2] [--channels 2] [--batch 10] [--steps 3] [--inferences 20]
/// [--inference-threads 1] [--out FILE.json]</c>: per base width, on random inputs of the paper grid (60 x 121),
/// <list type="bullet">
/// <item>the single-sample inference time (evaluation mode, no gradients, [1, C, 60, 121]): the first call of a fresh
/// network, which includes libtorch's one-off set-up for that shape (for the first width also the process-wide
/// start-up), and the median of <c>--inferences</c> warm calls after it; the warm median is repeated with each thread
/// count of <c>--inference-threads</c>, and under torch.inference_mode instead of no_grad;</item>
/// <item>the training-step time (forward, MSE, backward, Adam step on a batch): the median of <c>--steps</c> steps after
/// one warm-up step.</item>
/// </list>
/// The 1-minute load average before and after is recorded, since the machine may be shared; so is the CPU kernel policy
/// (pinned by default, <c>--fast-kernels</c> lifts the pin).
/// </summary>
internal static class NetworkBenchmark
{
    public static int Run(string[] args)
    {
        // --fast-kernels: the unpinned kernels (must be chosen before libtorch loads), to measure what the pin costs.
        if (args.Contains("--fast-kernels")) CpuKernels.Apply(CpuKernelPolicy.Fast);
        int threads = int.Parse(CommandLine.Value(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int channels = int.Parse(CommandLine.Value(args, "--channels", "2"), CultureInfo.InvariantCulture);
        int batch = int.Parse(CommandLine.Value(args, "--batch", "10"), CultureInfo.InvariantCulture);
        int steps = int.Parse(CommandLine.Value(args, "--steps", "3"), CultureInfo.InvariantCulture);
        int inferences = int.Parse(CommandLine.Value(args, "--inferences", "20"), CultureInfo.InvariantCulture);
        int[] widths = CommandLine.Integers(args, "--widths", "8,16,32,64");
        int[] otherThreads = CommandLine.Integers(args, "--inference-threads", "1").Where(t => t != threads).ToArray();
        string? outPath = CommandLine.Value(args, "--out", "") is { Length: > 0 } o ? o : null;
        if (steps < 1 || inferences < 1) throw new ArgumentException("--steps and --inferences must be at least 1");

        double? loadBefore = Machine.LoadAverage();
        var rows = new JsonArray();
        foreach (int width in widths)
        {
            TorchSettings.SetThreads(threads);
            TorchSettings.Seed(1);
            using var net = new UNet(new UNetOptions(channels, width));
            using var sample = randn(1, channels, 60, 121);
            net.eval();
            double first;
            Timing warm;
            var warmOther = new JsonObject();
            using (no_grad())
            {
                first = Time(() => net.call(sample));
                warm = Repeat(inferences, () => net.call(sample));
                foreach (int t in otherThreads)
                {
                    TorchSettings.SetThreads(t);
                    net.call(sample).Dispose();
                    warmOther[t.ToString(CultureInfo.InvariantCulture)] = Repeat(inferences, () => net.call(sample)).ToJson();
                }
                TorchSettings.SetThreads(threads);
            }
            Timing inferenceMode;
            using (inference_mode())
            {
                inferenceMode = Repeat(inferences, () => net.call(sample));
            }

            using var optimizer = optim.Adam(net.parameters(), lr: 1e-3);
            using var x = randn(batch, channels, 60, 121);
            using var y = randn(batch, 1, 60, 121);
            net.train();
            Tensor Step()
            {
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(net.call(x), y);
                loss.backward();
                optimizer.step();
                return loss;
            }
            Time(Step);
            Timing train = Repeat(steps, Step);

            Console.WriteLine(FormattableString.Invariant(
                $"base {width}: {net.ParameterCount} parameters, {threads} thread(s): train step (batch {batch}) median {train.Median:F3} s ")
                + FormattableString.Invariant($"[{train.Min:F3}, {train.Max:F3}]; inference first call {first * 1e3:F1} ms, ")
                + FormattableString.Invariant($"warm median {warm.Median * 1e3:F1} ms [{warm.Min * 1e3:F1}, {warm.Max * 1e3:F1}]")
                + string.Concat(warmOther.Select(p => FormattableString.Invariant(
                    $"; {p.Key} thread(s) {p.Value!["median"]!.GetValue<double>() * 1e3:F1} ms")))
                + FormattableString.Invariant($"; inference_mode {inferenceMode.Median * 1e3:F1} ms"));
            rows.Add(new JsonObject
            {
                ["base_width"] = width,
                ["parameters"] = net.ParameterCount,
                ["train_step_s"] = train.ToJson(),
                ["inference_first_call_s"] = first,
                ["inference_warm_s"] = warm.ToJson(),
                ["inference_warm_s_by_threads"] = warmOther,
                ["inference_warm_s_inference_mode"] = inferenceMode.ToJson(),
            });
        }

        var result = new JsonObject
        {
            ["benchmark"] = "network",
            ["case"] = $"U-Net depth 4, {channels} input channels, random inputs [B, {channels}, 60, 121]; train step = forward, MSE, backward, Adam step on batch {batch}, median of {steps} after 1 warm-up; inference = 1 sample, eval mode, no_grad (also inference_mode), first call of a fresh network and median of {inferences} warm calls",
            ["threads"] = threads,
            ["batch"] = batch,
            ["widths"] = rows,
            ["load_average_1min_before"] = loadBefore,
            ["load_average_1min_after"] = Machine.LoadAverage(),
            ["torch_threads"] = get_num_threads(),
            ["machine"] = Machine.Description(),
            ["cpu_kernels"] = CpuKernels.Status.Describe(),
            ["measured_utc"] = DateTime.UtcNow.ToString("O"),
        };
        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (outPath is not null) AtomicFile.WriteText(outPath, w => w.Write(json + "\n"));
        Console.WriteLine(json);
        return 0;
    }

    private sealed record Timing(double Median, double Min, double Max, double[] Runs)
    {
        public JsonObject ToJson() => new()
        {
            ["median"] = Median,
            ["min"] = Min,
            ["max"] = Max,
            ["runs"] = new JsonArray([.. Runs.Select(r => (JsonNode?)r)]),
        };
    }

    /// <summary>Seconds of one call, inside its own dispose scope.</summary>
    private static double Time(Func<Tensor> call)
    {
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            call();
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static Timing Repeat(int count, Func<Tensor> call)
    {
        double[] runs = Enumerable.Range(0, count).Select(_ => Time(call)).ToArray();
        double[] sorted = [.. runs.Order()];
        return new Timing(sorted[sorted.Length / 2], sorted[0], sorted[^1], runs);
    }
}
