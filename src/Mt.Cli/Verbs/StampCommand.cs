using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.Experiments;
using Mt.Data.IO;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt stamp --experiment EXP.json --sections data[,network,...] --out STAMP</c>: writes the hash of the named
/// sections of an experiment to STAMP, and leaves the file untouched (its time too) when the hash has not changed. The
/// build graph uses stamps as the inputs of stages, so a stage reruns exactly when a section it depends on changes.
/// </summary>
internal sealed class StampCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file.", Required = true };

    private readonly Option<string> _sections = new("--sections")
    {
        HelpName = "data,network,...",
        Description = "Comma-separated sections: data, network, training, inversion, evaluation.",
        Required = true,
    };

    private readonly Option<string> _out = new("--out") { HelpName = "STAMP", Description = "Stamp file to write.", Required = true };

    /// <summary>Creates the verb.</summary>
    public StampCommand()
    {
        Command = new Command("stamp", "Write the hash of experiment sections to a stamp file when it changed.") { _experiment, _sections, _out };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        var sections = parseResult.GetRequiredValue(_sections).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.TryParse(name, ignoreCase: true, out ExperimentSection section)
                ? section
                : throw new UsageException($"{_sections.Name}: unknown section \"{name}\""))
            .ToArray();
        if (sections.Length == 0) throw new UsageException($"{_sections.Name}: name at least one section");
        string outPath = OptionValues.OutputFileInNewFolder(parseResult.GetRequiredValue(_out), _out.Name);
        Experiment experiment = OptionValues.Experiment(parseResult.GetRequiredValue(_experiment));
        string hash = ExperimentJson.StageHash(experiment, sections) + "\n";
        if (File.Exists(outPath) && File.ReadAllText(outPath) == hash)
        {
            stdout.WriteLine($"{outPath} is up to date");
            return ExitCode.Ok;
        }
        AtomicFile.WriteText(outPath, w => w.Write(hash));
        stdout.WriteLine($"{outPath} updated");
        return ExitCode.Ok;
    }
}
