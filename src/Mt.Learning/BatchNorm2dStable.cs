using TorchSharp;
using static TorchSharp.torch;

namespace Mt.Learning;

/// <summary>
/// 2D batch normalisation with the state and numerics of TorchSharp's <c>BatchNorm2d</c> (momentum 0.1, eps 1e-5,
/// affine, running statistics; the same state-dict names: weight, bias, running_mean, running_var, num_batches_tracked,
/// so weights saved by either load into the other), without its crash.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>BatchNorm.forward</c> counts batches with <c>num_batches_tracked.add_(1)</c>, which converts
/// the 1 and an implicit alpha of 1 into two temporary <see cref="Scalar"/>s and passes only their native handles to
/// libtorch; nothing keeps the managed objects alive during the call, so a garbage collection at that moment can
/// finalize them and free the native scalars while libtorch reads them. Measured: the ci training run of a clean clone
/// failed at epoch 16 of 40 with "For integral input tensors, argument alpha must not be a floating point number" (the
/// freed alpha's memory reused by a floating-point scalar), where the same code had passed before. Here the count uses
/// two scalars that live as long as the process, and the normalisation itself is the same
/// <c>functional.batch_norm</c> call with the same arguments.
/// </remarks>
public sealed class BatchNorm2dStable : nn.Module<Tensor, Tensor>
{
    /// <summary>Weight of the running averages' update (TorchSharp's and PyTorch's default).</summary>
    public const double Momentum = 0.1;

    /// <summary>Added to the variance before the square root (the default).</summary>
    public const double Epsilon = 1e-5;

    // Never collected: the count's operands stay valid for every native call that reads them.
    private static readonly Scalar One = 1L.ToScalar();

    // Registered under BatchNorm2d's names, parameters before buffers, in its order.
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly Tensor num_batches_tracked;

    /// <summary>Batch norm over <paramref name="features"/> channels.</summary>
    public BatchNorm2dStable(long features) : base(nameof(BatchNorm2dStable))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        weight = nn.Parameter(ones(features));
        bias = nn.Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = tensor(0L);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        register_buffer(nameof(running_mean), running_mean);
        register_buffer(nameof(running_var), running_var);
        register_buffer(nameof(num_batches_tracked), num_batches_tracked);
    }

    /// <summary>Batches normalised in training mode so far (the state dict's num_batches_tracked).</summary>
    public long BatchesTracked => num_batches_tracked.item<long>();

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4)
            throw new ArgumentException($"batch norm expects a 4D input [batch, channels, height, width], got {input.dim()}D", nameof(input));
        if (training)
            using (no_grad())
                num_batches_tracked.add_(One, One);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
    }
}
