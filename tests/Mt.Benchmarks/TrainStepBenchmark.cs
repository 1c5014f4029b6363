using System.Diagnostics;
using System.Globalization;
using Mt.Learning;
using static TorchSharp.torch;

/// <summary>
/// <c>train-step [--widths 8,16] [--threads 2] [--batch 10] [--steps 5]</c>: wall time of one Adam step (forward, MSE,
/// backward, step) of the U-Net on random [batch, 2, 60, 121] inputs, the median of the timed steps after one warm-up.
/// </summary>
internal static class TrainStepBenchmark
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);
        int batch = int.Parse(Arg("--batch", "10"), CultureInfo.InvariantCulture);
        int steps = int.Parse(Arg("--steps", "5"), CultureInfo.InvariantCulture);
        int[] widths = Arg("--widths", "8,16").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        TorchSettings.SetThreads(threads);
        foreach (int width in widths)
        {
            TorchSettings.Seed(1);
            using var net = new UNet(new UNetOptions(2, width));
            using var optimizer = optim.Adam(net.parameters(), lr: 1e-3);
            using var x = randn(batch, 2, 60, 121);
            using var y = randn(batch, 1, 60, 121);
            net.train();
            var times = new List<double>();
            for (int step = 0; step <= steps; step++)
            {
                var clock = Stopwatch.StartNew();
                using (NewDisposeScope())
                {
                    optimizer.zero_grad();
                    nn.functional.mse_loss(net.call(x), y).backward();
                    optimizer.step();
                }
                if (step > 0) times.Add(clock.Elapsed.TotalSeconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"base {width}: {net.ParameterCount} parameters, batch {batch}, {threads} thread(s): median {times[times.Count / 2]:F3} s per step (min {times[0]:F3}, max {times[^1]:F3}, {steps} steps)"));
        }
        return 0;
    }
}
