using System.CommandLine;
using System.Diagnostics;
using Mt.Forward;
using Mt.Inversion;
using Mt.Data.Results;
using Mt.Learning.Training;
using Mt.Workflows.Field;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt field --edi DIR [--azimuth DEG] [--strike DEG] [--skip-bad] [--experiment EXP.json] [--weights DIR]
/// [--max-iterations N] --out DIR</c>: the inversion of a real line. Prepares the line as <c>mt field-data</c> does (its
/// files in DIR), inverts the observed data by NLCG from the experiment's half-space (<c>nlcg-halfspace/</c>), predicts
/// the network input with the trained U-Net (<c>network-prediction.h5</c>), maps the prediction onto the line's
/// inversion grid (<c>network-model.json</c>, its response <c>network-response.csv</c>), inverts from it
/// (<c>nlcg-hybrid/</c>), and writes <c>summary.json</c> and the figure <c>field.png</c> (+ <c>.csv</c>). Without
/// <c>--weights</c> the weights are looked for in <c>results/EXPERIMENT/weights</c>; when they are absent there the
/// network and hybrid are skipped with a message (a given <c>--weights</c> that holds no trained network is an error).
/// The verb parses and checks the options; the work is <see cref="FieldPreparationStage"/>'s and <see cref="FieldInversionStage"/>'s.
/// </summary>
internal sealed class FieldCommand : IVerb
{
    private readonly FieldPreparation _preparation = new();

    private readonly Option<string> _weights = new("--weights")
    {
        HelpName = "DIR",
        Description = "Training folder of the U-Net (default results/EXPERIMENT/weights; the network and hybrid are skipped when that is absent).",
    };

    private readonly Option<int?> _maxIterations = new("--max-iterations") { HelpName = "N", Description = "Largest number of NLCG iterations (default: the experiment's)." };

    private readonly Option<string?> _measure = new("--measure")
    {
        HelpName = "rho-phase|impedance",
        Description = "The misfit NLCG minimises: log10 apparent resistivity and phase under their errors (default), or the real and imaginary " +
                      "parts of the impedance under |Z|-relative errors (ModEM's measure). The summary reports the RMS in both.",
    };

    private readonly Option<double?> _impedanceFloor = new("--impedance-floor")
    {
        HelpName = "FRACTION",
        Description = "Error floor on the impedance, as a fraction of |Z| (default 0.05: 10 % in apparent resistivity, 2.9 degrees in phase); " +
                      "it raises the errors left by the apparent-resistivity and phase floors; 0 for none.",
    };

    private readonly Option<string?> _impedanceFloorOf = new("--impedance-floor-of")
    {
        HelpName = "component|geometric-mean",
        Description = "What the impedance floor is a fraction of: each mode's own |Z| (default) or sqrt(|Zxy Zyx|), the same for both modes.",
    };

    private readonly Option<string?> _staticShifts = new("--static-shifts")
    {
        HelpName = "none|estimate",
        Description = "Estimate one static shift per station and mode with the model (log10 prior 0.5 damping it toward none; rho-phase " +
                      "measure only), or none (default). The shifts and the fit without them are in the summary.",
    };

    /// <summary>Creates the verb.</summary>
    public FieldCommand()
    {
        Command = new Command("field", "Invert a real MT line: NLCG from a half-space, the U-Net's prediction, and NLCG from the prediction (hybrid).");
        _preparation.AddTo(Command);
        Command.Options.Add(_weights);
        Command.Options.Add(_maxIterations);
        Command.Options.Add(_measure);
        Command.Options.Add(_impedanceFloor);
        Command.Options.Add(_impedanceFloorOf);
        Command.Options.Add(_staticShifts);
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        long started = Stopwatch.GetTimestamp();
        (_, var experiment, string? experimentPath) = _preparation.Check(parseResult);
        string experimentName = experimentPath is null ? "paper" : Path.GetFileNameWithoutExtension(experimentPath);
        var inversion = experiment?.Inversion;
        int maxIterations = parseResult.GetValue(_maxIterations) ?? inversion?.MaxIterations ?? new NlcgOptions().MaxIterations;
        OptionValues.NonNegative(maxIterations, _maxIterations.Name);
        (string? weights, string? skipped) = Weights(parseResult.GetValue(_weights), experimentName);
        MisfitMeasure measure = OptionValues.Choice(parseResult.GetValue(_measure), _measure.Name, ("rho-phase", MisfitMeasure.RhoPhase), ("impedance", MisfitMeasure.Impedance));
        bool shifts = OptionValues.Choice(parseResult.GetValue(_staticShifts), _staticShifts.Name, ("none", false), ("estimate", true));
        if (shifts && measure != MisfitMeasure.RhoPhase)
            throw new UsageException($"{_staticShifts.Name} estimate needs {_measure.Name} rho-phase (the shifts are of log10 apparent resistivity)");
        double floorFraction = parseResult.GetValue(_impedanceFloor) ?? ImpedanceErrorFloor.Default.Fraction;
        if (!(floorFraction >= 0) || !(floorFraction < 1)) throw new UsageException($"{_impedanceFloor.Name}: {floorFraction} must be at least 0 and below 1");
        var basis = OptionValues.Choice(parseResult.GetValue(_impedanceFloorOf), _impedanceFloorOf.Name,
            ("component", ImpedanceFloorBasis.Component), ("geometric-mean", ImpedanceFloorBasis.OffDiagonalGeometricMean));
        ImpedanceErrorFloor? impedanceFloor = floorFraction > 0 ? new ImpedanceErrorFloor(floorFraction, basis) : null;
        var options = (inversion is null ? new NlcgOptions { MaxIterations = maxIterations } : NlcgOptions.From(inversion, maxIterations))
            with { Measure = measure, EstimateStaticShifts = shifts };

        PreparedField field = _preparation.Run(parseResult, stdout);
        var fieldOptions = new FieldInversionOptions(weights, skipped, options, impedanceFloor, started);
        FieldPreparation.Stage(() => FieldInversionStage.Run(field, fieldOptions, stdout));
        return ExitCode.Ok;
    }

    /// <summary>The weights folder to use, or null and the message saying why the network is skipped (the default
    /// folder holds no trained network); a given folder without one is an error.</summary>
    private (string? Folder, string? Skipped) Weights(string? given, string experimentName)
    {
        string folder = given ?? ResultsLayout.OfExperiment(experimentName).WeightsDir;
        if (File.Exists(Path.Combine(folder, ModelCard.FileName))) return (folder, null);
        string hint = $"train first (./build.sh Train --experiment {experimentName})";
        if (given is not null) throw new UsageException($"{_weights.Name}: {folder} holds no trained network ({ModelCard.FileName}); {hint}");
        return (null, $"no trained network in {folder}: the network and the hybrid are skipped ({hint}, or give {_weights.Name})");
    }
}
