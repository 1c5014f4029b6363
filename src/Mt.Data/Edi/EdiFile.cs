using System.Numerics;
using System.Text;
using Mt.Forward;

namespace Mt.Data.Edi;

/// <summary>
/// One magnetotelluric station in the SEG/EMAP EDI format: header, measurement definitions, frequencies and the
/// impedance tensor (field units (mV/km)/nT and ohms) with variances, optionally the tipper. Arrays are indexed by
/// frequency in file order (descending or ascending as read; sort if you need an order).
/// </summary>
public sealed class EdiFile
{
    /// <summary>The file name this was read from (no folder), or null when built in memory.</summary>
    public string? SourceFileName { get; init; }

    /// <summary>The &gt;HEAD section.</summary>
    public required EdiHeader Header { get; init; }

    /// <summary>The &gt;INFO text, without leading and trailing blank lines; lines joined by '\n'.</summary>
    public string Info { get; init; } = "";

    /// <summary>The &gt;=DEFINEMEAS section.</summary>
    public required EdiDefineMeas DefineMeas { get; init; }

    /// <summary>The &gt;=MTSECT section.</summary>
    public EdiMtSection MtSection { get; init; } = new();

    /// <summary>Frequencies in Hz, in file order.</summary>
    public required double[] FrequenciesHz { get; init; }

    /// <summary>&gt;ZROT: rotation angle of the impedance tensor per frequency in degrees, or null when absent.</summary>
    public double[]? ZRotDeg { get; init; }

    /// <summary>Impedance Zxx.</summary>
    public required EdiImpedanceComponent Zxx { get; init; }

    /// <summary>Impedance Zxy (Ex/Hy).</summary>
    public required EdiImpedanceComponent Zxy { get; init; }

    /// <summary>Impedance Zyx (Ey/Hx).</summary>
    public required EdiImpedanceComponent Zyx { get; init; }

    /// <summary>Impedance Zyy.</summary>
    public required EdiImpedanceComponent Zyy { get; init; }

    /// <summary>Tipper Tx (Hz/Hx), or null when the file has none.</summary>
    public EdiTipperComponent? Tx { get; init; }

    /// <summary>Tipper Ty (Hz/Hy), or null when the file has none.</summary>
    public EdiTipperComponent? Ty { get; init; }

    /// <summary>The station position (LAT, LONG, ELEV of the header).</summary>
    public EdiCoordinates Position => Header.Position;

    /// <summary>The four impedance components in the order xx, xy, yx, yy.</summary>
    public IReadOnlyList<EdiImpedanceComponent> ImpedanceComponents => [Zxx, Zxy, Zyx, Zyy];

    /// <summary>Reads an EDI file.</summary>
    /// <exception cref="EdiFormatException">The file is not a valid EDI impedance file.</exception>
    public static EdiFile Read(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses EDI text; <paramref name="fileName"/> names the source in error messages.</summary>
    /// <exception cref="EdiFormatException">The text is not a valid EDI impedance file.</exception>
    public static EdiFile Parse(string text, string fileName) => EdiReader.Parse(text, fileName);

    /// <summary>
    /// Reads every <c>*.edi</c> file (extension in any case) of a folder, in file-name order. Without
    /// <paramref name="skipBad"/> a bad file makes it throw an <see cref="EdiFolderException"/> listing every bad file;
    /// with it the good files are returned together with the problems.
    /// </summary>
    public static EdiFolderReadResult ReadFolder(string folder, bool skipBad)
    {
        string[] paths = [.. Directory.EnumerateFiles(folder)
            .Where(p => Path.GetExtension(p).Equals(".edi", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase).ThenBy(p => p, StringComparer.Ordinal)];
        var files = new List<EdiFile>();
        var problems = new List<EdiFormatException>();
        foreach (string path in paths)
        {
            try
            {
                files.Add(Read(path));
            }
            catch (EdiFormatException ex)
            {
                problems.Add(ex);
            }
        }
        if (problems.Count > 0 && !skipBad) throw new EdiFolderException(folder, paths.Length, problems);
        return new EdiFolderReadResult(files, problems);
    }

    /// <summary>Writes this station as an EDI file.</summary>
    public void Write(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(writer);
    }

    /// <summary>Writes this station as EDI text.</summary>
    public void Write(TextWriter writer) => EdiWriter.Write(this, writer);

    /// <summary>This station as EDI text.</summary>
    public string ToEdiText()
    {
        using var writer = new StringWriter();
        Write(writer);
        return writer.ToString();
    }

    /// <summary>
    /// Builds a station from impedances (e.g. a forward-model result) with a default measurement layout
    /// (HX, HY, HZ at the origin, 100 m dipoles EX and EY).
    /// </summary>
    public static EdiFile Create(string dataId, EdiCoordinates position, double[] frequenciesHz,
        EdiImpedanceComponent zxx, EdiImpedanceComponent zxy, EdiImpedanceComponent zyx, EdiImpedanceComponent zyy,
        EdiTipperComponent? tx = null, EdiTipperComponent? ty = null)
    {
        var file = new EdiFile
        {
            Header = new EdiHeader { DataId = dataId, Position = position },
            DefineMeas = new EdiDefineMeas
            {
                Reference = position,
                Measurements =
                [
                    new EdiHMeas("1001.001", EdiChannelType.Hx, 0, 0, 0, 0),
                    new EdiHMeas("1002.001", EdiChannelType.Hy, 0, 0, 0, 90),
                    new EdiHMeas("1003.001", EdiChannelType.Hz, 0, 0, 0, 0),
                    new EdiEMeas("1004.001", EdiChannelType.Ex, -50, 0, 0, 50, 0, 0),
                    new EdiEMeas("1005.001", EdiChannelType.Ey, 0, -50, 0, 0, 50, 0),
                ],
            },
            MtSection = new EdiMtSection
            {
                SectionId = dataId, HxId = "1001.001", HyId = "1002.001", HzId = "1003.001", ExId = "1004.001", EyId = "1005.001",
            },
            FrequenciesHz = frequenciesHz,
            Zxx = zxx,
            Zxy = zxy,
            Zyx = zyx,
            Zyy = zyy,
            Tx = tx,
            Ty = ty,
        };
        file.Validate();
        return file;
    }

    /// <summary>
    /// Exports one station of a 2D forward run (strike along x): TE gives Zxy, TM gives Zyx; Zxx and Zyy are zero,
    /// a mode that was not computed is missing. No variances, no tipper.
    /// </summary>
    public static EdiFile FromForwardResponse(ForwardResponse response, int stationIndex, string dataId, EdiCoordinates position)
    {
        int n = response.FrequenciesHz.Length;
        EdiImpedanceComponent Component(Mode mode) => EdiImpedanceComponent.FromOhm(response.Modes.Contains(mode)
            ? [.. Enumerable.Range(0, n).Select(f => response.Z(mode, f, stationIndex))]
            : [.. Enumerable.Repeat(new Complex(double.NaN, double.NaN), n)]);
        var zero = EdiImpedanceComponent.FromOhm(new Complex[n]);
        return Create(dataId, position, (double[])response.FrequenciesHz.Clone(), zero, Component(Mode.TE), Component(Mode.TM), zero);
    }

    /// <summary>Checks that this station can be written: every per-frequency array has one value per frequency.</summary>
    /// <exception cref="InvalidOperationException">An array has another length, or an &gt;INFO line starts with '&gt;'.</exception>
    public void Validate()
    {
        if (Info.Split('\n').Any(l => l.TrimStart().StartsWith('>')))
            throw new InvalidOperationException("an INFO line starts with '>', which would start a new EDI block");
        int n = FrequenciesHz.Length;
        var lengths = new (string Name, int? Length)[]
        {
            ("ZRotDeg", ZRotDeg?.Length), ("Zxx", Zxx.ValuesOhm.Length), ("Zxy", Zxy.ValuesOhm.Length),
            ("Zyx", Zyx.ValuesOhm.Length), ("Zyy", Zyy.ValuesOhm.Length), ("Tx", Tx?.Values.Length), ("Ty", Ty?.Values.Length),
        };
        foreach (var (name, length) in lengths)
            if (length is int l && l != n)
                throw new InvalidOperationException($"{name} has {l} values but there are {n} frequencies");
    }
}
