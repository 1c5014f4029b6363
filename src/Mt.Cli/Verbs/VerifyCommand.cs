using System.CommandLine;
using System.Text.Json.Nodes;
using Mt.Data.IO;
using Mt.Data.Provenance;
using Mt.Evaluation;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt verify --experiment EXP.json [--results DIR] [--committed METRICS.json] [--repo DIR]</c>: compares the rebuilt
/// DIR/metrics.json with the committed one (by default <c>git show HEAD:results/EXP/metrics.json</c>) and the published
/// weights with the SHA-256 of the committed stage record, prints one row per number (<see cref="Verification"/>) and
/// exits non-zero when any fails.
/// </summary>
internal sealed class VerifyCommand : IVerb
{
    private readonly Option<string> _experiment = new("--experiment") { HelpName = "EXP.json", Description = "Experiment file.", Required = true };

    private readonly Option<string?> _results = new("--results") { HelpName = "DIR", Description = "Results folder (default results/EXP)." };

    private readonly Option<string?> _committed = new("--committed") { HelpName = "METRICS.json", Description = "The committed metrics (default: git show HEAD:results/EXP/metrics.json)." };

    private readonly Option<string> _repo = new("--repo") { HelpName = "DIR", Description = "Git work tree of the committed results.", DefaultValueFactory = _ => "." };

    /// <summary>Creates the verb.</summary>
    public VerifyCommand()
    {
        Command = new Command("verify", "Compare rebuilt results with the committed ones, number by number.") { _experiment, _results, _committed, _repo };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        var (name, _, layout) = OptionValues.ExperimentResults(parseResult.GetRequiredValue(_experiment), parseResult.GetValue(_results), _results.Name);
        string repo = parseResult.GetRequiredValue(_repo);
        string relative = Path.GetRelativePath(repo, layout.MetricsJson);
        string committedText = parseResult.GetValue(_committed) is string file
            ? DataFileException.ReadAllText(file)
            : Git.ShowAtHead(repo, relative) ?? throw new UsageException($"{relative} is not committed at HEAD of {repo} (give {_committed.Name})");
        if (!File.Exists(layout.MetricsJson)) throw new UsageException($"{layout.MetricsJson} does not exist: rebuild first (./build.sh ReproducePaper --experiment {name})");
        var rows = Verification.CompareMetrics(JsonNode.Parse(committedText)!, JsonNode.Parse(File.ReadAllText(layout.MetricsJson))!).ToList();
        // Published weights: the files of the committed training record that are in the repository (weights/).
        if (Git.ShowAtHead(repo, Path.Combine(Path.GetRelativePath(repo, layout.WeightsDir), StageRecord.FolderRecordName)) is string recordText)
        {
            var record = System.Text.Json.JsonSerializer.Deserialize<StageRecord>(recordText, Mt.Data.Results.ResultJson.Options)!;
            rows.AddRange(Verification.CompareFiles([record], repo, f => Path.GetFileName(f) is "best.weights" or "normalisation.json" or "model-card.json"));
        }
        foreach (string line in Verification.Table(rows)) stdout.WriteLine(line);
        int failed = rows.Count(r => !r.Ok);
        stdout.WriteLine($"verify {name}: {rows.Count(r => r.Tolerance is not null) - failed} of {rows.Count(r => r.Tolerance is not null)} numbers agree{(failed > 0 ? $", {failed} FAIL" : "")}");
        if (failed > 0) throw new RunFailedException($"{failed} numbers of {layout.MetricsJson} differ from the committed ones beyond their tolerance (rows marked FAIL above)");
        return ExitCode.Ok;
    }
}
