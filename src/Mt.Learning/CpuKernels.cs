using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mt.Learning;

/// <summary>Which CPU kernels libtorch may choose.</summary>
public enum CpuKernelPolicy
{
    /// <summary>Every kernel library pinned to one instruction-set level that every supported x86-64 machine has
    /// (<see cref="CpuKernels.PinnedLevel"/>): the same numbers on every such machine.</summary>
    Pinned,

    /// <summary>The libraries choose the widest instruction set the CPU has (and whatever ceiling the environment
    /// already sets): possibly faster, but trained numbers then depend on the machine.</summary>
    Fast,
}

/// <summary>The kernel policy in effect in this process and the environment values it set.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Environment">The kernel-selection variables as the native libraries see them (null: unset).</param>
public sealed record CpuKernelStatus(CpuKernelPolicy Policy, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>One line for logs, model cards and manifests, e.g. "pinned (ONEDNN_MAX_CPU_ISA=AVX2, ...)".</summary>
    public string Describe() => $"{PolicyName} ({Variables})";

    /// <summary>The policy as written in files: "pinned" or "fast".</summary>
    public string PolicyName => Policy.ToString().ToLowerInvariant();

    /// <summary>The variables as text, e.g. "ONEDNN_MAX_CPU_ISA=AVX2, ..., MKL_CBWR=AVX2" (unset ones as "unset").</summary>
    public string Variables => string.Join(", ", Environment.Select(e => $"{e.Key}={e.Value ?? "unset"}"));
}

/// <summary>
/// Deterministic CPU numerics for libtorch. libtorch's kernel libraries choose their instruction set when they first
/// run: oneDNN (convolutions) the widest the CPU has, ATen its own dispatch level, MKL its code path. Machines of the
/// same kind with and without AVX-512 then train to different weights, which training amplifies (measured: test metrics
/// differed by up to 3.5e-3 relative; on an AMD EPYC with AVX-512 oneDNN's AVX-512 kernels even gave a NaN training loss
/// in the first epoch, while AVX2 trained normally). The pin sets ONEDNN_MAX_CPU_ISA=AVX2 (and the older DNNL_ name),
/// ATEN_CPU_CAPABILITY=avx2 and MKL_CBWR=AVX2 (MKL's conditional numerical reproducibility) before libtorch loads.
/// </summary>
/// <remarks>
/// The libraries read these variables with the C library's getenv, which does not see .NET's own copy of the
/// environment on Linux (Environment.SetEnvironmentVariable changes only the runtime's table), so they are set with
/// libc setenv (ucrt _putenv_s on Windows) as well. The pin is applied by this assembly's module initializer, before
/// any code of it (and so any torch call it makes) runs; <see cref="Apply"/> with <see cref="CpuKernelPolicy.Fast"/>
/// restores the environment the process started with, and either call must come before libtorch is loaded.
/// </remarks>
public static class CpuKernels
{
    /// <summary>The instruction-set level every kernel library is pinned to.</summary>
    public const string PinnedLevel = "AVX2";

    /// <summary>The variables of the pin and their pinned values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> PinnedEnvironment { get; } =
    [
        new("ONEDNN_MAX_CPU_ISA", PinnedLevel),
        new("DNNL_MAX_CPU_ISA", PinnedLevel),
        new("ATEN_CPU_CAPABILITY", "avx2"),
        new("MKL_CBWR", PinnedLevel),
    ];

    private static readonly Lock Gate = new();

    // The environment before the pin: what Fast restores. Written once, by the module initializer.
    private static readonly IReadOnlyDictionary<string, string?> Original =
        PinnedEnvironment.ToDictionary(p => p.Key, p => System.Environment.GetEnvironmentVariable(p.Key));

    // Process-wide by nature (the native libraries read the environment once): set by the module initializer and
    // changed only by Apply, under the lock, before libtorch loads.
    private static CpuKernelPolicy _policy;

    /// <summary>The policy in effect and the variables as set now.</summary>
    public static CpuKernelStatus Status
    {
        get
        {
            lock (Gate)
                return new CpuKernelStatus(_policy, PinnedEnvironment.ToDictionary(p => p.Key, p => System.Environment.GetEnvironmentVariable(p.Key)));
        }
    }

    /// <summary>Sets the policy. Throws <see cref="InvalidOperationException"/> when libtorch has already been loaded
    /// with another policy (its libraries read the variables once; checked on Linux through /proc/self/maps).</summary>
    public static void Apply(CpuKernelPolicy policy)
    {
        lock (Gate)
        {
            if (policy == _policy) return;
            if (LibTorchLoaded())
                throw new InvalidOperationException(
                    $"the CPU kernel policy must be chosen before libtorch is loaded; it is already loaded with the policy '{_policy.ToString().ToLowerInvariant()}'");
            foreach (var (name, pinned) in PinnedEnvironment) SetNative(name, policy == CpuKernelPolicy.Pinned ? pinned : Original[name]);
            _policy = policy;
        }
    }

    // A library module initializer on purpose: the pin must be in place before any code of this assembly can reach
    // libtorch, whichever application (mt, the tests, the benchmarks) loads it.
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "see the comment above")]
    internal static void PinAtLoad()
    {
        lock (Gate)
        {
            foreach (var (name, pinned) in PinnedEnvironment) SetNative(name, pinned);
            _policy = CpuKernelPolicy.Pinned;
        }
    }

    /// <summary>Whether libtorch's CPU library is mapped into this process (Linux; elsewhere false).</summary>
    private static bool LibTorchLoaded()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return false;
        return File.ReadLines(maps).Any(line => line.Contains("libtorch_cpu", StringComparison.Ordinal));
    }

    /// <summary>Sets (or with null removes) a variable in .NET's environment and in the C library's.</summary>
    private static void SetNative(string name, string? value)
    {
        System.Environment.SetEnvironmentVariable(name, value);
        int status;
        if (OperatingSystem.IsWindows()) status = PutEnvWindows(name, value ?? "");
        else status = value is null ? UnsetEnv(name) : SetEnv(name, value, 1);
        if (status != 0) throw new InvalidOperationException($"could not set {name} in the C library's environment (status {status})");
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int UnsetEnv(string name);

    [DllImport("ucrtbase", EntryPoint = "_putenv_s", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int PutEnvWindows(string name, string value);
}
