using System.Globalization;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>The losses of one training epoch (mean squared error of log10 resistivity).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss of the epoch.</param>
/// <param name="ValidationLoss">Validation loss after the epoch; null when the run had no validation split.</param>
public sealed record EpochLosses(int Epoch, double TrainLoss, double? ValidationLoss);

/// <summary>
/// Training and validation loss against epoch on a logarithmic loss axis, with the best epoch (lowest validation
/// loss, or lowest training loss without validation) marked by a dashed line and a labelled point.
/// </summary>
public static class LossCurveFigure
{
    /// <summary>The epoch with the lowest validation loss (the lowest training loss when no epoch has one); the first on ties.</summary>
    public static EpochLosses Best(IReadOnlyList<EpochLosses> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0)
            throw new ArgumentException("The loss history holds no epochs.", nameof(epochs));
        bool validated = epochs.Any(e => e.ValidationLoss is not null);
        return epochs.Where(e => !validated || e.ValidationLoss is not null)
            .MinBy(e => validated ? e.ValidationLoss!.Value : e.TrainLoss)!;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the history holds epochs in strictly increasing order with
    /// positive finite losses (what a log axis can show).</summary>
    public static void Check(IReadOnlyList<EpochLosses> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0)
            throw new ArgumentException("The loss history holds no epochs.", nameof(epochs));
        for (int i = 0; i < epochs.Count; i++)
        {
            EpochLosses e = epochs[i] ?? throw new ArgumentException($"epochs[{i}] is null.", nameof(epochs));
            if (i > 0 && e.Epoch <= epochs[i - 1].Epoch)
                throw new ArgumentException($"Epochs must be strictly increasing (epoch {e.Epoch} after {epochs[i - 1].Epoch}).", nameof(epochs));
            if (!(e.TrainLoss > 0) || !double.IsFinite(e.TrainLoss))
                throw new ArgumentException($"The training loss of epoch {e.Epoch} is {e.TrainLoss}; a log axis needs positive finite losses.", nameof(epochs));
            if (e.ValidationLoss is double v && (!(v > 0) || !double.IsFinite(v)))
                throw new ArgumentException($"The validation loss of epoch {e.Epoch} is {v}; a log axis needs positive finite losses.", nameof(epochs));
        }
    }

    /// <summary>
    /// Draws the curves to <paramref name="pngPath"/> (<paramref name="width"/> x <paramref name="height"/> pixels)
    /// and writes <c>epoch,train_loss,validation_loss,best</c> (best is 1 on the best epoch, else 0; a missing
    /// validation loss is empty) beside it as <c>.csv</c>, both atomically.
    /// </summary>
    /// <returns>The path of the CSV file.</returns>
    /// <exception cref="ArgumentException">No epochs, epochs not strictly increasing, or losses that are not positive and finite.</exception>
    public static string Render(IReadOnlyList<EpochLosses> epochs, string pngPath, string title = "Training", int width = 1100, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        Check(epochs);
        if (width < 300 || height < 200)
            throw new ArgumentException($"The image of {width} x {height} pixels is too small.", nameof(width));

        EpochLosses best = Best(epochs);
        bool validated = best.ValidationLoss is not null;
        FigureStyle.UseBundledFont();
        var multiplot = new Multiplot();
        multiplot.AddPlots(1);
        Plot plot = multiplot.GetPlot(0);
        FigureStyle.Panel(plot, $"{title}: loss per epoch", "Epoch", "Mean squared error (log10 \u03C1)\u00B2", new PixelPadding(90, 30, 60, 45));
        plot.Grid.IsVisible = true;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);

        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var train = plot.Add.Scatter(x, epochs.Select(e => Math.Log10(e.TrainLoss)).ToArray(), Colors.C0);
        train.LegendText = "training";
        train.LineWidth = 2;
        train.MarkerSize = epochs.Count > 60 ? 0 : 4;
        var withValidation = epochs.Where(e => e.ValidationLoss is not null).ToArray();
        if (withValidation.Length > 0)
        {
            var validation = plot.Add.Scatter(withValidation.Select(e => (double)e.Epoch).ToArray(),
                withValidation.Select(e => Math.Log10(e.ValidationLoss!.Value)).ToArray(), Colors.C1);
            validation.LegendText = "validation";
            validation.LineWidth = 2;
            validation.MarkerSize = epochs.Count > 60 ? 0 : 4;
        }
        double bestLoss = validated ? best.ValidationLoss!.Value : best.TrainLoss;
        var line = plot.Add.VerticalLine(best.Epoch, 1, Colors.Gray, LinePattern.Dashed);
        line.LegendText = string.Create(CultureInfo.InvariantCulture,
            $"best: epoch {best.Epoch}, {(validated ? "validation" : "training")} {bestLoss:0.####}");
        plot.Add.Marker(best.Epoch, Math.Log10(bestLoss), MarkerShape.OpenCircle, 14, Colors.Black);

        var all = epochs.SelectMany(e => e.ValidationLoss is double v ? new[] { e.TrainLoss, v } : [e.TrainLoss]).ToArray();
        double lo = Math.Log10(all.Min()), hi = Math.Log10(all.Max());
        double pad = Math.Max(0.05, 0.05 * (hi - lo));
        var range = new ValueRange(lo - pad, hi + pad);
        plot.Axes.SetLimitsY(range.Min, range.Max);
        plot.Axes.SetLimitsX(Math.Min(0, x[0]), x[^1] + Math.Max(1, 0.02 * (x[^1] - x[0])));
        plot.Axes.Left.TickGenerator = FigureStyle.Log10Ticks(range);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontName = BundledFonts.FamilyName;
        plot.Legend.FontSize = 13;

        return FigureFile.Save(multiplot, width, height, pngPath, writer =>
        {
            writer.WriteLine("epoch,train_loss,validation_loss,best");
            foreach (EpochLosses e in epochs)
                writer.WriteLine($"{e.Epoch.ToString(CultureInfo.InvariantCulture)},{FigureFile.Number(e.TrainLoss)},{FigureFile.Number(e.ValidationLoss ?? double.NaN)},{(e.Epoch == best.Epoch ? 1 : 0)}");
        });
    }
}
