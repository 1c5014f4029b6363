using System.CommandLine;
using System.Globalization;
using Mt.Data.Datasets;

namespace Mt.Cli.Verbs;

/// <summary>
/// <c>mt merge --out FILE.h5 SHARD.h5 ...</c>: joins the shards of one data set (written by <c>mt generate --shard k/n</c>,
/// in any order) into the file a whole run writes: same arrays, bit for bit, and the attributes of shard 1/1. Refuses
/// shards of different jobs, overlapping or missing sample ranges, with the file and the reason.
/// </summary>
internal sealed class MergeCommand : IVerb
{
    private readonly Argument<string[]> _shards = new("SHARD.h5") { Arity = ArgumentArity.OneOrMore, Description = "Shard files." };

    private readonly Option<string> _out = new("--out") { HelpName = "FILE.h5", Description = "Merged data set to write.", Required = true };

    /// <summary>Creates the verb.</summary>
    public MergeCommand()
    {
        Command = new Command("merge", "Join the shards of a data set into one file, identical to a whole run.") { _shards, _out };
    }

    /// <inheritdoc />
    public Command Command { get; }

    /// <inheritdoc />
    public int Execute(ParseResult parseResult, TextWriter stdout)
    {
        string outPath = OptionValues.OutputFile(parseResult.GetRequiredValue(_out), _out.Name);
        var shards = parseResult.GetRequiredValue(_shards).Select(path => (Path: path, Data: DataSetFile.Read(path)))
            .OrderBy(s => FirstIndex(s.Path, s.Data)).ToList();
        var first = shards[0];
        int total = Attribute(first.Path, first.Data, "split_count");
        int next = 0;
        foreach (var (path, data) in shards)
        {
            var a = data.Attributes;
            var f = first.Data.Attributes;
            if (a.ExperimentName != f.ExperimentName || a.Seed != f.Seed || a.Split != f.Split || a.Generator != f.Generator
                || a.CodeVersion != f.CodeVersion || Text(data, "data_section_sha256") != Text(first.Data, "data_section_sha256")
                || Text(data, "noise_level") != Text(first.Data, "noise_level")
                || !data.FrequenciesHz.SequenceEqual(first.Data.FrequenciesHz) || !data.StationsM.SequenceEqual(first.Data.StationsM)
                || !data.YEdgesM.SequenceEqual(first.Data.YEdgesM) || !data.ZEdgesM.SequenceEqual(first.Data.ZEdgesM))
                throw new UsageException($"{path}: not a shard of the same data set as {first.Path} (experiment, split, code, noise or grid differ)");
            int start = FirstIndex(path, data);
            if (start != next)
                throw new UsageException(start < next
                    ? $"{path}: samples from {start} overlap the previous shard (which ends at {next - 1})"
                    : $"{path}: samples {next} to {start - 1} are missing before this shard");
            next = start + data.Count;
        }
        if (next != total) throw new UsageException($"samples {next} to {total - 1} of {total} are in no shard");

        int n = total, nz = first.Data.Nz, ny = first.Data.Ny, nf = first.Data.Nf, ns = first.Data.Ns;
        var model = new double[n, nz, ny];
        var rho = new double[n, 2, nf, ns];
        var phase = new double[n, 2, nf, ns];
        int offset = 0;
        foreach (var (_, data) in shards)
        {
            Buffer.BlockCopy(data.Log10Resistivity, 0, model, offset * nz * ny * sizeof(double), data.Count * nz * ny * sizeof(double));
            Buffer.BlockCopy(data.Log10RhoApp, 0, rho, offset * 2 * nf * ns * sizeof(double), data.Count * 2 * nf * ns * sizeof(double));
            Buffer.BlockCopy(data.PhaseDeg, 0, phase, offset * 2 * nf * ns * sizeof(double), data.Count * 2 * nf * ns * sizeof(double));
            offset += data.Count;
        }
        var extra = new Dictionary<string, string>(first.Data.Attributes.Extra) { ["shard"] = "1/1", ["first_index"] = "0" };
        var merged = new DataSet(first.Data.FrequenciesHz, first.Data.StationsM, first.Data.YEdgesM, first.Data.ZEdgesM, model, rho, phase,
            first.Data.Attributes with { Extra = extra });
        DataSetFile.Write(outPath, merged);
        stdout.WriteLine($"wrote {outPath}: {n} samples from {shards.Count} shards");
        return ExitCode.Ok;
    }

    private static string? Text(DataSet data, string name) => data.Attributes.Extra.TryGetValue(name, out string? v) ? v : null;

    private static int FirstIndex(string path, DataSet data) => Attribute(path, data, "first_index");

    private static int Attribute(string path, DataSet data, string name) =>
        Text(data, name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UsageException($"{path}: no {name} attribute: not written by mt generate");
}
