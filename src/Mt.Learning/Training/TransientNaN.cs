using TorchSharp;
using static TorchSharp.torch;

namespace Mt.Learning.Training;

/// <summary>
/// Recomputation of network passes whose results come out non-finite for no reason in their inputs. Measured on an AMD
/// EPYC (Zen 5, AVX-512) with libtorch 2.10: the input gradient of a 3x3 convolution (8 to 4 channels on a 4 x 6 grid,
/// batch 3) was non-finite in 6 of 200 backward passes with the same weights and random inputs, under every kernel
/// policy (pinned AVX2, SSE4.1, ATen without vectorisation); repeating a pass on the same inputs gave a finite result,
/// and every finite result was bitwise equal to every other (200 of 200 pairs). That is the signature of a kernel that
/// multiplies an uninitialised buffer by zero (0 x NaN = NaN, 0 x finite = 0): the fault shows only as NaN, and a
/// recomputed pass is the correct, deterministic one. A pass whose outputs (and, when training, loss and gradients) are
/// not finite is therefore run again on the same inputs, with the batch-norm statistics it changed restored, up to
/// <see cref="MaxAttempts"/> times; a pass that stays non-finite is a real divergence and is reported as one.
/// </summary>
public static class TransientNaN
{
    /// <summary>Attempts of one pass before its non-finite result counts as real.</summary>
    public const int MaxAttempts = 4;

    /// <summary>Runs <paramref name="pass"/> until <paramref name="finite"/> holds (at most <see cref="MaxAttempts"/>
    /// times), restoring <paramref name="net"/>'s buffers (batch-norm running statistics) before each repeat; returns
    /// the last result and the number of repeats, and whether it ended finite.</summary>
    public static (T Result, int Repeats, bool Finite) Run<T>(nn.Module net, Func<T> pass, Func<T, bool> finite)
    {
        ArgumentNullException.ThrowIfNull(net);
        var buffers = net.buffers().ToList();
        var saved = buffers.Select(b => b.detach().clone()).ToList();
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                T result = pass();
                if (finite(result)) return (result, attempt - 1, true);
                if (attempt == MaxAttempts) return (result, attempt - 1, false);
                using (no_grad())
                    for (int i = 0; i < buffers.Count; i++) buffers[i].copy_(saved[i]);
            }
        }
        finally
        {
            foreach (var s in saved) s.Dispose();
        }
    }

    /// <summary>Whether every entry of <paramref name="tensor"/> is finite.</summary>
    public static bool IsFinite(Tensor tensor) => isfinite(tensor).all().item<bool>();

    /// <summary>Whether every gradient of <paramref name="net"/>'s parameters is finite (one reduction, one sync).</summary>
    public static bool GradientsFinite(nn.Module net)
    {
        var grads = net.parameters().Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return true;
        using var sums = stack(grads.Select(g => g.sum()).ToArray());
        return IsFinite(sums);
    }
}
