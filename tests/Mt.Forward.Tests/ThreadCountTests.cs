using Mt.Forward;

namespace Mt.Forward.Tests;

/// <summary>The forward engine's numbers do not depend on how many threads solve the systems: each (mode, frequency)
/// system is assembled, factored and solved by one thread alone and its impedances are stored in its own slot, so 1, 2
/// and 3 workers (different schedules) give the same response bit for bit. (The solver's AVX2/FMA kernels are the
/// only CPU-dependent code path; every supported x86-64 machine has them.)</summary>
public class ThreadCountTests
{
    [Fact]
    public void ResponseIsBitIdenticalOnOneTwoAndThreeThreads()
    {
        var model = TwoDimensionalTests.Block();
        double[] stations = [-3000, -500, 0, 750, 2500];
        double[] frequencies = [300, 10, 1, 0.1, 0.01];
        Mode[] modes = [Mode.TE, Mode.TM];
        ForwardResponse Run(int threads) =>
            Forward2D.Compute(model, stations, frequencies, modes, ForwardOptions.Default with { MaxDegreeOfParallelism = threads });

        var one = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            var other = Run(threads);
            foreach (var mode in modes)
                for (int f = 0; f < frequencies.Length; f++)
                    for (int s = 0; s < stations.Length; s++)
                        Assert.True(one.Z(mode, f, s) == other.Z(mode, f, s), $"{mode}, {frequencies[f]} Hz, station {stations[s]} m: {threads} threads differ from 1");
        }
    }
}
