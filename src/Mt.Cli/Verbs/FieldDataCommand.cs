using System.CommandLine;
using Mt.Data.Field;
using Mt.Workflows.Field;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt field-data --edi DIR [--azimuth DEG] [--strike DEG] [--skip-bad] [--experiment EXP.json] --out DIR</c>: turns a
/// folder of EDI stations into a 2D profile (see <see cref="FieldProfile"/>) and writes into the output folder
/// <c>observed.csv</c> (response CSV with error columns, station_m = distance along the profile), <c>grid.json</c>
/// (inversion grid and uniform start, the <c>mt forward</c> model schema), <c>network-input.h5</c> (one-sample data set
/// on the network geometry, with the mask dataset <c>no_data_mask</c>), <c>profile.json</c>, <c>quality.csv</c> (the
/// quality rules' table) and <c>quality-sections.png</c> (+ <c>.csv</c>). The strike method and the quality thresholds
/// are options. Geometry, floors and start resistivity come from the experiment when given, else from the paper's settings.
/// The options are <see cref="FieldPreparation"/>'s, the work <see cref="FieldPreparationStage"/>'s.
/// </summary>
internal sealed class FieldDataCommand : IVerb
{
    private readonly FieldPreparation _preparation = new();

    /// <summary>Creates the verb.</summary>
    public FieldDataCommand()
    {
        Command = new Command("field-data", "Project EDI stations onto a 2D profile, rotate to strike, and write observed data, grid and network input.");
        _preparation.AddTo(Command);
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        _preparation.Run(parseResult, stdout);
        return ExitCode.Ok;
    }
}
