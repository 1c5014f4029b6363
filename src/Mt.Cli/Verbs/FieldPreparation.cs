using System.CommandLine;
using Mt.Data.Experiments;
using Mt.Data.Field;
using Mt.Data.IO;
using Mt.Workflows.Field;

namespace Mt.Cli.Verbs;

/// <summary>
/// The options of <c>mt field-data</c>, shared with <c>mt field</c>: parses and checks them and runs
/// <see cref="FieldPreparationStage"/> (reads the EDI folder, builds the profile, the inversion grid and the network
/// input, writes them into <c>--out</c> and reports on stdout).
/// </summary>
internal sealed class FieldPreparation
{
    private readonly Option<string> _edi = new("--edi") { HelpName = "DIR", Description = "Folder of EDI files (one station each).", Required = true };

    private readonly Option<string> _azimuth = new("--azimuth")
    {
        HelpName = "DEG",
        Description = "Profile azimuth in degrees clockwise from north (default: fitted to the stations by total least squares).",
    };

    private readonly Option<string> _strike = new("--strike")
    {
        HelpName = "DEG",
        Description = "Strike in degrees clockwise from north (default: estimated from the impedances).",
    };

    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "Go on with the good files when some cannot be read." };

    private readonly Option<string> _strikeMethod = new("--strike-method")
    {
        HelpName = "phase-tensor|swift",
        Description = "How the strike is estimated when --strike is not given (default phase-tensor).",
    };

    private readonly Option<string> _maxSkew = new("--max-skew")
    {
        HelpName = "DEG",
        Description = "Largest phase-tensor |beta| of 2D data; larger is masked as 3D (default 5).",
    };

    private readonly Option<string> _maxErrorToValue = new("--max-error-to-value")
    {
        HelpName = "R",
        Description = "Largest |dZ|/|Z| kept (default 0.3).",
    };

    private readonly Option<string> _phaseRange = new("--phase-range")
    {
        HelpName = "MIN,MAX",
        Description = "Phases (degrees, after rotation) kept (default 0,90; third-quadrant phases are always masked).",
    };

    private readonly Option<bool> _noQualityMask = new("--no-quality-mask") { Description = "Report the quality rules' findings but mask nothing." };

    private readonly Option<string> _experiment = new("--experiment")
    {
        HelpName = "EXP.json",
        Description = "Experiment whose network geometry, error floors and start resistivity to use (default: the paper's).",
    };

    private readonly Option<string> _out = new("--out") { HelpName = "DIR", Description = "Output folder (created if missing).", Required = true };

    /// <summary>Name of the output option (for messages).</summary>
    public string OutName => _out.Name;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _edi, _azimuth, _strike, _strikeMethod, _maxSkew, _maxErrorToValue, _phaseRange, _noQualityMask, _skipBad, _experiment, _out })
            command.Options.Add(option);
    }

    /// <summary>The output folder and the experiment (null: the paper's settings) of a command line, checked, before
    /// any work is done.</summary>
    public (string OutFolder, Experiment? Experiment, string? ExperimentPath) Check(ParseResult parseResult)
    {
        string outFolder = parseResult.GetRequiredValue(_out);
        if (string.IsNullOrWhiteSpace(outFolder)) throw new UsageException($"{_out.Name}: empty folder name");
        if (File.Exists(outFolder)) throw new UsageException($"{_out.Name}: {outFolder} is a file, expected a folder");
        string? experimentPath = parseResult.GetValue(_experiment);
        return (outFolder, experimentPath is null ? null : OptionValues.Experiment(experimentPath), experimentPath);
    }

    /// <summary>Prepares the field line of the command line (<see cref="FieldPreparationStage"/>): writes its files and reports.</summary>
    public PreparedField Run(ParseResult parseResult, TextWriter stdout)
    {
        string ediFolder = parseResult.GetRequiredValue(_edi);
        double? azimuth = Angle(parseResult.GetValue(_azimuth), _azimuth.Name);
        double? strike = Angle(parseResult.GetValue(_strike), _strike.Name);
        QualityRules rules = Rules(parseResult);
        StrikeMethod strikeMethod = parseResult.GetValue(_strikeMethod) switch
        {
            null or "phase-tensor" => StrikeMethod.PhaseTensor,
            "swift" => StrikeMethod.Swift,
            string other => throw new UsageException($"{_strikeMethod.Name}: \"{other}\" is not phase-tensor or swift"),
        };
        (string outFolder, Experiment? experiment, string? experimentPath) = Check(parseResult);
        var options = new FieldPreparationOptions(ediFolder, azimuth, strike, strikeMethod, rules, parseResult.GetValue(_skipBad), experiment,
            experimentPath, outFolder);
        return Stage(() => FieldPreparationStage.Run(options, stdout));
    }

    /// <summary>Runs a field stage; its <see cref="FieldInputException"/> becomes the usage error of the option it names.</summary>
    public static T Stage<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (FieldInputException ex)
        {
            throw new UsageException($"--{ex.Option}: {ex.Message}");
        }
    }

    /// <inheritdoc cref="Stage{T}(Func{T})" />
    public static void Stage(Action run) => Stage(() =>
    {
        run();
        return true;
    });

    /// <summary>The quality rules of the command line (defaults for what is not given).</summary>
    private QualityRules Rules(ParseResult parseResult)
    {
        var rules = new QualityRules();
        if (parseResult.GetValue(_maxSkew) is string skew)
            rules = rules with { MaxSkewDeg = Positive(skew, _maxSkew.Name, "a number of degrees >= 0", allowZero: true) };
        if (parseResult.GetValue(_maxErrorToValue) is string ratio)
            rules = rules with { MaxErrorToValue = Positive(ratio, _maxErrorToValue.Name, "a ratio > 0", allowZero: false) };
        if (parseResult.GetValue(_phaseRange) is string range)
        {
            string[] parts = range.Split(',');
            if (parts.Length != 2 || !InvariantNumber.TryParseFinite(parts[0].Trim(), out double min) || !InvariantNumber.TryParseFinite(parts[1].Trim(), out double max) || !(min < max))
                throw new UsageException($"{_phaseRange.Name}: \"{range}\" is not MIN,MAX in degrees with MIN < MAX");
            rules = rules with { MinPhaseDeg = min, MaxPhaseDeg = max };
        }
        return rules with { Apply = !parseResult.GetValue(_noQualityMask) };
    }

    private static double Positive(string text, string option, string what, bool allowZero) =>
        InvariantNumber.TryParseFinite(text, out double value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new UsageException($"{option}: \"{text}\" is not {what}");

    private static double? Angle(string? text, string option)
    {
        if (text is null) return null;
        return InvariantNumber.TryParseFinite(text, out double value) ? value : throw new UsageException($"{option}: \"{text}\" is not a number of degrees");
    }
}
