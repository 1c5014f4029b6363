using System.CommandLine;
using Mt.Data.Results;
using Mt.Data.Experiments;
using Mt.Data.IO;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt stamp --experiment EXP.json --sections data[,network,...] [--code Mt.Forward,Mt.Data,...] --out STAMP</c>: writes
/// the hash of the named sections of an experiment and the SHA-256 of the named assemblies (of this program's folder)
/// to STAMP, and leaves the file untouched (its time too) when nothing changed. The build graph uses stamps as the
/// inputs of stages, so a stage reruns exactly when a section it depends on or the code that computes it changes
/// (assemblies are built deterministically from their source, so a rebuild of unchanged code changes no hash).
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

    private readonly Option<string?> _code = new("--code") { HelpName = "Mt.Forward,Mt.Data,...", Description = "Assemblies (without .dll) whose code computes the stage." };

    /// <summary>Creates the verb.</summary>
    public StampCommand()
    {
        Command = new Command("stamp", "Write the hash of experiment sections to a stamp file when it changed.") { _experiment, _sections, _code, _out };
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
        foreach (string name in (parseResult.GetValue(_code) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(assembly)) throw new UsageException($"{_code.Name}: no assembly {name}.dll beside this program ({AppContext.BaseDirectory})");
            hash += $"{name}.dll={FileHash.Sha256(assembly)}\n";
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
}
