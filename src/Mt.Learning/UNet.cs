using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Mt.Learning;

/// <summary>Shape of a <see cref="UNet"/>.</summary>
/// <param name="InputChannels">2 (log10 apparent resistivity and phase of one mode) or 4 (both modes).</param>
/// <param name="BaseWidth">Channels of the first level; level i has BaseWidth * 2^i (paper: 64, giving 64..1024).</param>
/// <param name="Depth">Number of 2x2 max-pool steps (paper: 4); the grid is padded to a multiple of 2^Depth.</param>
public sealed record UNetOptions(int InputChannels = 2, int BaseWidth = 64, int Depth = 4)
{
    /// <summary>Throws if a field is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Depth, 1);
    }
}

/// <summary>
/// U-Net (Ronneberger et al., 2015) as modified by the method: maps pseudo-sections [B, C, 60, 121]
/// (C = 2 or 4 channels of log10 apparent resistivity and phase) to a model [B, 1, 60, 121] of log10 resistivity.
/// </summary>
/// <remarks>
/// <para>Encoder: per level a double convolution (3x3 conv with padding 1, batch norm, ReLU, twice) with widths
/// base, 2 base, .., 2^Depth base (the last is the bottleneck), and 2x2 max-pooling between levels. Decoder: per level
/// a 2x2 stride-2 transposed convolution halving the width, concatenation with the encoder feature map of the same
/// level (skip first), and a double convolution. A final 1x1 convolution gives one channel.</para>
/// <para>Convolutions followed by batch norm (directly, or through the next double convolution for the transposed
/// convolutions) have no bias: batch norm subtracts the per-channel mean, so such a bias would be redundant and
/// would receive (near) zero gradient. Only the final 1x1 convolution has a bias.</para>
/// <para>Padding: 60 x 121 does not halve Depth = 4 times, so the input is padded to the next multiple of 2^Depth
/// (64 x 128), as evenly as possible on both sides (rows 2 + 2, columns 3 + 4), and the output is cropped back to the
/// input size. Replicate padding is used, not reflect: it extends the edge periods and edge stations as constants,
/// the way the lateral and bottom padding cells of the forward-model mesh extend the edge resistivity, whereas reflect
/// would mirror interior structure (e.g. an anomaly near the edge) into the padding and present it to the network as
/// a second, non-existent feature. Unlike reflect, replicate also works for any pad width.</para>
/// </remarks>
public sealed class UNet : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> encoders = new();
    private readonly ModuleList<Module<Tensor, Tensor>> upsamplers = new();
    private readonly ModuleList<Module<Tensor, Tensor>> decoders = new();
    private readonly MaxPool2d pool;
    private readonly Conv2d head;
    private readonly int depth;

    /// <summary>Builds the network with freshly initialised weights (seed with <see cref="TorchSettings.Seed"/>).</summary>
    public UNet(UNetOptions options) : base(nameof(UNet))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        depth = options.Depth;
        long width = options.BaseWidth;
        long inputs = options.InputChannels;
        for (int level = 0; level <= depth; level++)
        {
            encoders.Add(DoubleConv(inputs, width));
            inputs = width;
            width *= 2;
        }
        for (int level = depth - 1; level >= 0; level--)
        {
            long wide = (long)options.BaseWidth << (level + 1), narrow = (long)options.BaseWidth << level;
            upsamplers.Add(ConvTranspose2d(wide, narrow, kernel_size: 2, stride: 2, bias: false));
            decoders.Add(DoubleConv(2 * narrow, narrow));
        }
        pool = MaxPool2d(kernel_size: 2, stride: 2);
        head = Conv2d(options.BaseWidth, 1, kernel_size: 1);
        RegisterComponents();
    }

    /// <summary>Number of trainable scalars (batch-norm running statistics are buffers and not counted).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>[B, C, H, W] to [B, 1, H, W]; any H, W (60 x 121 for the model grid).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4) throw new ArgumentException($"expected [B, C, H, W], got [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        long height = input.shape[2], width = input.shape[3];
        var (top, bottom) = PadToMultiple(height, 1 << depth);
        var (left, right) = PadToMultiple(width, 1 << depth);
        var x = functional.pad(input, new[] { left, right, top, bottom }, PaddingModes.Replicate);

        var skips = new List<Tensor>(depth);
        for (int level = 0; level < depth; level++)
        {
            x = encoders[level].call(x);
            skips.Add(x);
            x = pool.call(x);
        }
        x = encoders[depth].call(x);
        for (int step = 0; step < depth; step++)
        {
            x = upsamplers[step].call(x);
            x = cat(new[] { skips[depth - 1 - step], x }, dim: 1);
            x = decoders[step].call(x);
        }
        x = head.call(x);
        return x.narrow(2, top, height).narrow(3, left, width).MoveToOuterDisposeScope();
    }

    /// <summary>Padding before and after a dimension of size <paramref name="size"/> to reach a multiple of <paramref name="multiple"/>.</summary>
    public static (long Before, long After) PadToMultiple(long size, long multiple)
    {
        long total = (multiple - size % multiple) % multiple;
        return (total / 2, total - total / 2);
    }

    private static Sequential DoubleConv(long inputs, long outputs) => Sequential(
        ("conv1", Conv2d(inputs, outputs, kernel_size: 3, padding: 1, bias: false)),
        ("bn1", new BatchNorm2dStable(outputs)),
        ("relu1", ReLU()),
        ("conv2", Conv2d(outputs, outputs, kernel_size: 3, padding: 1, bias: false)),
        ("bn2", new BatchNorm2dStable(outputs)),
        ("relu2", ReLU()));
}
