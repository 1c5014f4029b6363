using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Provenance;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt stamp --experiment EXP.json (--stage NAME | --sections data[,network,...] [--code Mt.Forward,Mt.Data,...]) --out STAMP</c>:
/// writes the hash of the stage's experiment sections and the SHA-256 of its assemblies (of this program's folder) to
/// STAMP, and leaves the file untouched (its time too) when nothing changed. A stage of the graph takes its sections and
/// assemblies from <see cref="Stages"/>, the list its stage record is written from; <c>--sections</c> and <c>--code</c>
/// stamp an ad-hoc set. The build graph uses stamps as the inputs of stages, so a stage reruns exactly when a section it
/// depends on or the code that computes it changes (assemblies are built deterministically from their source, so a
/// rebuild of unchanged code changes no hash).
/// </summary>
internal sealed class StampCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file.", Required = true };

    private readonly Option<string> _sections = new("--sections")
    {
        HelpName = "data,network,...",
        Description = "Comma-separated sections: data, network, training, inversion, evaluation (instead of --stage).",
    };

    private readonly Option<string?> _stage = new("--stage")
    {
        HelpName = "NAME",
        Description = "A stage of the graph, whose sections and assemblies to stamp: " + string.Join(", ", Stages.All.Select(s => s.Name)) + ".",
    };

    private readonly Option<string> _out = new("--out") { HelpName = "STAMP", Description = "Stamp file to write.", Required = true };

    private readonly Option<string?> _code = new("--code") { HelpName = "Mt.Forward,Mt.Data,...", Description = "Assemblies (without .dll) whose code computes the stage." };

    /// <summary>Creates the verb.</summary>
    public StampCommand()
    {
        Command = new Command("stamp", "Write the hash of experiment sections to a stamp file when it changed.") { _experiment, _stage, _sections, _code, _out };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string? stageName = parseResult.GetValue(_stage);
        string? sectionList = parseResult.GetValue(_sections);
        if ((stageName is null) == (sectionList is null)) throw new UsageException($"give either {_stage.Name} or {_sections.Name}");
        string? code = parseResult.GetValue(_code);
        StageDefinition stage;
        if (sectionList is not null)
            stage = new StageDefinition("ad hoc", Sections(sectionList), (code ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        else if (code is not null)
            throw new UsageException($"{_code.Name}: the assemblies of stage {stageName} are the stage's own; give {_code.Name} only with {_sections.Name}");
        else
            stage = Stages.Find(stageName!) ?? throw new UsageException($"{_stage.Name}: unknown stage \"{stageName}\" (known: {string.Join(", ", Stages.All.Select(s => s.Name))})");
        string outPath = OptionValues.OutputFileInNewFolder(parseResult.GetRequiredValue(_out), _out.Name);
        Experiment experiment = OptionValues.Experiment(parseResult.GetRequiredValue(_experiment));
        string hash;
        try
        {
            hash = stage.Stamp(experiment, AppContext.BaseDirectory);
        }
        catch (FileNotFoundException ex)
        {
            throw new UsageException($"{_code.Name}: {ex.Message}");
        }
        if (File.Exists(outPath) && File.ReadAllText(outPath) == hash)
        {
            stdout.WriteLine($"{outPath} is up to date");
            return ExitCode.Ok;
        }
        AtomicFile.WriteText(outPath, w => w.Write(hash));
        stdout.WriteLine($"{outPath} updated");
        return ExitCode.Ok;
    }

    private ExperimentSection[] Sections(string list)
    {
        var sections = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.TryParse(name, ignoreCase: true, out ExperimentSection section)
                ? section
                : throw new UsageException($"{_sections.Name}: unknown section \"{name}\""))
            .ToArray();
        return sections.Length == 0 ? throw new UsageException($"{_sections.Name}: name at least one section") : sections;
    }
}
