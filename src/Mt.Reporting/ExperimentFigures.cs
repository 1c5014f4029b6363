using System.Diagnostics;
using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Misfit;
using Mt.Data.Models;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Reporting;

/// <summary>What <see cref="ExperimentFigures.Draw"/> drew and what it skipped, with the reason.</summary>
public sealed record FiguresResult(IReadOnlyList<string> Drawn, IReadOnlyList<(string Figure, string Reason)> Skipped);

/// <summary>
/// The figures of an experiment's results, drawn into <c>figures/</c> from whatever results exist:
/// <list type="bullet">
/// <item><c>comparison.png</c>: true | network | NLCG (half-space start) | hybrid for every test model, from
/// <c>data/test.h5</c>, <c>predictions/test.h5</c> and <c>nlcg/noise-0/{halfspace,hybrid}/sample-IIII/model.json</c>;</item>
/// <item><c>loss.png</c>: from <c>weights/loss.csv</c>;</item>
/// <item><c>pseudo-sections.png</c>: observed data of test model 0 (experiment's first mode) against the forward response
/// of the network's prediction, residuals normalised by the errors of the experiment's inversion error floors;</item>
/// <item><c>error-histogram.png</c>: predicted - true log10 resistivity over all cells, per method.</item>
/// </list>
/// Each PNG has a CSV of its data beside it; both are written atomically. A figure skipped for want of inputs has its
/// older PNG and CSV removed, so that no figure outlives its inputs. Every input is read and checked before anything is
/// drawn; a bad input is a <see cref="DataFileException"/> naming the file.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Figure file names in the figures folder.</summary>
    public const string Comparison = "comparison.png", Loss = "loss.png", PseudoSections = "pseudo-sections.png", ErrorHistogram = "error-histogram.png",
        Uncertainty = "uncertainty.png";

    /// <summary>Test models drawn in the uncertainty figure (the first ones).</summary>
    public const int UncertaintyModels = 4;

    private const string LossHeader = "epoch,train_loss,validation_loss";

    /// <summary>Draws the figures of the results in <paramref name="layout"/>; <paramref name="log"/> gets a line per figure.</summary>
    public static FiguresResult Draw(string experimentName, Experiment experiment, ResultsLayout layout, Action<string>? log = null)
    {

        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(layout);
        log ??= _ => { };
        string figures = layout.FiguresDir;
        string testPath = layout.TestData(0);
        string predictionPath = layout.Prediction(0);
        string lossPath = layout.LossCsv;
        // Every input is read and checked before anything is drawn.
        DataSet? test = File.Exists(testPath) ? DataSetFile.Read(testPath) : null;
        DataSet? predicted = test is not null && File.Exists(predictionPath) ? SameGrid(DataSetFile.Read(predictionPath), test, predictionPath) : null;

        List<EpochLosses>? losses = File.Exists(lossPath) ? ReadLosses(lossPath) : null;
        string ensemblePath = layout.EnsemblePrediction;
        DataSet? ensemble = test is not null && File.Exists(ensemblePath) && File.Exists(layout.EnsembleJson) ? SameGrid(DataSetFile.Read(ensemblePath), test, ensemblePath) : null;
        // Results of every method by test model (null where a method has no result for that model).
        var byMethod = new Dictionary<Method, double[,]?[]>();
        if (test is not null)
        {
            if (predicted is not null)
                byMethod[Method.Network] = Enumerable.Range(0, test.Count).Select(i => (double[,]?)predicted.Sample(i).Log10Resistivity).ToArray();
            foreach ((Method method, NlcgStart start) in new[] { (Method.NlcgHalfspace, NlcgStart.Halfspace), (Method.Hybrid, NlcgStart.Hybrid) })
            {
                double[,]?[] models = Enumerable.Range(0, test.Count).Select(i => ReadNlcg(ResultsLayout.InversionModel(layout.NlcgSample(0, start, i)), test)).ToArray();
                int found = models.Count(m => m is not null);
                if (found > 0)
                    byMethod[method] = models;
                if (found > 0 && found < test.Count)
                    log($"NLCG {start.Folder()}: {found} of {test.Count} test models in {layout.NlcgRuns(0, start)}");
            }
        }
        string? noModels = test is null ? $"no {testPath}" : byMethod.Count == 0 ? $"no {predictionPath} and no NLCG models" : null;

        var drawn = new List<string>();
        var skipped = new List<(string Figure, string Reason)>();
        void Draw(string figure, string? missing, Func<string, string> render)
        {
            string png = Path.Combine(figures, figure);
            if (missing is not null)
            {
                skipped.Add((figure, missing));
                foreach (string old in new[] { png, Path.ChangeExtension(png, ".csv") }.Where(File.Exists))
                    File.Delete(old);
                return;
            }
            Directory.CreateDirectory(figures);
            var clock = Stopwatch.StartNew();
            string csv = render(png);
            log($"wrote {png} and {Path.GetFileName(csv)} ({clock.Elapsed.TotalSeconds:F1} s)");
            drawn.Add(figure);
        }

        // The deep ensemble's calibrated standard deviation per test model (the members' spread times the fitted scale).
        double scale = ensemble is null ? 0 : EnsembleReport.Read(layout.EnsembleJson).Scale;
        double[,,]? spread = ensemble is null ? null : DataSetFile.ReadExtra<double[,,]>(ensemblePath, EnsembleReport.StandardDeviationDataset);
        if (spread is not null && (spread.GetLength(0) != test!.Count || spread.GetLength(1) != test.Nz || spread.GetLength(2) != test.Ny))
            throw new DataFileException(ensemblePath, null, FormattableString.Invariant(
                $"its '{EnsembleReport.StandardDeviationDataset}' dataset is [{spread.GetLength(0)}, {spread.GetLength(1)}, {spread.GetLength(2)}], expected [{test.Count}, {test.Nz}, {test.Ny}] as the test set"));
        double[,] Sd(int i)
        {
            var s = new double[test!.Nz, test.Ny];
            for (int k = 0; k < test.Nz; k++) for (int j = 0; j < test.Ny; j++) s[k, j] = scale * spread![i, k, j];
            return s;
        }

        Draw(Comparison, noModels, png =>
        {
            var rows = Enumerable.Range(0, test!.Count).Select(i => new ComparisonModel($"test {i}", test.Sample(i).Log10Resistivity,
                byMethod.Where(m => m.Value[i] is not null).ToDictionary(m => m.Key, m => m.Value[i]!), spread is null ? null : Sd(i))).ToArray();
            var range = experiment.Data.Geology.ResistivityOhmM;
            return ComparisonFigure.Render(test.YEdgesM, test.ZEdgesM, test.StationsM, rows, png,
                new ComparisonFigureOptions
                {
                    Log10ResistivityRange = new ValueRange(Math.Log10(range.Min), Math.Log10(range.Max)),
                    UncertaintyTitle = string.Create(CultureInfo.InvariantCulture, $"ensemble sd (x {scale:0.00})"),
                });
        });
        Draw(Loss, losses is null ? $"no {lossPath}" : null,
            png => LossCurveFigure.Render(losses!, png, experimentName));
        Draw(PseudoSections, test is null ? $"no {testPath}" : predicted is null ? $"no {predictionPath}" : null,
            png => PseudoSectionFigure.Render(PredictedResponse(experiment, test!, predicted!, log), png));
        Draw(ErrorHistogram, noModels, png => ErrorHistogramFigure.Render(
            Enumerable.Range(0, test!.Count).Select(i => test.Sample(i).Log10Resistivity).ToArray(),
            byMethod.OrderBy(m => m.Key).Select(m => new ErrorSeries(m.Key.Key(), m.Key.Title(), m.Value)).ToArray(), png));

        Draw(Uncertainty, test is null ? $"no {testPath}" : ensemble is null ? $"no deep ensemble ({ensemblePath})" : null, png =>
        {
            var rows = Enumerable.Range(0, Math.Min(UncertaintyModels, test!.Count)).Select(i =>
                new UncertaintyModel($"test {i}", test.Sample(i).Log10Resistivity, ensemble!.Sample(i).Log10Resistivity, Sd(i))).ToArray();
            var range = experiment.Data.Geology.ResistivityOhmM;
            return UncertaintyFigure.Render(test.YEdgesM, test.ZEdgesM, test.StationsM, rows, new ValueRange(Math.Log10(range.Min), Math.Log10(range.Max)), scale, png);
        });

        return new FiguresResult(drawn, skipped);
    }

    /// <summary>The predictions, after checking they are of the test set's size and grid.</summary>
    private static DataSet SameGrid(DataSet predicted, DataSet test, string path)
    {
        if (predicted.Count != test.Count || !predicted.YEdgesM.SequenceEqual(test.YEdgesM) || !predicted.ZEdgesM.SequenceEqual(test.ZEdgesM))
            throw new DataFileException(path, null, $" {predicted.Count} models on a {predicted.Nz} x {predicted.Ny} grid do not match the "
                + $"{test.Count} test models on the {test.Nz} x {test.Ny} grid of data/test.h5");
        return predicted;
    }

    /// <summary>The log10 resistivity of an NLCG model file, or null when there is none; it must be on the test grid.</summary>
    private static double[,]? ReadNlcg(string path, DataSet test)
    {
        if (!File.Exists(path))
            return null;
        ResistivityModel model = ModelFile.Read(path);
        if (!Close(model.YEdgesM, test.YEdgesM) || !Close(model.ZEdgesM, test.ZEdgesM))
            throw new DataFileException(path, null, $"the model's {model.Nz} x {model.Ny} grid is not the {test.Nz} x {test.Ny} grid of the test set");
        return model.Log10();
    }

    private static bool Close(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-6 * Math.Max(1, Math.Abs(p.Second)));

    /// <summary>Reads loss.csv (<c>epoch,train_loss,validation_loss[,seconds]</c>; the validation loss may be empty).</summary>
    public static List<EpochLosses> ReadLosses(string path)
    {
        string[] lines = DataFileException.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (!lines[0].StartsWith(LossHeader, StringComparison.Ordinal))
            throw new DataFileException(path, 1, $"expected the header {LossHeader},seconds");
        var epochs = new List<EpochLosses>();
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
                continue;
            string[] fields = lines[n].Split(',');
            if (fields.Length < 3
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch)
                || !InvariantNumber.TryParseFinite(fields[1], out double train)
                || !(fields[2].Length == 0 || InvariantNumber.TryParseFinite(fields[2], out _)))
                throw new DataFileException(path, n + 1, $"expected epoch,train_loss,validation_loss numbers, got \"{lines[n]}\"");
            double? validation = fields[2].Length == 0 ? null : double.Parse(fields[2], CultureInfo.InvariantCulture);
            epochs.Add(new EpochLosses(epoch, train, validation));
        }
        try
        {
            // The figure's own checks (increasing epochs, positive losses) name the epoch at fault.
            LossCurveFigure.Check(epochs);
            return epochs;
        }
        catch (ArgumentException ex)
        {
            throw new DataFileException(path, null, ex.Message, ex);
        }
    }

    /// <summary>Test model 0 in the experiment's first mode: its observed data and the forward response of the
    /// network's predicted model, with the errors of the inversion's floors.</summary>
    private static PseudoSectionPair PredictedResponse(Experiment experiment, DataSet test, DataSet predicted, Action<string> log)
    {
        Mode mode = experiment.Data.Modes[0];
        int m = SampleData.Modes.ToList().IndexOf(mode);
        DataSample observed = test.Sample(0);
        var model = ResistivityModel.FromLog10(test.YEdgesM, test.ZEdgesM, predicted.Sample(0).Log10Resistivity);
        var clock = Stopwatch.StartNew();
        ForwardResponse response = Forward2D.Compute(model, test.StationsM, test.FrequenciesHz, [mode]);
        log($"forward response of the predicted test model 0 ({mode}): {clock.Elapsed.TotalSeconds:F1} s");
        int nf = test.Nf, ns = test.Ns;
        var obsRho = new double[nf, ns];
        var obsPhase = new double[nf, ns];
        var predRho = new double[nf, ns];
        var predPhase = new double[nf, ns];
        for (int f = 0; f < nf; f++)
            for (int s = 0; s < ns; s++)
            {
                obsRho[f, s] = observed.Log10RhoApp[m, f, s];
                obsPhase[f, s] = observed.PhaseDeg[m, f, s];
                predRho[f, s] = Math.Log10(response.RhoAppOhmM(mode, f, s));
                predPhase[f, s] = response.PhaseDeg(mode, f, s);
            }
        ErrorFloors floors = experiment.Inversion.ErrorFloors;
        DataErrors errors = DataErrors.From(floors.ApparentResistivityFraction, floors.PhaseDeg, 0);
        return new PseudoSectionPair($"test 0, {mode}", test.StationsM, test.FrequenciesHz, obsRho, obsPhase, predRho, predPhase,
            errors.Log10RhoApp, errors.PhaseDeg);
    }
}
