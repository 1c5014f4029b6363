using System.CommandLine;
using Mt.Data.Results;
using Mt.Learning.Training;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt ensemble [--experiment EXP.json] --weights DIR0[,DIR1,...] --train TRAIN.h5 --test TEST.h5 --out DIR [--device]
/// [--threads N]</c>: the deep ensemble. With <c>--experiment</c>, DIR0 is the experiment's network and members 1 to
/// <c>ensemble.members</c> - 1 are trained into <c>DIR/member-K</c> (resumable; an experiment without an ensemble writes
/// nothing and says so); without it, the members are the folders given (<c>mt train --member K</c>). Then it fits the scale of its spread on the validation samples that every
/// member held out and measures the coverage (true value within one and two standard deviations) on the test set
/// (<see cref="Ensemble.Calibrate"/>). Writes <c>ensemble.json</c> and <c>ensemble.h5</c> (the test set with the
/// ensemble mean as its log10 resistivity and the standard deviation in the dataset <c>log10_resistivity_sd</c>).
/// </summary>
internal sealed class EnsembleCommand : IVerb
{
    private readonly Option<string> _weights = new("--weights") { HelpName = "DIR0,DIR1,...", Description = "Training folders of the members (at least 2).", Required = true };

    private readonly Option<string> _train = new("--train") { HelpName = "TRAIN.h5", Description = "The members' training data (their held-out samples fit the scale).", Required = true };

    private readonly Option<string> _test = new("--test") { HelpName = "TEST.h5", Description = "Test set (with true models) to measure the coverage on.", Required = true };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Output folder.", Required = true };

    private readonly Option<string> _device = OptionValues.DeviceOption();

    private readonly Option<bool> _fastKernels = KernelOption.Create();

    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment whose ensemble.members to train beside the network of --weights." };

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "libtorch threads (default: the experiment's training.threads, else libtorch's)." };

    /// <summary>Creates the verb.</summary>
    public EnsembleCommand()
    {
        Command = new Command("ensemble", "Calibrate a deep ensemble's per-cell spread on held-out samples and measure its coverage on a test set.")
        {
            _experiment, _weights, _train, _test, _out, _device, _threads, _fastKernels,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        KernelOption.Apply(parseResult, _fastKernels);
        string[] weights = parseResult.GetRequiredValue(_weights).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? experimentPath = parseResult.GetValue(_experiment);
        Mt.Data.Experiments.Experiment? experiment = experimentPath is null ? null : OptionValues.Experiment(experimentPath);
        if (experiment is null && weights.Length < 2) throw new UsageException($"{_weights.Name}: an ensemble needs at least 2 training folders, got {weights.Length}");
        if (experiment is not null && weights.Length != 1) throw new UsageException($"{_weights.Name}: with {_experiment.Name}, give the experiment's network alone (the other members are trained)");
        foreach (string w in weights) OptionValues.RequireTrainedNetwork(w, _weights.Name);
        string trainPath = parseResult.GetRequiredValue(_train), testPath = parseResult.GetRequiredValue(_test), outDir = parseResult.GetRequiredValue(_out);
        if (File.Exists(outDir)) throw new UsageException($"{_out.Name}: {outDir} is a file, expected a folder");
        if ((parseResult.GetValue(_threads) ?? experiment?.Training.Threads) is int threads) OptionValues.SetTorchThreads(threads, _threads.Name);
        var device = OptionValues.Device(parseResult.GetRequiredValue(_device), _device.Name);
        EnsembleReport? report;
        try
        {
            report = EnsembleStage.Run(experimentPath, experiment, weights, trainPath, testPath, outDir, device, stdout.WriteLine);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{_weights.Name}: {ex.Message}");
        }
        if (report is null)
        {
            stdout.WriteLine($"no ensemble: {experimentPath} has ensemble.members {experiment!.Ensemble.Members}");
            return ExitCode.Ok;
        }
        string reportPath = Path.Combine(outDir, EnsembleReport.FileName), predictionPath = Path.Combine(outDir, EnsembleReport.PredictionFile);
        stdout.WriteLine(FormattableString.Invariant(
            $"ensemble of {report.Members.Count}: scales {report.Scale:F3} (1 sd) / {report.ScaleTwo:F3} (2 sd); test coverage within 1 and 2 sd: raw {report.TestRaw.WithinOne:P1} / {report.TestRaw.WithinTwo:P1}, ") +
            FormattableString.Invariant($"calibrated {report.TestCalibrated.WithinOne:P1} / {report.TestCalibrated.WithinTwo:P1} (ideal 68.3 % / 95.4 %); ") +
            FormattableString.Invariant($"RMSE of the mean {report.TestRmseMean:F4} vs the first member {report.TestRmseFirstMember:F4}; wrote {reportPath} and {predictionPath}"));
        return ExitCode.Ok;
    }
}
