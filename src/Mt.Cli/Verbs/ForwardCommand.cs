using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt forward --model MODEL.json --stations Y1,... (--periods T1,... | --frequencies F1,...) [--modes TE,TM] --out RESPONSE.csv</c>:
/// computes the 2D response of a resistivity model and writes it as a response CSV (see <see cref="ResponseCsv"/>).
/// </summary>
internal sealed class ForwardCommand : IVerb
{
    private readonly Option<string> _model = new("--model")
    {
        HelpName = "MODEL.json",
        Description = "Resistivity model JSON (y_edges_m, z_edges_m, resistivity_ohm_m).",
        Required = true,
    };

    private readonly Option<string> _stations = new("--stations")
    {
        HelpName = "Y1,Y2,...",
        Description = "Comma-separated lateral station positions in metres, inside the model's lateral extent.",
        Required = true,
    };

    private readonly Option<string> _periods = new("--periods")
    {
        HelpName = "T1,T2,...",
        Description = "Comma-separated periods in seconds (give this or --frequencies).",
    };

    private readonly Option<string> _frequencies = new("--frequencies")
    {
        HelpName = "F1,F2,...",
        Description = "Comma-separated frequencies in Hz (give this or --periods).",
    };

    private readonly Option<string> _modes = new("--modes")
    {
        HelpName = "TE,TM",
        Description = $"Comma-separated modes ({ModeText.Names}).",
        DefaultValueFactory = _ => "TE,TM",
    };

    private readonly Option<string> _out = new("--out")
    {
        HelpName = "RESPONSE.csv",
        Description = "Response CSV to write (its folder must exist).",
        Required = true,
    };

    private readonly ForwardSolver _solve;

    /// <summary>Computes the response of a model; <see cref="Forward2D.Compute"/> except in tests.</summary>
    internal delegate ForwardResponse ForwardSolver(ResistivityModel model, double[] stationsM, double[] frequenciesHz,
        IReadOnlyList<Mode> modes, ForwardOptions? options);

    /// <summary>Creates the verb with the 2D solver.</summary>
    public ForwardCommand()
        : this(Forward2D.Compute)
    {
    }

    /// <summary>Creates the verb with another solver.</summary>
    internal ForwardCommand(ForwardSolver solve)
    {
        _solve = solve;
        Command = new Command("forward", "Compute the TE/TM response of a resistivity model at stations and periods.")
        {
            _model, _stations, _periods, _frequencies, _modes, _out,
        };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        double[] stationsM = OptionValues.Numbers(parseResult.GetRequiredValue(_stations), _stations.Name);
        double[] frequenciesHz = ReadFrequenciesHz(parseResult);
        Mode[] modes = OptionValues.Modes(parseResult.GetRequiredValue(_modes), _modes.Name);
        string outPath = OptionValues.OutputFile(parseResult.GetRequiredValue(_out), _out.Name);
        string modelPath = parseResult.GetRequiredValue(_model);
        ResistivityModel model = ModelFile.Read(modelPath);
        OptionValues.StationsInside(stationsM, model, modelPath, _stations.Name);

        ForwardResponse response = _solve(model, stationsM, frequenciesHz, modes, ForwardOptions.Default);
        IReadOnlyList<ResponseRow> rows = ResponseCsv.FromForward(response, modes);
        try
        {
            ResponseCsv.Write(outPath, rows);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{_out.Name}: cannot write {outPath}: {ex.Message}");
        }
        return ExitCode.Ok;
    }

    private double[] ReadFrequenciesHz(ParseResult parseResult)
    {
        string? periods = parseResult.GetValue(_periods);
        string? frequencies = parseResult.GetValue(_frequencies);
        return (periods, frequencies) switch
        {
            (null, null) => throw new UsageException($"give one of {_periods.Name} and {_frequencies.Name}"),
            (not null, not null) => throw new UsageException($"give only one of {_periods.Name} and {_frequencies.Name}, not both"),
            (not null, null) => OptionValues.PositiveNumbers(periods, _periods.Name).Select(periodS => double.IsFinite(1 / periodS)
                ? 1 / periodS
                : throw new UsageException($"{_periods.Name}: {InvariantNumber.Format(periodS)} is too small")).ToArray(),
            (null, not null) => OptionValues.PositiveNumbers(frequencies, _frequencies.Name),
        };
    }
}
