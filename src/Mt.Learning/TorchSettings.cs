using static TorchSharp.torch;

namespace Mt.Learning;

/// <summary>Process-wide libtorch settings: intra-op threads, device choice and seeding.</summary>
public static class TorchSettings
{
    /// <summary>Sets libtorch's intra-op thread count (torch.set_num_threads).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        set_num_threads(threads);
    }

    /// <summary>
    /// Device from "cpu", "cuda" or "auto" (cuda if torch.cuda.is_available(), else cpu). "cuda" without a usable
    /// CUDA device throws; note that the default TorchFlavour (cpu) never has one.
    /// </summary>
    public static Device ResolveDevice(string choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Trim().ToLowerInvariant() switch
        {
            "cpu" => CPU,
            "cuda" => cuda.is_available() ? CUDA
                : throw new InvalidOperationException("device 'cuda' requested but torch.cuda.is_available() is false (build with -p:TorchFlavour=cuda on a machine with a GPU)"),
            "auto" => cuda.is_available() ? CUDA : CPU,
            _ => throw new ArgumentException($"device must be cpu, cuda or auto, not '{choice}'", nameof(choice)),
        };
    }

    /// <summary>Seeds libtorch's generators (torch.manual_seed), which also drive weight initialisation.</summary>
    public static void Seed(long seed) => manual_seed(seed);
}
