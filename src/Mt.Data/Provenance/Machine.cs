using System.Globalization;
using System.Runtime.InteropServices;

namespace Mt.Data.Provenance;

/// <summary>The machine a stage ran on.</summary>
/// <param name="Cpu">CPU model (from /proc/cpuinfo on Linux).</param>
/// <param name="CpuFlags">The instruction-set extensions that decide numeric kernels: avx2, fma, avx512f ... (Linux).</param>
/// <param name="Cores">Logical processors available to the process.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Gpu">NVIDIA GPUs the driver lists, or "none".</param>
/// <param name="LoadAverage1Min">The 1-minute load average when the stage started (Linux; null elsewhere): times
/// measured under load are upper bounds.</param>
public sealed record MachineInfo(string Cpu, string CpuFlags, int Cores, string Os, string Runtime, string Gpu, double? LoadAverage1Min)
{
    /// <summary>This machine, now.</summary>
    public static MachineInfo Current() => new(CpuModel(), CpuFlagsOfInterest(), Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, Gpus(), LoadAverage());

    private static IEnumerable<string> CpuInfo() => File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo") : [];

    private static string CpuModel()
    {
        string? line = CpuInfo().FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string CpuFlagsOfInterest()
    {
        string? line = CpuInfo().FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (line is null) return "unknown";
        var flags = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        string[] ofInterest = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "amx_tile"];
        return string.Join(" ", ofInterest.Where(flags.Contains));
    }

    private static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return null;
        string first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    private static string Gpus()
    {
        const string folder = "/proc/driver/nvidia/gpus";
        if (!Directory.Exists(folder)) return "none";
        var models = Directory.EnumerateFiles(folder, "information", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("Model:", StringComparison.Ordinal))
            .Select(l => l["Model:".Length..].Trim())
            .ToList();
        return models.Count == 0 ? "none" : string.Join(", ", models);
    }
}
