using System.CommandLine;
using Mt.Data.Datasets;
using Mt.Data.Provenance;
using Mt.Data.Results;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt ensemble --weights DIR0,DIR1,... --train TRAIN.h5 --test TEST.h5 --out DIR [--device]</c>: the deep ensemble of
/// the members trained with <c>mt train --member K</c>: fits the scale of its spread on the validation samples that every
/// member held out and measures the coverage (true value within one and two standard deviations) on the test set
/// (<see cref="Ensemble.Calibrate"/>). Writes <c>ensemble.json</c> and <c>ensemble.h5</c> (the test set with the
/// ensemble mean as its log10 resistivity and the standard deviation in the dataset <c>log10_resistivity_sd</c>).
/// </summary>
internal sealed class EnsembleCommand : IVerb
{
    /// <summary>The prediction file in the output folder and its standard-deviation dataset.</summary>
    public const string PredictionFile = "ensemble.h5", StandardDeviationDataset = "log10_resistivity_sd";

    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR0,DIR1,...", Description = "Training folders of the members (at least 2).", Required = true };

    private readonly Option<string> _train = new("--train") { HelpName = "TRAIN.h5", Description = "The members' training data (their held-out samples fit the scale).", Required = true };

    private readonly Option<string> _test = new("--test") { HelpName = "TEST.h5", Description = "Test set (with true models) to measure the coverage on.", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Output folder.", Required = true };

    private readonly Option<string> _device = OptionValues.DeviceOption();

    /// <summary>Creates the verb.</summary>
    public EnsembleCommand()
    {
        Command = new Command("ensemble", "Calibrate a deep ensemble's per-cell spread on held-out samples and measure its coverage on a test set.")
        {
            _weights, _train, _test, _out, _device,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string[] weights = parseResult.GetRequiredValue(_weights).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (weights.Length < 2) throw new UsageException($"{_weights.Name}: an ensemble needs at least 2 training folders, got {weights.Length}");
        foreach (string w in weights) OptionValues.RequireTrainedNetwork(w, _weights.Name);
        string trainPath = parseResult.GetRequiredValue(_train), testPath = parseResult.GetRequiredValue(_test), outDir = parseResult.GetRequiredValue(_out);
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        var recorder = new StageRecorder(Stages.Ensemble, experiment: null);
        EnsembleReport report;
        EnsemblePrediction test;
        try
        {
            (report, test) = Ensemble.Calibrate(weights, trainPath, testPath, device, stdout.WriteLine);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_weights.Name}: {ex.Message}");
        }
        Directory.CreateDirectory(outDir);
        string reportPath = Path.Combine(outDir, EnsembleReport.FileName), predictionPath = Path.Combine(outDir, PredictionFile);
        report.Write(reportPath);
        DataSet data = DataSetFile.Read(testPath);
        DataSetFile.Write(predictionPath, new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, test.Mean, data.Log10RhoApp, data.PhaseDeg,
            data.Attributes with { Extra = new Dictionary<string, string>(data.Attributes.Extra) { [PredictionAttributes.PredictionOf] = testPath, [PredictionAttributes.Weights] = string.Join(",", weights) } }),
            extraDatasets: new Dictionary<string, Array> { [StandardDeviationDataset] = test.StandardDeviation });
        recorder.Finish(outDir, [trainPath, testPath, .. weights.Select(w => Path.Combine(w, TrainingFolder.BestWeights))], [reportPath, predictionPath]);
        stdout.WriteLine(FormattableString.Invariant(
            $"ensemble of {weights.Length}: scale {report.Scale:F3}; test coverage within 1 and 2 sd: raw {report.TestRaw.WithinOne:P1} / {report.TestRaw.WithinTwo:P1}, ") +
            FormattableString.Invariant($"calibrated {report.TestCalibrated.WithinOne:P1} / {report.TestCalibrated.WithinTwo:P1} (ideal 68.3 % / 95.4 %); ") +
            FormattableString.Invariant($"RMSE of the mean {report.TestRmseMean:F4} vs the first member {report.TestRmseFirstMember:F4}; wrote {reportPath} and {predictionPath}"));
        return ExitCode.Ok;
    }
}
