using Mt.Data.Edi;

namespace Mt.Data.Tests.Edi;

/// <summary>
/// Malformed variants of a valid file, made in memory: each must fail with file, line and problem. Every case runs on
/// a synthetic file written by <see cref="EdiFile.ToEdiText"/> and on the real c02cp2.edi (skipped when absent).
/// </summary>
public class EdiMalformedTests
{
    private const string RealFile = "c02cp2.edi";
    private const string SyntheticFile = "synthetic.edi";

    /// <summary>A mutation of the lines of a file, giving the expected 1-based line and problem.</summary>
    private delegate (int Line, string Problem) Mutation(List<string> lines);

    private static readonly Dictionary<string, Mutation> Cases = new()
    {
        ["truncated at half"] = lines =>
        {
            lines.RemoveRange(lines.Count / 2, lines.Count - lines.Count / 2);
            int header = lines.FindLastIndex(l => l.TrimStart().StartsWith('>') && !l.TrimStart().StartsWith(">!"));
            int read = lines.Skip(header + 1).Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            return (header + 1, $">{BlockName(lines[header])} says {DeclaredCount(lines[header])} values but {read} were read");
        },
        ["value deleted"] = lines =>
        {
            int header = Find(lines, ">ZXYR");
            lines[header + 1] = string.Join("  ", lines[header + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            int n = DeclaredCount(lines[header]);
            return (header + 1, $">ZXYR says {n} values but {n - 1} were read");
        },
        ["count changed"] = lines =>
        {
            int header = Find(lines, ">ZXYR");
            int n = DeclaredCount(lines[header]);
            lines[header] = lines[header].Replace($"// {n}", $"// {n + 1}");
            return (header + 1, $">ZXYR says {n + 1} values but {n} were read");
        },
        ["abc as a value"] = lines => ReplaceFirstValue(lines, ">ZYYI", 2, "abc", ">ZYYI: 'abc' is not a number"),
        ["NaN as a value"] = lines => ReplaceFirstValue(lines, ">ZXX.VAR", 1, "NaN",
            ">ZXX.VAR: 'NaN' is not a finite number (missing data must use the EMPTY value)"),
        [">FREQ removed"] = lines =>
        {
            RemoveBlock(lines, ">FREQ");
            return (Find(lines, ">END") + 1, "no >FREQ block before >END");
        },
        [">ZYYI removed"] = lines =>
        {
            RemoveBlock(lines, ">ZYYI");
            return (Find(lines, ">END") + 1, "no >ZYYI block before >END");
        },
        [">END removed"] = lines =>
        {
            lines.RemoveAt(Find(lines, ">END"));
            return (lines.Count, "missing >END: the file ends without it (truncated?)");
        },
        [">=SPECTRASECT added"] = lines =>
        {
            int at = Find(lines, ">=MTSECT");
            lines.Insert(at, ">=SPECTRASECT");
            return (at + 1, ">=SPECTRASECT: spectra sections are not supported; only impedance sections (>=MTSECT) can be read");
        },
        ["LAT not an angle"] = lines =>
        {
            int at = Find(lines, "LAT=");
            lines[at] = "  LAT=-23:75:00";
            return (at + 1, "LAT: '-23:75:00' has minutes or seconds of 60 or more");
        },
    };

    public static IEnumerable<object[]> CaseRows =>
        from source in new[] { SyntheticFile, RealFile }
        from name in Cases.Keys
        select new object[] { source, name };

    [SkippableTheory]
    [MemberData(nameof(CaseRows))]
    public void Malformed_file_fails_naming_file_line_and_problem(string source, string caseName)
    {
        string text = source == RealFile
            ? File.ReadAllText(Path.Combine(SharedData.RequireFolder(), RealFile))
            : EdiSamples.Synthetic().ToEdiText();
        Assert.Equal(source, EdiFile.Parse(text, source).SourceFileName); // the unmodified text is valid
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);

        var (line, problem) = Cases[caseName](lines);
        var ex = Assert.Throws<EdiFormatException>(() => EdiFile.Parse(string.Join("\n", lines), source));

        Assert.Equal($"{source}:{line}: {problem}", ex.Message);
        Assert.Equal((source, line, problem), (ex.FileName, ex.LineNumber, ex.Problem));
    }

    private static int Find(List<string> lines, string prefix)
    {
        int i = lines.FindIndex(l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line starts with {prefix}");
        return i;
    }

    private static string BlockName(string header) => header.TrimStart()[1..].Split(' ')[0];

    private static int DeclaredCount(string header) => int.Parse(header[(header.LastIndexOf("//", StringComparison.Ordinal) + 2)..].Trim());

    private static (int Line, string Problem) ReplaceFirstValue(List<string> lines, string block, int dataLine, string token, string problem)
    {
        int at = Find(lines, block) + dataLine;
        var values = lines[at].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        values[0] = token;
        lines[at] = "  " + string.Join("  ", values);
        return (at + 1, problem);
    }

    private static void RemoveBlock(List<string> lines, string block)
    {
        int start = Find(lines, block);
        int end = lines.FindIndex(start + 1, l => l.TrimStart().StartsWith('>'));
        lines.RemoveRange(start, end - start);
    }
}
