using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

/// <summary>What a benchmark result records about the machine it ran on.</summary>
internal static class Machine
{
    /// <summary>Processors, OS, runtime, CPU name and vector width.</summary>
    public static JsonObject Description() => new()
    {
        ["processors"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["cpu"] = CpuName(),
        ["vector_width_doubles"] = System.Numerics.Vector<double>.Count,
    };

    /// <summary>The 1-minute load average from /proc/loadavg (null where there is none).</summary>
    public static double? LoadAverage()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string CpuName()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

/// <summary>Options of the benchmark command lines: <c>--name value</c> pairs.</summary>
internal static class CommandLine
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static string Value(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A comma-separated list of integers after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int[] Integers(string[] args, string name, string fallback) =>
        Value(args, name, fallback).Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
}
