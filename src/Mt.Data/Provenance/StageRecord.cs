using System.Diagnostics;
using System.Globalization;
using Mt.Data.IO;
using Mt.Data.Results;

namespace Mt.Data.Provenance;

/// <summary>A file a stage read or wrote, with its SHA-256 when the record was written.</summary>
/// <param name="File">The path as the stage saw it.</param>
/// <param name="Sha256">SHA-256 of its bytes.</param>
public sealed record FileRecord(string File, string Sha256)
{
    /// <summary>The record of an existing file; a file inside the work tree this program was built in is named relative
    /// to its top (with forward slashes), so that records mean the same in every clone.</summary>
    public static FileRecord Of(string path) => new(RepositoryPath(path), FileHash.Sha256(path));

    /// <summary><paramref name="path"/> relative to the top of this program's work tree when it lies inside it, else
    /// the full path.</summary>
    public static string RepositoryPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? top = WorkTreeTop();
        return top is not null && full.StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(top, full).Replace('\\', '/')
            : full;
    }

    private static string? WorkTreeTop()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || System.IO.File.Exists(Path.Combine(dir.FullName, ".git")))
                    return dir.FullName;
        return null;
    }
}

/// <summary>The code a stage ran.</summary>
/// <param name="Version">The git state of the work tree the program was built in (commit, +dirty).</param>
/// <param name="Assemblies">SHA-256 of each library assembly whose code computes the stage's output.</param>
public sealed record CodeRecord(string Version, IReadOnlyDictionary<string, string> Assemblies);

/// <summary>
/// The record of one run of a stage, written beside what it produced (<c>FILE.stage.json</c>, or <c>stage.json</c> in
/// an output folder) when the run finishes: the command, when it ran and for how long, the machine, the code, the
/// experiment sections it depends on, and the files it read and wrote with their hashes. A stage skipped because its
/// outputs are up to date writes nothing, so the record always describes the run that produced the files beside it.
/// </summary>
public sealed record StageRecord
{
    /// <summary>Suffix of a file's record.</summary>
    public const string FileSuffix = ".stage.json";

    /// <summary>Name of a folder's record.</summary>
    public const string FolderRecordName = "stage.json";

    /// <summary>The stage (generate-train, train, predict, invert, evaluate, figures, field, ...).</summary>
    public required string Stage { get; init; }

    /// <summary>The command line of the run.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Start (UTC, ISO 8601).</summary>
    public required string StartedUtc { get; init; }

    /// <summary>End (UTC, ISO 8601).</summary>
    public required string FinishedUtc { get; init; }

    /// <summary>Wall time of this run (s).</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>For a stage that resumes across runs, the wall time of all its runs together (s), when it keeps count
    /// (training); null otherwise.</summary>
    public double? TotalWorkSeconds { get; init; }

    /// <summary>Whether this run resumed work an earlier run had started (journal, checkpoint, finished inversions).</summary>
    public bool Resumed { get; init; }

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The code.</summary>
    public required CodeRecord Code { get; init; }

    /// <summary>SHA-256 of each experiment section the stage depends on (snake_case section name).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Files read.</summary>
    public required IReadOnlyList<FileRecord> Inputs { get; init; }

    /// <summary>Files written.</summary>
    public required IReadOnlyList<FileRecord> Outputs { get; init; }

    /// <summary>Further facts of the stage (e.g. the CPU kernel policy and threads of libtorch).</summary>
    public IReadOnlyDictionary<string, string>? Notes { get; init; }

    /// <summary>Where the record of the file or folder <paramref name="output"/> lives.</summary>
    public static string PathFor(string output) =>
        Directory.Exists(output) ? Path.Combine(output, FolderRecordName) : output + FileSuffix;

    /// <summary>Reads a record.</summary>
    public static StageRecord Read(string path) => ResultJson.Read<StageRecord>(path);
}

/// <summary>Times a stage from its construction and writes its <see cref="StageRecord"/> at <see cref="Finish"/>.</summary>
public sealed class StageRecorder
{
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly MachineInfo _machine = MachineInfo.Current();
    private readonly string _stage;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly Func<IReadOnlyDictionary<string, string>> _code;

    /// <summary>A recorder of an ad-hoc stage.</summary>
    /// <param name="stage">The stage name.</param>
    /// <param name="parameters">SHA-256 of the experiment sections the stage depends on.</param>
    /// <param name="codeTypes">A type of each library assembly whose code computes the stage's output.</param>
    public StageRecorder(string stage, IReadOnlyDictionary<string, string> parameters, params Type[] codeTypes)
    {
        _stage = stage;
        _parameters = parameters;
        _code = () => CodeHashes.Of(codeTypes);
    }

    /// <summary>A recorder of a stage of the graph: its sections of <paramref name="experiment"/> (none when the stage's
    /// program is given no experiment) and its assemblies beside this program, as <see cref="Stages"/> declares them.</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="experiment">The experiment, or null when the program does not read one.</param>
    /// <param name="recordName">The record's stage name when it differs from the stage's (generate-train for data).</param>
    public StageRecorder(StageDefinition stage, Experiments.Experiment? experiment, string? recordName = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stage = recordName ?? stage.Name;
        _parameters = experiment is null ? new Dictionary<string, string>() : stage.Parameters(experiment);
        _code = () => stage.CodeHashes(AppContext.BaseDirectory);
    }

    /// <summary>Writes the record of the run beside <paramref name="primaryOutput"/> (a file or a folder) and returns it.</summary>
    public StageRecord Finish(string primaryOutput, IEnumerable<string> inputs, IEnumerable<string> outputs, bool resumed = false,
        double? totalWorkSeconds = null, IReadOnlyDictionary<string, string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var record = new StageRecord
        {
            Stage = _stage,
            Command = Environment.GetCommandLineArgs(),
            StartedUtc = _started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            FinishedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            WallTimeSeconds = Math.Round(_clock.Elapsed.TotalSeconds, 3),
            TotalWorkSeconds = totalWorkSeconds,
            Resumed = resumed,
            Machine = _machine,
            Code = new CodeRecord(Git.OfThisProgram().Describe(), _code()),
            Parameters = _parameters,
            Inputs = [.. inputs.Where(File.Exists).Distinct().Order(StringComparer.Ordinal).Select(FileRecord.Of)],
            Outputs = [.. outputs.Where(File.Exists).Distinct().Order(StringComparer.Ordinal).Select(FileRecord.Of)],
            Notes = notes,
        };
        ResultJson.Write(StageRecord.PathFor(primaryOutput), record);
        return record;
    }
}

/// <summary>SHA-256 of the assemblies that hold given types: what a stage's code input is.</summary>
public static class CodeHashes
{
    /// <summary>Assembly file name to SHA-256, sorted by name.</summary>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<Type> types) =>
        new SortedDictionary<string, string>(types.Select(t => t.Assembly.Location).Where(l => l.Length > 0).Distinct()
            .ToDictionary(l => Path.GetFileName(l), FileHash.Sha256), StringComparer.Ordinal);
}

/// <summary>The parameters of a stage: the SHA-256 of each experiment section it depends on.</summary>
public static class StageParameters
{
    /// <summary>Section name (snake_case) to its hash.</summary>
    public static IReadOnlyDictionary<string, string> Of(Experiments.Experiment experiment, params Experiments.ExperimentSection[] sections)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new SortedDictionary<string, string>(sections.Distinct().ToDictionary(
            s => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()),
            s => Experiments.ExperimentJson.SectionHash(experiment, s)), StringComparer.Ordinal);
    }
}
