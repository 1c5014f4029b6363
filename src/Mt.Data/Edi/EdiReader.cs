using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Mt.Data.Edi;

/// <summary>Parses the text of one EDI file; every problem becomes an <see cref="EdiFormatException"/> with its line.</summary>
internal sealed partial class EdiReader
{
    private sealed record Field(string Name, string Value, int Line);

    private sealed record Block(string Name, int Line, IReadOnlyList<Field> Options, double[] Values);

    private readonly string _file;
    private readonly string[] _lines;
    private readonly List<Field> _head = [];
    private readonly List<Field> _defineMeas = [];
    private readonly List<Field> _mtSect = [];
    private readonly List<(string Kind, IReadOnlyList<Field> Options, int Line)> _measurements = [];
    private readonly List<string> _info = [];
    private readonly Dictionary<string, Block> _blocks = new(StringComparer.OrdinalIgnoreCase);
    private int _headLine;

    private EdiReader(string text, string fileName)
    {
        _file = fileName;
        _lines = text.Split('\n');
        if (_lines.Length > 1 && _lines[^1].Length == 0) _lines = _lines[..^1];
    }

    public static EdiFile Parse(string text, string fileName) => new EdiReader(text, fileName).Read();

    [GeneratedRegex("""(?<name>[A-Za-z_][\w.]*)\s*=\s*(?<value>"[^"]*"|.*?)(?=\s+[A-Za-z_][\w.]*\s*=|\s*$)""")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"//\s*(?<count>\S*)\s*$")]
    private static partial Regex CountPattern();

    private EdiFormatException Error(int line, string problem) => new(_file, line, problem);

    private EdiFile Read()
    {
        List<Field>? fields = null;
        bool inInfo = false;
        for (int i = 0; i < _lines.Length; i++)
        {
            int lineNo = i + 1;
            string t = _lines[i].Trim();
            if (t.StartsWith(">!", StringComparison.Ordinal)) continue;
            if (!t.StartsWith('>'))
            {
                if (inInfo) _info.Add(_lines[i].TrimEnd());
                else if (t.Length == 0) continue;
                else if (fields is null)
                    throw Error(lineNo, _headLine == 0 ? "the file does not start with >HEAD" : $"unexpected text '{t}'");
                else fields.AddRange(ParseFields(t, lineNo, requireSome: true));
                continue;
            }
            inInfo = false;
            fields = null;
            string name = t[1..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            string rest = t[(1 + name.Length)..];
            if (_headLine == 0 && !name.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
                throw Error(lineNo, $"the file does not start with >HEAD (found >{name})");
            switch (name.ToUpperInvariant())
            {
                case "HEAD": fields = _head; _headLine = lineNo; break;
                case "INFO": inInfo = true; break;
                case "=DEFINEMEAS": fields = _defineMeas; break;
                case "HMEAS" or "EMEAS": _measurements.Add((name.ToUpperInvariant(), ParseFields(rest, lineNo, false), lineNo)); break;
                case "=MTSECT": fields = _mtSect; break;
                case "=SPECTRASECT" or "SPECTRA":
                    throw Error(lineNo, $">{name}: spectra sections are not supported; only impedance sections (>=MTSECT) can be read");
                case "END": return Assemble(lineNo);
                default:
                    if (name.StartsWith('=')) throw Error(lineNo, $">{name}: unsupported section");
                    i = ReadDataBlock(name, rest, i);
                    break;
            }
        }
        throw Error(_lines.Length, "missing >END: the file ends without it (truncated?)");
    }

    private List<Field> ParseFields(string text, int lineNo, bool requireSome)
    {
        var result = new List<Field>();
        foreach (Match m in FieldPattern().Matches(text))
        {
            string value = m.Groups["value"].Value.Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            result.Add(new Field(m.Groups["name"].Value.ToUpperInvariant(), value, lineNo));
        }
        if (requireSome && result.Count == 0) throw Error(lineNo, $"expected NAME=value, found '{text}'");
        return result;
    }

    /// <summary>Reads a data block starting at line index <paramref name="start"/>; returns the index of its last line.</summary>
    private int ReadDataBlock(string name, string rest, int start)
    {
        int lineNo = start + 1;
        int? declared = null;
        Match count = CountPattern().Match(rest);
        if (count.Success)
        {
            if (!int.TryParse(count.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                throw Error(lineNo, $">{name}: count '//{count.Groups["count"].Value}' is not a whole number");
            declared = n;
            rest = rest[..count.Index];
        }
        var values = new List<double>();
        int j = start + 1;
        for (; j < _lines.Length; j++)
        {
            string t = _lines[j].Trim();
            if (t.StartsWith('>')) break;
            foreach (string token in t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                values.Add(ParseValue(name, token, j + 1));
        }
        if (declared is int d && d != values.Count)
            throw Error(lineNo, $">{name} says {d} values but {values.Count} were read");
        if (!_blocks.TryAdd(name, new Block(name.ToUpperInvariant(), lineNo, ParseFields(rest, lineNo, false), [.. values])))
            throw Error(lineNo, $">{name} appears twice (first at line {_blocks[name].Line})");
        return j - 1;
    }

    private double ParseValue(string block, string token, int lineNo)
    {
        string s = token.Replace('D', 'E').Replace('d', 'e'); // Fortran double-precision exponents
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw Error(lineNo, $">{block}: '{token}' is not a number");
        if (!double.IsFinite(v))
            throw Error(lineNo, $">{block}: '{token}' is not a finite number (missing data must use the EMPTY value)");
        return v;
    }

    private EdiFile Assemble(int endLine)
    {
        var head = Lookup(_head);
        double? empty = head.TryGetValue("EMPTY", out var e) ? Number(e) : null;
        var defineMeas = Lookup(_defineMeas);

        EdiCoordinates? reference = null;
        if (defineMeas.TryGetValue("REFLAT", out var refLat) && defineMeas.TryGetValue("REFLONG", out var refLong))
            reference = new EdiCoordinates(Degrees(refLat), Degrees(refLong),
                defineMeas.TryGetValue("REFELEV", out var refElev) ? Number(refElev) : 0);
        EdiCoordinates position;
        if (head.TryGetValue("LAT", out var lat) && head.TryGetValue("LONG", out var lon))
            position = new EdiCoordinates(Degrees(lat), Degrees(lon), head.TryGetValue("ELEV", out var elev) ? Number(elev) : 0);
        else
            position = reference ?? throw Error(_headLine, ">HEAD has no LAT and LONG, and >=DEFINEMEAS no REFLAT and REFLONG");

        string[] headKnown = ["DATAID", "ACQBY", "ACQDATE", "FILEDATE", "PROSPECT", "LOC", "LAT", "LONG", "ELEV", "EMPTY"];
        var header = new EdiHeader
        {
            DataId = head.TryGetValue("DATAID", out var id) ? id.Value : throw Error(_headLine, ">HEAD has no DATAID"),
            AcquiredBy = head.GetValueOrDefault("ACQBY")?.Value,
            AcquisitionDate = head.GetValueOrDefault("ACQDATE")?.Value,
            FileDate = head.GetValueOrDefault("FILEDATE")?.Value,
            Prospect = head.GetValueOrDefault("PROSPECT")?.Value,
            Location = head.GetValueOrDefault("LOC")?.Value,
            Position = position,
            EmptyValue = empty,
            OtherFields = Others(_head, headKnown),
        };

        double lengthToM = 1;
        if (defineMeas.TryGetValue("UNITS", out var units))
        {
            lengthToM = units.Value.ToUpperInvariant() switch
            {
                "M" => 1,
                "FT" => 0.3048,
                _ => throw Error(units.Line, $"UNITS={units.Value} is not M or FT"),
            };
        }
        var meas = new EdiDefineMeas
        {
            ReferenceType = defineMeas.GetValueOrDefault("REFTYPE")?.Value ?? "CART",
            Reference = reference ?? position,
            Measurements = [.. _measurements.Select(m => Measurement(m.Kind, m.Options, m.Line, lengthToM))],
            OtherFields = Others(_defineMeas, ["MAXCHAN", "MAXRUN", "MAXMEAS", "UNITS", "REFTYPE", "REFLAT", "REFLONG", "REFELEV"]),
        };
        if (defineMeas.TryGetValue("MAXCHAN", out var maxChan)) meas = meas with { MaxChannels = Integer(maxChan) };
        if (defineMeas.TryGetValue("MAXRUN", out var maxRun)) meas = meas with { MaxRuns = Integer(maxRun) };
        if (defineMeas.TryGetValue("MAXMEAS", out var maxMeas)) meas = meas with { MaxMeasurements = Integer(maxMeas) };

        var freqBlock = _blocks.GetValueOrDefault("FREQ") ?? throw Error(endLine, "no >FREQ block before >END");
        int nFreq = freqBlock.Values.Length;
        foreach (var b in _blocks.Values.Where(b => b.Values.Length != nFreq))
            throw Error(b.Line, $">{b.Name} has {b.Values.Length} values but >FREQ has {nFreq}");
        CheckNFreq(freqBlock.Options, nFreq, ">FREQ NFREQ");
        CheckNFreq(_mtSect, nFreq, ">=MTSECT NFREQ");
        for (int k = 0; k < nFreq; k++)
            if (!(freqBlock.Values[k] > 0) || freqBlock.Values[k] == empty)
                throw Error(freqBlock.Line, $">FREQ value {k + 1} ({freqBlock.Values[k].ToString("R", CultureInfo.InvariantCulture)}) is not a positive frequency");

        var mt = Lookup(_mtSect);
        var section = new EdiMtSection
        {
            SectionId = mt.GetValueOrDefault("SECTID")?.Value ?? "",
            HxId = mt.GetValueOrDefault("HX")?.Value,
            HyId = mt.GetValueOrDefault("HY")?.Value,
            HzId = mt.GetValueOrDefault("HZ")?.Value,
            ExId = mt.GetValueOrDefault("EX")?.Value,
            EyId = mt.GetValueOrDefault("EY")?.Value,
            RxId = mt.GetValueOrDefault("RX")?.Value,
            RyId = mt.GetValueOrDefault("RY")?.Value,
            OtherFields = Others(_mtSect, ["SECTID", "NFREQ", "HX", "HY", "HZ", "EX", "EY", "RX", "RY"]),
        };

        EdiImpedanceComponent Z(string c)
        {
            var (values, variances, missing) = Component(
                Require($"Z{c}R", endLine), Require($"Z{c}I", endLine), _blocks.GetValueOrDefault($"Z{c}.VAR"), empty);
            return new EdiImpedanceComponent(values, variances, missing);
        }
        EdiTipperComponent? T(string c)
        {
            var re = _blocks.GetValueOrDefault($"T{c}R.EXP");
            var im = _blocks.GetValueOrDefault($"T{c}I.EXP");
            if (re is null && im is null) return null;
            if (re is null || im is null)
                throw Error((re ?? im)!.Line, $">{(re ?? im)!.Name} has no matching >{(re is null ? $"T{c}R.EXP" : $"T{c}I.EXP")}");
            var (values, variances, missing) = Component(re, im,
                _blocks.GetValueOrDefault($"T{c}VAR.EXP") ?? _blocks.GetValueOrDefault($"T{c}.VAR"), empty);
            return new EdiTipperComponent(values, variances, missing);
        }

        return new EdiFile
        {
            SourceFileName = _file,
            Header = header,
            Info = string.Join("\n", _info.SkipWhile(string.IsNullOrWhiteSpace).Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse()),
            DefineMeas = meas,
            MtSection = section,
            FrequenciesHz = freqBlock.Values,
            ZRotDeg = _blocks.TryGetValue("ZROT", out var zrot) ? Masked(zrot.Values, empty) : null,
            Zxx = Z("XX"),
            Zxy = Z("XY"),
            Zyx = Z("YX"),
            Zyy = Z("YY"),
            Tx = T("X"),
            Ty = T("Y"),
        };
    }

    private static (Complex[] Values, double[]? Variances, bool[] Missing) Component(Block re, Block im, Block? variance, double? empty)
    {
        double[] r = Masked(re.Values, empty), i = Masked(im.Values, empty);
        return ([.. r.Zip(i, (a, b) => new Complex(a, b))],
                variance is null ? null : Masked(variance.Values, empty),
                [.. r.Zip(i, (a, b) => double.IsNaN(a) || double.IsNaN(b))]);
    }

    private static double[] Masked(double[] values, double? empty) =>
        [.. values.Select(v => v == empty ? double.NaN : v)];

    private Block Require(string name, int endLine) =>
        _blocks.GetValueOrDefault(name) ?? throw Error(endLine, $"no >{name} block before >END");

    private void CheckNFreq(IReadOnlyList<Field> fields, int nFreq, string what)
    {
        foreach (var f in fields.Where(f => f.Name == "NFREQ"))
            if (Integer(f) != nFreq)
                throw Error(f.Line, $"{what}={f.Value} but >FREQ has {nFreq} values");
    }

    private EdiMeasurement Measurement(string kind, IReadOnlyList<Field> options, int line, double lengthToM)
    {
        var o = Lookup(options);
        string id = o.TryGetValue("ID", out var idField) ? idField.Value : throw Error(line, $">{kind} has no ID");
        var type = o.TryGetValue("CHTYPE", out var ct) && Enum.TryParse<EdiChannelType>(ct.Value, true, out var t) && Enum.IsDefined(t)
            ? t
            : throw Error(line, $">{kind} has no valid CHTYPE");
        double Length(string key) => o.TryGetValue(key, out var f) ? Number(f) * lengthToM : 0;
        return kind == "HMEAS"
            ? new EdiHMeas(id, type, Length("X"), Length("Y"), Length("Z"), o.TryGetValue("AZM", out var azm) ? Number(azm) : 0)
            : new EdiEMeas(id, type, Length("X"), Length("Y"), Length("Z"), Length("X2"), Length("Y2"), Length("Z2"));
    }

    private static Dictionary<string, Field> Lookup(IEnumerable<Field> fields)
    {
        var d = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in fields) d[f.Name] = f;
        return d;
    }

    private static EdiField[] Others(IEnumerable<Field> fields, string[] known) =>
        [.. fields.Where(f => !known.Contains(f.Name)).Select(f => new EdiField(f.Name, f.Value))];

    private double Number(Field f) =>
        double.TryParse(f.Value.Replace('D', 'E'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw Error(f.Line, $"{f.Name}={f.Value} is not a finite number");

    private int Integer(Field f) =>
        int.TryParse(f.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw Error(f.Line, $"{f.Name}={f.Value} is not a whole number");

    private double Degrees(Field f)
    {
        try
        {
            return EdiCoordinates.ParseDegrees(f.Value);
        }
        catch (FormatException ex)
        {
            throw Error(f.Line, $"{f.Name}: {ex.Message}");
        }
    }
}
