using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mt.Data.IO;
using Mt.Data.Results;
using Mt.Evaluation.Metrics;

namespace Mt.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as metrics.json and as the Markdown results table, atomically.</summary>
public static class ReportWriter
{
    /// <summary>JSON settings of metrics.json (snake_case keys, indented).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new JsonStringEnumConverter<Method>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<NlcgExit>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<AutoPath>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
        },
    };

    /// <summary>Writes metrics.json.</summary>
    public static void WriteJson(string path, EvaluationReport report) =>
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(report, JsonOptions) + "\n"));

    /// <summary>Writes the Markdown page: a table with one row per method and noise level, and what the columns mean.</summary>
    public static void WriteMarkdown(string path, EvaluationReport report, EnsembleReport? ensemble = null) =>
        AtomicFile.WriteText(path, w => w.Write(Markdown(report, ensemble)));

    /// <summary>The Markdown page of <paramref name="report"/> (and of the deep ensemble's calibration when there is one).</summary>
    public static string Markdown(EvaluationReport report, EnsembleReport? ensemble = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Results of the `{report.Experiment}` experiment\n\n");
        text.Append("Each cell: mean ± standard deviation (median) over the test models; `metrics.json` holds every model's values, min and max.\n\n");
        text.Append("| Method | Noise | Models | RMSE (log10 Ω m) | SSIM | Data RMS | Time per model (s) |\n");
        text.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (MethodResult r in report.Results)
        {
            Aggregate a = r.Aggregate;
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Method.Title()} | {r.NoiseLevel * 100:0.#} % | {a.Rmse.Count} | {Cell(a.Rmse, "0.000")} | {Cell(a.Ssim, "0.000")} | {Cell(a.DataRms, "0.00")} | {(a.WallTimeSeconds is { } t ? Cell(t, "0.###") : "not recorded")} |\n");
        }
        text.Append("\nData RMS of the true models against the same data (what a perfect model reaches): ");
        text.Append(string.Join("; ", report.NoiseLevels.Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.NoiseLevel * 100:0.#} % noise {l.TrueModelDataRms.Mean:0.00}"))));
        text.Append(".\n");
        if (report.Missing.Count > 0)
        {
            text.Append("\nNot in the table (not run yet):\n");
            foreach (string m in report.Missing) text.Append(CultureInfo.InvariantCulture, $"- {m}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"""

            **The metrics.** *RMSE* is the root-mean-square difference between a method's log10 resistivity and the true
            model's over every cell of the section (0 is perfect; 1 is a factor of 10). *SSIM* is the structural similarity
            of the two log10-resistivity sections ({report.Ssim.Window} window over the positions where it fits, data range
            L = {report.Ssim.DataRange:0.###} log10 units, K1 = {report.Ssim.K1}, K2 = {report.Ssim.K2}; 1 for identical
            sections). *Data RMS* is the normalised RMS misfit between the responses of a method's model (TE and TM,
            recomputed with the same forward engine for every method) and the observed data of that noise level, under
            standard errors of {string.Join(", ", report.NoiseLevels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Log10RhoAppError:0.####} log10 units and {l.PhaseErrorDeg:0.##}° at {l.NoiseLevel * 100:0.#} %")))}
            (the inversion's error floors, raised to the noise level): about 1 means the model explains the data to
            within their errors; the network never sees this number. *Time* is the wall time to produce one model: the
            network's prediction time per model, or an NLCG run's wall time (for the hybrid without the network's
            prediction, which takes milliseconds). *Auto* checks each prediction against the physics: when the data
            RMS of the prediction is at most {AutoPolicy.TargetMargin:0.##} times the inversion's target RMS, the
            prediction is the answer, otherwise NLCG from it (the hybrid run) is; its time is the sum of the parts it
            ran (prediction, the forward run of the check, NLCG when taken), and `metrics.json` records per model the
            path taken and why.{AutoSummary(report)}

            """);
        if (ensemble is not null) text.Append(EnsembleSection(ensemble));
        return text.ToString();
    }

    /// <summary>The deep ensemble's section: its members, the fitted scale and the coverage before and after it.</summary>
    public static string EnsembleSection(EnsembleReport e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        return string.Create(CultureInfo.InvariantCulture, $"""

            ## Uncertainty: deep ensemble of {e.Members.Count} networks

            Members 0 to {e.Members.Count - 1} share the network and training sections and the validation split; member 0 is
            the network above, the others draw their initialisation, shuffles and augmentation from other seeds. Per cell,
            the ensemble's standard deviation of log10 resistivity is its uncertainty; one scale factor per level, fitted
            on the cells of the {e.ValidationSamples} held-out validation models, calibrates it: the 1-sd scale puts 68.3 %
            of them within one scaled standard deviation of the ensemble mean, the 2-sd scale 95.4 % within two (the errors
            are heavier-tailed than a Gaussian in the spread when the second is the larger). Coverage is the fraction of
            cells whose true value lies within one or two (scaled) standard deviations of the mean (a calibrated
            Gaussian: 68.3 % and 95.4 %).

            | Set | Models | Scale at 1 sd / 2 sd | Within 1 sd | Within 2 sd |
            | --- | ---: | ---: | ---: | ---: |
            | validation, raw | {e.ValidationSamples} | 1 / 1 | {P(e.ValidationRaw.WithinOne)} | {P(e.ValidationRaw.WithinTwo)} |
            | test, raw | {e.TestSamples} | 1 / 1 | {P(e.TestRaw.WithinOne)} | {P(e.TestRaw.WithinTwo)} |
            | test, calibrated | {e.TestSamples} | {e.Scale:0.000} / {e.ScaleTwo:0.000} | {P(e.TestCalibrated.WithinOne)} | {P(e.TestCalibrated.WithinTwo)} |

            Mean standard deviation over the test cells {e.TestMeanStandardDeviation:0.000} log10 units (raw). RMSE of the
            ensemble mean {e.TestRmseMean:0.000} against {e.TestRmseFirstMember:0.000} for member 0 alone (noise-free test
            set, mean over the models). Predictions of all members: {e.PredictionSeconds:0.0} s.

            """);
    }

    /// <summary>How often each path of the automatic method was taken, per noise level (empty without that row).</summary>
    private static string AutoSummary(EvaluationReport report)
    {
        var rows = report.Results.Where(r => r.Method == Method.Auto).Select(r =>
        {
            int nlcg = r.Samples.Count(s => s.Auto?.Path == AutoPath.NetworkThenNlcg);
            return string.Create(CultureInfo.InvariantCulture, $"{r.NoiseLevel * 100:0.#} % noise: {r.Samples.Count - nlcg} of {r.Samples.Count} by the network alone, {nlcg} with NLCG");
        }).ToList();
        return rows.Count == 0 ? "" : " Paths taken: " + string.Join("; ", rows) + ".";
    }

    private static string Cell(Summary s, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {s.Std.ToString(format, CultureInfo.InvariantCulture)} ({s.Median.ToString(format, CultureInfo.InvariantCulture)})");
}
