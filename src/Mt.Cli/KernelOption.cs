using System.CommandLine;
using Mt.Learning;

namespace Mt.Cli;

/// <summary>The <c>--fast-kernels</c> flag of the verbs that run the network: lifts the CPU kernel pin
/// (<see cref="CpuKernels"/>) for speed, at the price of numbers that depend on the machine.</summary>
internal static class KernelOption
{
    /// <summary>A new instance of the flag.</summary>
    public static Option<bool> Create() => new("--fast-kernels")
    {
        Description = $"Let libtorch use the widest instruction set of this CPU instead of the pinned {CpuKernels.PinnedLevel} kernels "
            + "(faster on some machines; trained and predicted numbers then depend on the CPU).",
    };

    /// <summary>Applies the policy the flag asks for; must run before the verb's first torch call.</summary>
    public static CpuKernelStatus Apply(ParseResult parseResult, Option<bool> flag)
    {
        CpuKernels.Apply(parseResult.GetValue(flag) ? CpuKernelPolicy.Fast : CpuKernelPolicy.Pinned);
        return CpuKernels.Status;
    }
}
