namespace Mt.Reporting.Tests;

public sealed class LossCurveFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static EpochLosses[] History(int epochs) =>
        Enumerable.Range(1, epochs).Select(e => new EpochLosses(e, 2.0 / e, 1.5 / e + 0.002 * Math.Pow(e - 30, 2) / 30)).ToArray();

    [Fact]
    public void Writes_every_epoch_and_marks_the_lowest_validation_loss()
    {
        EpochLosses[] history = History(50);
        int best = history.MinBy(e => e.ValidationLoss!.Value)!.Epoch;
        string png = Path.Combine(_dir, "loss.png");

        string csv = LossCurveFigure.Render(history, png, "cpu");

        Assert.Equal((1100, 650), FigureFiles.PngSize(png));
        string[] lines = FigureFiles.CsvBeside(png, csv);
        Assert.Equal("epoch,train_loss,validation_loss,best", lines[0]);
        Assert.Equal(51, lines.Length);
        Assert.Equal([1, 2, 1.5 + 0.002 * 29 * 29 / 30, 0], FigureFiles.Numbers(lines[1]));
        Assert.Equal([$"{best},1"], lines.Where(l => l.EndsWith(",1", StringComparison.Ordinal)).Select(l => $"{l.Split(',')[0]},1"));
        Assert.Equal(best, LossCurveFigure.Best(history).Epoch);
        Assert.NotEqual(history.MinBy(e => e.TrainLoss)!.Epoch, best);
    }

    [Fact]
    public void Without_validation_the_best_epoch_is_the_lowest_training_loss_and_the_column_is_empty()
    {
        EpochLosses[] history = [new(1, 0.5, null), new(2, 0.2, null), new(3, 0.3, null)];
        string png = Path.Combine(_dir, "loss.png");

        string[] lines = FigureFiles.CsvBeside(png, LossCurveFigure.Render(history, png));

        Assert.Equal(["epoch,train_loss,validation_loss,best", "1,0.5,,0", "2,0.2,,1", "3,0.3,,0"], lines);
    }

    [Fact]
    public void Empty_unordered_or_non_positive_histories_throw()
    {
        string png = Path.Combine(_dir, "bad.png");
        Assert.Contains("no epochs", Assert.Throws<ArgumentException>(() => LossCurveFigure.Render([], png)).Message);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() =>
            LossCurveFigure.Render([new(2, 1, 1), new(1, 1, 1)], png)).Message);
        Assert.Contains("validation loss of epoch 2 is 0", Assert.Throws<ArgumentException>(() =>
            LossCurveFigure.Render([new(1, 1, 1), new(2, 1, 0)], png)).Message);
        Assert.False(File.Exists(png));
    }
}
