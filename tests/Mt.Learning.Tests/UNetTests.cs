using Mt.Learning;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

[Collection(TorchTestCollection.Name)]
public sealed class UNetTests
{
    private const int Height = 60, Width = 121;

    [Fact]
    public void TensorOperationRuns()
    {
        // The first torch call loads libLibTorchSharp.so: this fails on Debian 12 without build/TorchSharpNativeFix.targets.
        using var a = ones(2, 3);
        using var b = ones(3, 4);
        using var product = a.matmul(b);
        Assert.Equal(new long[] { 2, 4 }, product.shape);
        Assert.Equal(24f, product.sum().item<float>());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void OutputHasModelGridShape(int channels)
    {
        TorchSettings.Seed(1);
        using var net = new UNet(new UNetOptions(channels, BaseWidth: 4));
        using var input = randn(2, channels, Height, Width);
        using var output = net.call(input);
        Assert.Equal(new long[] { 2, 1, Height, Width }, output.shape);
    }

    [Theory]
    [InlineData(60, 2, 2)]
    [InlineData(121, 3, 4)]
    [InlineData(64, 0, 0)]
    public void PadsToMultipleOf16(long size, long before, long after) =>
        Assert.Equal((before, after), UNet.PadToMultiple(size, 16));

    /// <summary>
    /// Closed form for Depth 4, widths w_l = b 2^l, C input channels; a double conv (in, out) has 9 in out + 9 out^2
    /// conv weights (no bias) and 4 out batch-norm weights and biases.
    /// Encoder level 0: 9Cb + 9b^2 + 4b. Levels 1..4: 9 w_(l-1) w_l + 9 w_l^2 + 4 w_l = 13.5 b^2 4^l + 4b 2^l,
    /// summed: 13.5 * 340 b^2 + 4 * 30 b = 4590 b^2 + 120 b.
    /// Decoder, n = b 2^l for l = 0..3: transposed conv 2n -> n, 2x2, no bias: 8n^2; double conv (2n, n): 27n^2 + 4n;
    /// summed: 35 * 85 b^2 + 4 * 15 b = 2975 b^2 + 60 b. Head 1x1 conv b -> 1 with bias: b + 1.
    /// Total: 7574 b^2 + (9C + 185) b + 1.
    /// </summary>
    private static long ClosedFormParameterCount(long channels, long baseWidth) =>
        7574 * baseWidth * baseWidth + (9 * channels + 185) * baseWidth + 1;

    [Theory]
    [InlineData(2, 64, 31_036_097L)]
    [InlineData(2, 8, 486_361L)]
    [InlineData(4, 8, 486_505L)]
    public void ParameterCountMatchesClosedForm(int channels, int baseWidth, long expected)
    {
        Assert.Equal(expected, ClosedFormParameterCount(channels, baseWidth));
        using var net = new UNet(new UNetOptions(channels, baseWidth));
        Assert.Equal(expected, net.ParameterCount);
    }

    [Fact]
    public void ForwardIsDeterministicForASeed()
    {
        using var first = SeededForward(42);
        using var second = SeededForward(42);
        using var other = SeededForward(43);
        Assert.True(first.equal(second).all().item<bool>());
        Assert.False(first.equal(other).all().item<bool>());
    }

    private static Tensor SeededForward(long seed)
    {
        TorchSettings.Seed(seed);
        using var net = new UNet(new UNetOptions(2, BaseWidth: 4));
        using var input = randn(2, 2, Height, Width);
        return net.call(input);
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        TorchSettings.Seed(3);
        using var net = new UNet(new UNetOptions(2, BaseWidth: 4));
        net.train();
        using var input = randn(2, 2, Height, Width);
        using var target = randn(2, 1, Height, Width);
        // Recomputed when it comes out non-finite, as training does (see TransientNaN).
        var (loss, _, finite) = Mt.Learning.Training.TransientNaN.Run(net, () =>
        {
            net.zero_grad();
            var l = nn.functional.mse_loss(net.call(input), target);
            l.backward();
            return l;
        }, l => Mt.Learning.Training.TransientNaN.IsFinite(l) && Mt.Learning.Training.TransientNaN.GradientsFinite(net));
        Assert.True(finite, "the loss or a gradient stayed non-finite");
        using var _ = loss;
        var parameters = net.named_parameters().ToList();
        Assert.NotEmpty(parameters);
        foreach (var (name, parameter) in parameters)
        {
            using var grad = parameter.grad;
            Assert.True(grad is not null, $"{name} has no gradient");
            Assert.True(grad.abs().sum().item<float>() > 0, $"{name} has an all-zero gradient");
        }
    }
}
