using Mt.Data.Provenance;
using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.Datasets;
using Mt.Reporting;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt training-set-figure --data train.h5 [--samples 4] [--mode TE|TM] --out FIGURE.png</c>: the paper's
/// training-set figure — the first N models of a data set (each drawn from its own seed, so a random choice) with their
/// apparent-resistivity and phase pseudo-sections of one mode; a CSV of the plotted values is written beside the PNG.
/// </summary>
internal sealed class TrainingSetFigureCommand : IVerb
{
    private readonly Option<string> _data = new("--data") { HelpName = "FILE.h5", Description = "Data set (mt generate).", Required = true };

    private readonly Option<int> _samples = new("--samples") { Description = "How many models (default 4).", DefaultValueFactory = _ => 4 };

    private readonly Option<string> _mode = new("--mode") { HelpName = "TE|TM", Description = "Mode of the pseudo-sections (default TE).", DefaultValueFactory = _ => "TE" };

    private readonly Option<string> _out = new("--out") { HelpName = "FIGURE.png", Description = "PNG to write.", Required = true };

    /// <summary>Creates the verb.</summary>
    public TrainingSetFigureCommand()
    {
        Command = new Command("training-set-figure", "Draw models of a data set with their pseudo-sections (PNG and CSV).")
        {
            _data, _samples, _mode, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string dataPath = parseResult.GetRequiredValue(_data);
        int count = parseResult.GetValue(_samples);
        int mode = parseResult.GetRequiredValue(_mode).ToUpperInvariant() switch
        {
            "TE" => 0,
            "TM" => 1,
            var other => throw new UsageException($"{_mode.Name}: unknown mode \"{other}\", expected TE or TM"),
        };
        string outPath = OptionValues.OutputFileInNewFolder(parseResult.GetRequiredValue(_out), _out.Name);
        int available = DataSetFile.Count(dataPath);
        if (count < 1 || count > available)
            throw new UsageException($"{_samples.Name}: {count} is not in 1..{available} (the samples of {dataPath})");

        var recorder = new StageRecorder(Stages.TrainingSetFigure, experiment: null);
        var data = DataSetFile.Read(dataPath);
        var samples = new List<FigureSample>();
        for (int i = 0; i < count; i++)
        {
            var sample = data.Sample(i);
            var rho = new double[data.Nf, data.Ns];
            var phase = new double[data.Nf, data.Ns];
            for (int f = 0; f < data.Nf; f++)
                for (int s = 0; s < data.Ns; s++)
                {
                    rho[f, s] = sample.Log10RhoApp[mode, f, s];
                    phase[f, s] = sample.PhaseDeg[mode, f, s];
                }
            samples.Add(new FigureSample($"{data.Attributes.SplitText} model {i}", data.YEdgesM, data.ZEdgesM, sample.Log10Resistivity,
                data.StationsM, data.FrequenciesHz, rho, phase));
        }
        // The paper's colour scale: 5 to 5000 ohm-m for the models.
        string csv = TrainingSetFigure.Render(samples, outPath, new TrainingSetFigureOptions { Log10ResistivityRange = new ValueRange(Math.Log10(5), Math.Log10(5000)) });
        stdout.WriteLine($"wrote {outPath} and {csv}");
        recorder.Finish(outPath, [dataPath], [outPath, Path.ChangeExtension(outPath, ".csv")]);
        return ExitCode.Ok;
    }
}
