using Mt.Data.IO;
using Mt.Forward;

namespace Mt.Data.Responses;

/// <summary>
/// Reads and writes response CSV files: a header line, then one line per mode, station and frequency with the columns
/// <c>mode,station_m,frequency_hz,period_s,rho_app_ohm_m,phase_deg,z_re_ohm,z_im_ohm</c> and, for observed data,
/// optionally <c>rho_app_err_ohm_m,phase_err_deg</c>. Numbers use the invariant culture in round-trip precision;
/// fields are never quoted. On reading the columns may come in any order and blank lines are skipped.
/// </summary>
public static class ResponseCsv
{
    private const string ModeColumn = "mode";
    private const string StationColumn = "station_m";
    private const string FrequencyColumn = "frequency_hz";
    private const string PeriodColumn = "period_s";
    private const string RhoAppColumn = "rho_app_ohm_m";
    private const string PhaseColumn = "phase_deg";
    private const string ZReColumn = "z_re_ohm";
    private const string ZImColumn = "z_im_ohm";
    private const string RhoAppErrColumn = "rho_app_err_ohm_m";
    private const string PhaseErrColumn = "phase_err_deg";

    /// <summary>Largest relative mismatch accepted between period_s and 1 / frequency_hz on reading.</summary>
    public const double PeriodTolerance = 1e-6;

    /// <summary>The columns every file has, in the order they are written.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
        [ModeColumn, StationColumn, FrequencyColumn, PeriodColumn, RhoAppColumn, PhaseColumn, ZReColumn, ZImColumn];

    /// <summary>The error columns of observed data, written after the others when any row has errors.</summary>
    public static IReadOnlyList<string> ErrorColumns { get; } = [RhoAppErrColumn, PhaseErrColumn];

    /// <summary>The header line of a file without error columns.</summary>
    public static string Header { get; } = string.Join(",", RequiredColumns);

    /// <summary>Rows of a forward response for <paramref name="modes"/> (in that order), then each station, then each
    /// frequency, in the response's order.</summary>
    public static IReadOnlyList<ResponseRow> FromForward(ForwardResponse response, IReadOnlyList<Mode> modes)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(modes);
        var rows = new List<ResponseRow>(modes.Count * response.StationsM.Length * response.FrequenciesHz.Length);
        foreach (Mode mode in modes)
            for (int si = 0; si < response.StationsM.Length; si++)
                for (int fi = 0; fi < response.FrequenciesHz.Length; fi++)
                {
                    var z = response.Z(mode, fi, si);
                    rows.Add(new ResponseRow(mode, response.StationsM[si], response.FrequenciesHz[fi],
                        response.RhoAppOhmM(mode, fi, si), response.PhaseDeg(mode, fi, si), z.Real, z.Imaginary));
                }
        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically (the folder must exist).</summary>
    public static void Write(string path, IReadOnlyList<ResponseRow> rows) => AtomicFile.WriteText(path, w => Write(w, rows));

    /// <summary>Writes the header and <paramref name="rows"/>. The error columns are written when any row has an
    /// error; a missing error is an empty field.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<ResponseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        bool withErrors = rows.Any(r => r.RhoAppErrOhmM is not null || r.PhaseErrDeg is not null);
        writer.Write(Header);
        if (withErrors) writer.Write("," + string.Join(",", ErrorColumns));
        writer.Write('\n');
        foreach (ResponseRow row in rows)
        {
            writer.Write(string.Join(",", row.Mode, F(row.StationM), F(row.FrequencyHz), F(row.PeriodS), F(row.RhoAppOhmM),
                F(row.PhaseDeg), F(row.ZReOhm), F(row.ZImOhm)));
            if (withErrors) writer.Write($",{F(row.RhoAppErrOhmM)},{F(row.PhaseErrDeg)}");
            writer.Write('\n');
        }
    }

    /// <summary>Reads a response file; throws <see cref="DataFileException"/> naming the file, the line and the
    /// problem for a missing file, a bad header or a bad row.</summary>
    public static IReadOnlyList<ResponseRow> Read(string path)
    {
        using var reader = new StringReader(DataFileException.ReadAllText(path));
        return Read(reader, path);
    }

    /// <summary>Reads response lines from <paramref name="reader"/>; <paramref name="path"/> only names the source in
    /// error messages.</summary>
    public static IReadOnlyList<ResponseRow> Read(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ResponseRow>();
        Dictionary<string, int>? columns = null;
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (columns is null)
                columns = ReadHeader(fields, path, lineNumber);
            else
                rows.Add(ReadRow(fields, columns, path, lineNumber));
        }
        if (columns is null) throw new DataFileException(path, null, $"file is empty, expected the header {Header}");
        return rows;
    }

    private static Dictionary<string, int> ReadHeader(string[] fields, string path, int lineNumber)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fields.Length; i++)
        {
            string name = fields[i];
            if (!RequiredColumns.Contains(name) && !ErrorColumns.Contains(name))
                throw new DataFileException(path, lineNumber,
                    $"unknown column \"{name}\" in the header; expected {Header} and optionally {string.Join(",", ErrorColumns)}");
            if (!columns.TryAdd(name, i))
                throw new DataFileException(path, lineNumber, $"column \"{name}\" appears twice in the header");
        }
        foreach (string name in RequiredColumns)
            if (!columns.ContainsKey(name))
                throw new DataFileException(path, lineNumber, $"header lacks the column \"{name}\"");
        return columns;
    }

    private static ResponseRow ReadRow(string[] fields, Dictionary<string, int> columns, string path, int lineNumber)
    {
        if (fields.Length != columns.Count)
            throw new DataFileException(path, lineNumber, $"has {fields.Length} fields, expected {columns.Count} as in the header");

        DataFileException Bad(string problem) => new(path, lineNumber, problem);

        double Number(string column)
        {
            string text = fields[columns[column]];
            return InvariantNumber.TryParseFinite(text, out double value) ? value : throw Bad($"{column} \"{text}\" is not a finite number");
        }

        double Positive(string column)
        {
            double value = Number(column);
            return value > 0 ? value : throw Bad($"{column} = {F(value)} must be positive");
        }

        double? OptionalPositive(string column) =>
            columns.TryGetValue(column, out int index) && fields[index].Length > 0 ? Positive(column) : null;

        string modeText = fields[columns[ModeColumn]];
        if (!ModeText.TryParse(modeText, out Mode mode))
            throw Bad($"{ModeColumn} \"{modeText}\" is not one of {ModeText.Names}");
        double frequencyHz = Positive(FrequencyColumn);
        double periodS = Positive(PeriodColumn);
        if (Math.Abs(periodS * frequencyHz - 1) > PeriodTolerance)
            throw Bad($"{PeriodColumn} = {F(periodS)} does not match {FrequencyColumn} = {F(frequencyHz)} (expected 1/frequency)");
        return new ResponseRow(mode, Number(StationColumn), frequencyHz, Positive(RhoAppColumn), Number(PhaseColumn),
            Number(ZReColumn), Number(ZImColumn), OptionalPositive(RhoAppErrColumn), OptionalPositive(PhaseErrColumn));
    }

    private static string F(double value) => InvariantNumber.Format(value);

    private static string F(double? value) => value is { } v ? InvariantNumber.Format(v) : "";
}
