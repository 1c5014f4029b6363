using System.CommandLine;
using Mt.Evaluation.Provenance;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt manifest --experiment EXP.json [--results DIR] [--data-dir DATA] [--repo DIR] [--sdk VERSION]</c>: writes DIR/manifest.json
/// (default DIR results/EXP), the provenance of every stage's results: SHA-256 of inputs and outputs, parameters,
/// wall time, code version (git commit and dirty flag of --repo, default the current folder) and environment (see
/// <see cref="Manifest"/>).
/// </summary>
internal sealed class ManifestCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file (experiments/*.json).", Required = true };

    private readonly Option<string?> _results = new("--results") { HelpName = "DIR", Description = "Results folder of the experiment (default results/EXP)." };

    private readonly Option<string?> _data = OptionValues.DataDirOption();

    private readonly Option<string> _repo = new("--repo") { HelpName = "DIR", Description = "Git work tree whose commit is recorded.", DefaultValueFactory = _ => "." };

    private readonly Option<string?> _sdk = new("--sdk") { HelpName = "VERSION", Description = ".NET SDK version to record (the build passes its own)." };

    /// <summary>Creates the verb.</summary>
    public ManifestCommand()
    {
        Command = new Command("manifest", "Write the provenance manifest of an experiment's results.") { _experiment, _results, _data, _repo, _sdk };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string experimentPath = parseResult.GetRequiredValue(_experiment);
        var (name, experiment, layout) = OptionValues.ExperimentResults(experimentPath, parseResult.GetValue(_results), _results.Name, parseResult.GetValue(_data));
        string repo = parseResult.GetRequiredValue(_repo);
        if (!Directory.Exists(repo)) throw new UsageException($"{_repo.Name}: folder {repo} does not exist");
        Manifest.Write(layout.ManifestJson, Manifest.Build(name, experimentPath, experiment, layout, repo, parseResult.GetValue(_sdk)));
        stdout.WriteLine($"wrote {layout.ManifestJson}");
        return ExitCode.Ok;
    }
}
