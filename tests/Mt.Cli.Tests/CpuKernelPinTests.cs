using System.Diagnostics;
using Mt.Data.IO;
using Mt.Learning;
using Mt.Learning.Training;

namespace Mt.Cli.Tests;

/// <summary>
/// The CPU kernel pin makes trained weights independent of the instruction sets of the machine: the ci experiment's
/// training (its network and training settings on 16 generated models of its geometry, 2 epochs, 1 thread) in separate
/// <c>mt train</c> processes, each started with a different oneDNN ceiling in its environment. Pinned runs give the
/// same weights, bit for bit, under every ceiling at or above the pin (and with none, i.e. all the CPU has: AVX-512 on
/// some machines of this project's kind); with the pin lifted, a ceiling below it (SSE4.1) gives other weights, so the
/// instruction set does reach the numbers and the equality of the pinned runs is the pin's doing. A lifted pin with an
/// AVX2 ceiling equals the pinned runs: the pin is exactly that ceiling, set from inside the process.
/// </summary>
public sealed class CpuKernelPinTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PinnedTrainingGivesTheSameWeightsUnderEveryCeiling()
    {
        string ci = GenerateCommandTests.RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        string experiment = _folder.Write("pin.json", "{\"extends\": \"" + ci + "\", \"data\": {\"train_models\": 16},"
            + " \"training\": {\"epochs\": 2, \"checkpoint_every\": 2}}");
        string data = _folder.File("train.h5");
        var (code, _, err) = GenerateCommandTests.Run("generate", "--experiment", experiment, "--split", "train", "--out", data);
        Assert.True(code == 0, err);

        string Train(string name, string? ceiling, bool fast)
        {
            string weights = _folder.File(name);
            var args = new List<string> { "train", "--experiment", experiment, "--data", data, "--out", weights, "--device", "cpu", "--threads", "1" };
            if (fast) args.Add("--fast-kernels");
            var (exit, output, error) = RunMt(args, ceiling);
            Assert.True(exit == 0, $"{name}: exit {exit}\n{output}\n{error}");
            var card = ModelCard.FromJson(File.ReadAllText(Path.Combine(weights, ModelCard.FileName)));
            Assert.Equal(fast ? "fast" : "pinned", card.CpuKernels);
            Assert.Contains($"ONEDNN_MAX_CPU_ISA={(fast ? ceiling : CpuKernels.PinnedLevel)},", card.CpuKernelEnvironment, StringComparison.Ordinal);
            return FileHash.Sha256(Path.Combine(weights, TrainingFolder.FinalWeights));
        }

        string pinnedAvx2 = Train("pinned-avx2", "AVX2", fast: false);
        string pinnedAmx = Train("pinned-amx", "AVX512_CORE_AMX", fast: false);
        string pinnedNone = Train("pinned-none", null, fast: false);
        string fastAvx2 = Train("fast-avx2", "AVX2", fast: true);
        string fastSse41 = Train("fast-sse41", "SSE41", fast: true);

        Assert.Equal(pinnedAvx2, pinnedAmx);
        Assert.Equal(pinnedAvx2, pinnedNone);
        Assert.Equal(pinnedAvx2, fastAvx2);
        Assert.NotEqual(pinnedAvx2, fastSse41);
    }

    /// <summary>Runs the <c>mt</c> of this test's output folder in a new process whose kernel-selection variables are
    /// cleared (the test host itself is pinned, and a child would inherit that) and, with a ceiling, oneDNN's set.</summary>
    private static (int Code, string Out, string Err) RunMt(IEnumerable<string> args, string? onednnCeiling)
    {
        string mt = Path.Combine(AppContext.BaseDirectory, "mt.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(mt);
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (name, _) in CpuKernels.PinnedEnvironment) start.Environment.Remove(name);
        if (onednnCeiling is not null) start.Environment["ONEDNN_MAX_CPU_ISA"] = onednnCeiling;
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
