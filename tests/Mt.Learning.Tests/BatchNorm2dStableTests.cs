using static TorchSharp.torch;

namespace Mt.Learning.Tests;

/// <summary>The U-Net's batch norm is TorchSharp's BatchNorm2d without its scalar race: the same outputs, gradients,
/// running statistics and batch count in training and evaluation, and the same state dict (names, order, values), so
/// weights written before the change load unchanged.</summary>
[Collection(TorchTestCollection.Name)]
public class BatchNorm2dStableTests
{
    [Fact]
    public void Matches_BatchNorm2d_bit_for_bit_over_training_steps_and_in_evaluation()
    {
        using var reference = nn.BatchNorm2d(3);
        using var stable = new BatchNorm2dStable(3);
        var generator = new Generator(7);
        for (int step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn([4, 3, 5, 6], generator: generator) * (step + 1) + step;
            var a = x.clone().requires_grad_();
            var b = x.clone().requires_grad_();
            reference.train();
            stable.train();
            var ya = reference.call(a);
            var yb = stable.call(b);
            Assert.True(eq(ya, yb).all().item<bool>(), $"training output differs at step {step}");
            (ya * ya).sum().backward();
            (yb * yb).sum().backward();
            Assert.True(eq(a.grad!, b.grad!).all().item<bool>(), $"input gradient differs at step {step}");
        }
        Assert.Equal(5L, stable.BatchesTracked);

        var expected = reference.state_dict();
        var actual = stable.state_dict();
        Assert.Equal(expected.Keys.ToArray(), actual.Keys.ToArray());
        foreach (var key in expected.Keys)
            Assert.True(eq(expected[key], actual[key]).all().item<bool>(), $"{key} differs");

        reference.eval();
        stable.eval();
        using var probe = randn([2, 3, 5, 6], generator: generator);
        using var ea = reference.call(probe);
        using var eb = stable.call(probe);
        Assert.True(eq(ea, eb).all().item<bool>(), "evaluation output differs");
        Assert.Equal(5L, stable.BatchesTracked); // evaluation does not count
    }

    [Fact]
    public void Loads_weights_saved_from_a_BatchNorm2d()
    {
        using var reference = nn.BatchNorm2d(2);
        reference.train();
        using (var x = randn(3, 2, 4, 4) * 3 + 1) reference.call(x).Dispose();
        string path = Path.Combine(Path.GetTempPath(), $"bn-{Guid.NewGuid():N}.bin");
        try
        {
            reference.save(path);
            using var stable = new BatchNorm2dStable(2);
            stable.load(path);
            foreach (var (key, value) in reference.state_dict())
                Assert.True(eq(value, stable.state_dict()[key]).all().item<bool>(), $"{key} differs after loading");
            Assert.Equal(1L, stable.BatchesTracked);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_wrong_rank_is_a_clear_error()
    {
        using var stable = new BatchNorm2dStable(2);
        using var x = randn(3, 2, 4);
        var e = Assert.Throws<ArgumentException>(() => stable.call(x));
        Assert.Contains("4D", e.Message);
    }
}
