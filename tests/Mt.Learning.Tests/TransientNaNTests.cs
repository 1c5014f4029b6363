using Mt.Learning.Training;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

/// <summary>Recomputation of non-finite passes: the batch-norm statistics a failed pass changed are restored before the
/// repeat, a pass that stays non-finite is reported as such, and a finite first pass is not repeated.</summary>
[Collection(TorchTestCollection.Name)]
public class TransientNaNTests
{
    [Fact]
    public void A_failed_pass_is_repeated_with_the_batch_norm_statistics_restored()
    {
        using var bn = nn.BatchNorm2d(2);
        bn.train();
        using var x = randn(3, 2, 4, 5);
        using var before = bn.running_mean!.clone();
        int calls = 0;

        var (result, repeats, finite) = TransientNaN.Run(bn, () =>
        {
            calls++;
            var y = bn.call(x);
            return calls < 3 ? y * double.NaN : y; // two transient faults, then a finite pass
        }, TransientNaN.IsFinite);

        Assert.True(finite);
        Assert.Equal(2, repeats);
        // The running mean moved once (by the third pass alone), not three times.
        using var once = before * 0.9 + x.mean([0L, 2L, 3L]) * 0.1;
        Assert.True(allclose(bn.running_mean!, once, rtol: 1e-5, atol: 1e-6), "the statistics of the failed passes were not restored");
        result.Dispose();
    }

    [Fact]
    public void A_pass_that_stays_non_finite_is_reported_after_the_last_attempt()
    {
        using var bn = nn.BatchNorm2d(1);
        int calls = 0;

        var (_, repeats, finite) = TransientNaN.Run(bn, () => { calls++; return tensor(double.PositiveInfinity); }, TransientNaN.IsFinite);

        Assert.False(finite);
        Assert.Equal(TransientNaN.MaxAttempts, calls);
        Assert.Equal(TransientNaN.MaxAttempts - 1, repeats);
    }
}
