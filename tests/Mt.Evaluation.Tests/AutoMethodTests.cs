using Mt.Data.Experiments;
using Mt.Data.Results;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation.Tests;

/// <summary>The automatic method: the network's prediction when its data misfit is within 1.1 times the target, NLCG
/// from it (the hybrid run) otherwise, with the path, the reason and the time of each part recorded.</summary>
public sealed class AutoMethodTests : IDisposable
{
    private readonly ResultsFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static SampleMetrics Sample(int index, double rmse, double dataRms, double seconds) => new(index, rmse, 0.9, dataRms, seconds);

    [Fact]
    public void AcceptsUpToTheMarginOverTheTargetAndRejectsAbove()
    {
        var auto = AutoPolicy.ForTarget(1);
        Assert.Equal(1.1, auto.AcceptRms, 12);
        Assert.Equal(AutoPath.Network, auto.Decide(1.1).Path);
        Assert.Equal(AutoPath.NetworkThenNlcg, auto.Decide(1.1000001).Path);
        Assert.Contains("1.5", auto.Decide(1.5).Reason, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => auto.Decide(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoPolicy.ForTarget(0));
    }

    [Fact]
    public void TakesEachModelsPathAndAddsTheTimesOfThePartsItRan()
    {
        var network = new MethodResult(Method.NetworkOnInverted, 0, [Sample(0, 0.3, 0.9, 0.02), Sample(1, 0.5, 4.0, 0.02)]);
        var hybrid = new MethodResult(Method.Hybrid, 0, [Sample(0, 0.25, 1.0, 30), Sample(1, 0.2, 1.05, 40)]);

        MethodResult auto = AutoMethod.Combine(AutoPolicy.ForTarget(1), network, hybrid, [0.5, 0.6])!;

        Assert.Equal(Method.Auto, auto.Method);
        // Model 0: the prediction fits (0.9 <= 1.1): the network's model, not the hybrid's, and no NLCG time.
        Assert.Equal(0.3, auto.Samples[0].Rmse);
        Assert.Equal(0.52, auto.Samples[0].WallTimeSeconds!.Value, 12);
        Assert.Equal(new AutoDetails(AutoPath.Network, auto.Samples[0].Auto!.Reason, 0.9, 1.1, 0.02, 0.5, null), auto.Samples[0].Auto);
        // Model 1: it does not (4 > 1.1): the hybrid's model, after the prediction and the check.
        Assert.Equal(0.2, auto.Samples[1].Rmse);
        Assert.Equal(1.05, auto.Samples[1].DataRms);
        Assert.Equal(40.62, auto.Samples[1].WallTimeSeconds!.Value, 12);
        Assert.Equal(AutoPath.NetworkThenNlcg, auto.Samples[1].Auto!.Path);
        Assert.Equal(40, auto.Samples[1].Auto!.NlcgSeconds);
    }

    [Fact]
    public void AModelThatNeedsNlcgWithoutAHybridRunIsLeftOut()
    {
        var network = new MethodResult(Method.Network, 0, [Sample(0, 0.3, 0.9, 0.02), Sample(1, 0.5, 4.0, 0.02)]);
        Assert.Single(AutoMethod.Combine(AutoPolicy.ForTarget(1), network, null, [0.1, 0.1])!.Samples);
        Assert.Null(AutoMethod.Combine(AutoPolicy.ForTarget(1), new MethodResult(Method.Network, 0, [Sample(1, 0.5, 4.0, 0.02)]), null, [0.1]));
        Assert.Throws<ArgumentException>(() => AutoMethod.Combine(AutoPolicy.ForTarget(1), network, null, [0.1]));
    }

    /// <summary>The fixture's predictions are 0.1 log10 units off (data RMS above 1.1 on the clean data): with hybrid
    /// runs, auto takes the NLCG path on every model and reports the hybrid's models.</summary>
    [Fact]
    public void TheEvaluationTakesTheNlcgPathWhenThePredictionMisfitsTheData()
    {
        for (int i = 0; i < ResultsFixture.Samples; i++) _fixture.WriteNlcgRun(0, NlcgStart.Hybrid, i, _fixture.Truth.Sample(i).Log10Resistivity, 10 + i);

        EvaluationReport report = Evaluator.Run("tiny", ExperimentLoader.Load(_fixture.ExperimentPath), _fixture.Layout);

        MethodResult auto = Assert.Single(report.Results, r => r.Method == Method.Auto);
        Assert.Equal(0, auto.NoiseLevel);
        Assert.All(auto.Samples, s => Assert.Equal(AutoPath.NetworkThenNlcg, s.Auto!.Path));
        Assert.All(auto.Samples, s => Assert.Equal(0, s.Rmse));
        Assert.All(auto.Samples, s => Assert.True(s.WallTimeSeconds > 10 + s.Index + 0.015, $"time {s.WallTimeSeconds}"));
        Assert.Contains(report.Missing, m => m.StartsWith("auto at noise 0.02", StringComparison.Ordinal));
        Assert.Contains("0 of 3 by the network alone, 3 with NLCG", ReportWriter.Markdown(report), StringComparison.Ordinal);
    }

    /// <summary>Predictions equal to the true models fit the clean data: auto takes the network's path and needs no
    /// NLCG run at all.</summary>
    [Fact]
    public void TheEvaluationKeepsThePredictionWhenItFitsTheData()
    {
        ResultsFixture.WritePrediction(_fixture.Layout.Prediction(0), _fixture.Truth, offset: 0);

        EvaluationReport report = Evaluator.Run("tiny", ExperimentLoader.Load(_fixture.ExperimentPath), _fixture.Layout);

        MethodResult auto = Assert.Single(report.Results, r => r.Method == Method.Auto && r.NoiseLevel == 0);
        Assert.Equal(ResultsFixture.Samples, auto.Samples.Count);
        Assert.All(auto.Samples, s => Assert.Equal(AutoPath.Network, s.Auto!.Path));
        Assert.All(auto.Samples, s => Assert.Null(s.Auto!.NlcgSeconds));
        Assert.All(auto.Samples, s => Assert.True(s.Auto!.CheckSeconds > 0));
    }
}
