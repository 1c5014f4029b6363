using Mt.Data.IO;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Data.Tests.Responses;

public sealed class ResponseCsvTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<bool> WithErrors => [false, true];

    [Theory]
    [MemberData(nameof(WithErrors))]
    public void WriteThenReadIsBitExact(bool withErrors)
    {
        ResponseRow[] rows =
        [
            new(Mode.TE, -1234.5678901234567, 1.0 / 3, 98.76543210987654, 44.999999999999993, 1e-300, -0.0,
                withErrors ? 4.9382716054938271 : null, withErrors ? 0.28647889756541161 : null),
            new(Mode.TM, 0.1 + 0.2, 12345.678, 1.0000000000000002, -179.99999999999997, -3.3e-5, 7.1e-5,
                withErrors ? 0.05 : null, null),
        ];
        string path = _folder.File("response.csv");

        ResponseCsv.Write(path, rows);
        IReadOnlyList<ResponseRow> read = ResponseCsv.Read(path);

        Assert.Equal(rows.Select(Bits), read.Select(Bits));
        Assert.Equal(withErrors, File.ReadLines(path).First().EndsWith("rho_app_err_ohm_m,phase_err_deg", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadsOptionalErrorColumnsInAnyOrder()
    {
        const string csv = """
            phase_err_deg,mode,station_m,frequency_hz,period_s,rho_app_ohm_m,phase_deg,z_re_ohm,z_im_ohm,rho_app_err_ohm_m
            1.5,TM,100,0.1,10,50,45,-0.01,-0.01,
            """;
        ResponseRow row = Assert.Single(ResponseCsv.Read(new StringReader(csv), "obs.csv"));
        Assert.Equal(new ResponseRow(Mode.TM, 100, 0.1, 50, 45, -0.01, -0.01, null, 1.5), row);
    }

    private const string Header = "mode,station_m,frequency_hz,period_s,rho_app_ohm_m,phase_deg,z_re_ohm,z_im_ohm";
    private const string GoodRow = "TE,0,1,1,100,45,0.01,0.01";

    public static TheoryData<string, int?, string> BadFiles => new()
    {
        { "", null, "file is empty" },
        { "mode,station_m\n", 1, "header lacks the column \"frequency_hz\"" },
        { Header + ",rho_err\n", 1, "unknown column \"rho_err\"" },
        { Header + ",mode\n", 1, "column \"mode\" appears twice" },
        { $"{Header}\n{GoodRow}\n\nTE,0,1,1,100,45,0.01\n", 4, "has 7 fields, expected 8" },
        { $"{Header}\nTX,0,1,1,100,45,0.01,0.01\n", 2, "mode \"TX\" is not one of TE, TM" },
        { $"{Header}\nTE,here,1,1,100,45,0.01,0.01\n", 2, "station_m \"here\" is not a finite number" },
        { $"{Header}\nTE,0,0,1,100,45,0.01,0.01\n", 2, "frequency_hz = 0 must be positive" },
        { $"{Header}\nTE,0,2,1,100,45,0.01,0.01\n", 2, "period_s = 1 does not match frequency_hz = 2" },
        { $"{Header}\nTE,0,1,1,-100,45,0.01,0.01\n", 2, "rho_app_ohm_m = -100 must be positive" },
        { $"{Header}\nTE,0,1,1,100,NaN,0.01,0.01\n", 2, "phase_deg \"NaN\" is not a finite number" },
        { $"{Header},rho_app_err_ohm_m,phase_err_deg\n{GoodRow},0,1\n", 2, "rho_app_err_ohm_m = 0 must be positive" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesAreRejectedWithFileLineAndProblem(string csv, int? line, string problem)
    {
        string path = _folder.Write("obs.csv", csv);
        var ex = Assert.Throws<DataFileException>(() => ResponseCsv.Read(path));
        Assert.Equal(line, ex.LineNumber);
        Assert.StartsWith(line is null ? $"{path}: " : $"{path} line {line}: ", ex.Message);
        Assert.Contains(problem, ex.Problem);
    }

    [Fact]
    public void MissingFileIsADataFileError()
    {
        var ex = Assert.Throws<DataFileException>(() => ResponseCsv.Read(_folder.File("absent.csv")));
        Assert.EndsWith("absent.csv: file not found", ex.Message);
    }

    private static string Bits(ResponseRow row) => string.Join(",",
        new double?[] { row.StationM, row.FrequencyHz, row.RhoAppOhmM, row.PhaseDeg, row.ZReOhm, row.ZImOhm, row.RhoAppErrOhmM, row.PhaseErrDeg }
            .Select(v => v is { } d ? BitConverter.DoubleToInt64Bits(d).ToString("X16") : "null")
            .Prepend(row.Mode.ToString()));
}
