using Mt.Data.Results;
using Mt.Learning.Training;

namespace Mt.Learning.Tests;

/// <summary>The deep ensemble's statistics and calibration on numbers whose answer is known.</summary>
public sealed class EnsembleTests
{
    [Fact]
    public void MeanAndStandardDeviationArePerCellWithDivisorMembersMinusOne()
    {
        double[,,] a = { { { 1, 2 } } }, b = { { { 3, 2 } } }, c = { { { 5, 2 } } };
        var (mean, sd) = Ensemble.Statistics([a, b, c]);
        Assert.Equal(3, mean[0, 0, 0], 12);
        Assert.Equal(2, sd[0, 0, 0], 12);
        Assert.Equal(2, mean[0, 0, 1], 12);
        Assert.Equal(0, sd[0, 0, 1], 12);
        Assert.Throws<ArgumentException>(() => Ensemble.Statistics([a]));
    }

    /// <summary>An ensemble whose errors are twice its spread covers 38 % / 68 % of the cells within one and two
    /// standard deviations; the scale fitted on one half of the cells is 2, and the scaled spread covers 68.3 % / 95.4 %
    /// of the other half.</summary>
    [Fact]
    public void AnOverconfidentSpreadIsScaledToItsErrors()
    {
        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        (double[,,] Mean, double[,,] Sd, double[,,] Truth) Cells(int n)
        {
            var mean = new double[1, n, 1];
            var sd = new double[1, n, 1];
            var truth = new double[1, n, 1];
            for (int i = 0; i < n; i++)
            {
                truth[0, i, 0] = 2 * random.NextDouble();
                sd[0, i, 0] = 0.05 + 0.2 * random.NextDouble();
                mean[0, i, 0] = truth[0, i, 0] + 2 * sd[0, i, 0] * Normal();
            }
            return (mean, sd, truth);
        }
        var fit = Cells(40000);
        double[] zFit = Ensemble.StandardisedErrors(fit.Mean, fit.Sd, fit.Truth);
        Coverage raw = Ensemble.CoverageOf(zFit);
        Assert.InRange(raw.WithinOne, 0.36, 0.40);
        Assert.InRange(raw.WithinTwo, 0.66, 0.70);
        double scale = Ensemble.FitScale(zFit);
        Assert.InRange(scale, 1.95, 2.05);
        double scaleTwo = Ensemble.FitScaleTwo(zFit);
        Assert.InRange(scaleTwo, 1.95, 2.05); // Gaussian errors: the levels agree

        var check = Cells(40000);
        Coverage calibrated = Ensemble.CoverageOf(Ensemble.StandardisedErrors(check.Mean, check.Sd, check.Truth), scale, scaleTwo);
        Assert.InRange(calibrated.WithinOne, 0.673, 0.693);
        Assert.InRange(calibrated.WithinTwo, 0.947, 0.961);
    }

    /// <summary>On z = 0, 1, ..., 100 the p quantile is 100 p: the 1-sd scale is 68.269 and the 2-sd scale half of
    /// 95.450; the calibrated coverage counts z up to each level's own scaled bound (0..68 and 0..95 of 101 cells).</summary>
    [Fact]
    public void EachLevelHasItsOwnScale()
    {
        double[] z = [.. Enumerable.Range(0, 101).Select(i => (double)i).Reverse()];
        Assert.Equal(68.26894921370859, Ensemble.FitScale(z), 10);
        Assert.Equal(47.72498680518208, Ensemble.FitScaleTwo(z), 10);
        Coverage calibrated = Ensemble.CoverageOf(z, Ensemble.FitScale(z), Ensemble.FitScaleTwo(z));
        Assert.Equal(69 / 101.0, calibrated.WithinOne, 12);
        Assert.Equal(96 / 101.0, calibrated.WithinTwo, 12);
        // One scale for both levels (the default) counts z up to 2 x 68.27 at two sd: every cell.
        Assert.Equal(1, Ensemble.CoverageOf(z, Ensemble.FitScale(z)).WithinTwo, 12);
    }

    /// <summary>Heavy tails: 90 cells at z = 1 and 10 at z = 10. The 0.683 quantile is 1 (scale 1), the 0.954 quantile
    /// interpolates between order statistics 94 and 95 (both 10), so the 2-sd scale is 5: one scale of 1 would cover only
    /// 90 % within two sd, the 2-sd scale covers all.</summary>
    [Fact]
    public void HeavyTailsWidenTheTwoSdScale()
    {
        double[] z = [.. Enumerable.Repeat(1.0, 90), .. Enumerable.Repeat(10.0, 10)];
        Assert.Equal(1, Ensemble.FitScale(z), 12);
        Assert.Equal(5, Ensemble.FitScaleTwo(z), 12);
        Assert.Equal(0.9, Ensemble.CoverageOf(z, 1).WithinTwo, 12);
        Assert.Equal(1, Ensemble.CoverageOf(z, 1, 5).WithinTwo, 12);
    }

    /// <summary>A tenth of the cells where the members agree exactly and miss: the 1-sd scale is finite, the 2-sd one is
    /// not, and its fit says which level failed.</summary>
    [Fact]
    public void ADegenerateTwoSdTailIsRefusedByLevel()
    {
        double[] z = [.. Enumerable.Repeat(1.0, 90), .. Enumerable.Repeat(double.PositiveInfinity, 10)];
        Assert.Equal(1, Ensemble.FitScale(z), 12);
        var ex = Assert.Throws<ArgumentException>(() => Ensemble.FitScaleTwo(z));
        Assert.Contains("at 2 sd", ex.Message, StringComparison.Ordinal);
        Assert.Contains("100 cells", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ensemble.FitScaleTwo([]));
    }

    [Fact]
    public void MembersThatAgreeExactlyButMissCannotBeCalibrated()
    {
        double[,,] mean = { { { 1, 1, 1 } } }, sd = { { { 0, 0, 0 } } }, truth = { { { 2, 2, 2 } } };
        double[] z = Ensemble.StandardisedErrors(mean, sd, truth);
        Assert.All(z, v => Assert.True(double.IsPositiveInfinity(v)));
        Assert.Throws<ArgumentException>(() => Ensemble.FitScale(z));
        Assert.Throws<ArgumentException>(() => Ensemble.FitScaleTwo(z));
    }

    /// <summary>Member 0 is the experiment's run (same seed, same resume key as before members existed); member k draws
    /// another run seed (the split is tested in <see cref="TrainingTests"/>).</summary>
    [Fact]
    public void MembersShareTheSplitAndDifferInTheirRunSeed()
    {
        var options = new TrainingOptions(new UNetOptions(2, 2, 2), 2, 3, 1e-3, 0.2, 1, 0, 0, Seed: 42);
        Assert.Equal(42, options.RunSeed);
        var member = options with { Member = 3 };
        Assert.NotEqual(42, member.RunSeed);
        Assert.NotEqual((options with { Member = 4 }).RunSeed, member.RunSeed);
        Assert.DoesNotContain("member", options.ResumeKey(), StringComparison.Ordinal);
        Assert.Contains("member=3", member.ResumeKey(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => (options with { Member = -1 }).Validate());
    }
}
