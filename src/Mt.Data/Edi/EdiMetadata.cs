using System.Globalization;

namespace Mt.Data.Edi;

/// <summary>A geographic position: latitude and longitude in decimal degrees (north and east positive), elevation in metres.</summary>
/// <param name="LatitudeDeg">Latitude in decimal degrees, south negative.</param>
/// <param name="LongitudeDeg">Longitude in decimal degrees, west negative.</param>
/// <param name="ElevationM">Elevation above sea level in metres.</param>
public readonly record struct EdiCoordinates(double LatitudeDeg, double LongitudeDeg, double ElevationM)
{
    /// <summary>
    /// Parses an EDI angle in decimal degrees (<c>-23.64535</c>) or degrees:minutes[:seconds]
    /// (<c>-23:38:43.26</c>); a leading sign applies to the whole angle.
    /// </summary>
    /// <exception cref="FormatException">The text is not an angle.</exception>
    public static double ParseDegrees(string text)
    {
        string s = text.Trim();
        if (!s.Contains(':'))
            return ParseFinite(s, text);
        bool negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        string[] parts = s.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0 || p.StartsWith('-') || p.StartsWith('+')))
            throw new FormatException($"'{text}' is not an angle in degrees:minutes:seconds");
        double deg = ParseFinite(parts[0], text);
        double min = ParseFinite(parts[1], text);
        double sec = parts.Length == 3 ? ParseFinite(parts[2], text) : 0;
        if (min >= 60 || sec >= 60)
            throw new FormatException($"'{text}' has minutes or seconds of 60 or more");
        double value = deg + min / 60 + sec / 3600;
        return negative ? -value : value;
    }

    private static double ParseFinite(string s, string text) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"'{text}' is not an angle in degrees");
}

/// <summary>A field of a header section that this library has no typed property for, kept so that a written file keeps it.</summary>
/// <param name="Name">The field name as written, e.g. <c>STDVERS</c>.</param>
/// <param name="Value">The value without surrounding quotes.</param>
public sealed record EdiField(string Name, string Value);

/// <summary>The &gt;HEAD section of an EDI file.</summary>
public sealed record EdiHeader
{
    /// <summary>DATAID, the station identifier.</summary>
    public required string DataId { get; init; }

    /// <summary>ACQBY, who acquired the data.</summary>
    public string? AcquiredBy { get; init; }

    /// <summary>ACQDATE as written (EDI dates have no single format, so this is kept as text).</summary>
    public string? AcquisitionDate { get; init; }

    /// <summary>FILEDATE as written.</summary>
    public string? FileDate { get; init; }

    /// <summary>PROSPECT, the survey name.</summary>
    public string? Prospect { get; init; }

    /// <summary>LOC, the location name.</summary>
    public string? Location { get; init; }

    /// <summary>LAT, LONG and ELEV of the station (ELEV 0 when absent).</summary>
    public required EdiCoordinates Position { get; init; }

    /// <summary>EMPTY, the value that marks missing data (often 1.0E32); null when the file declares none.</summary>
    public double? EmptyValue { get; init; }

    /// <summary>Other fields of the section, in file order.</summary>
    public IReadOnlyList<EdiField> OtherFields { get; init; } = [];
}

/// <summary>The type of an EDI measurement channel (CHTYPE).</summary>
public enum EdiChannelType
{
    /// <summary>Magnetic field, x (north).</summary>
    Hx,
    /// <summary>Magnetic field, y (east).</summary>
    Hy,
    /// <summary>Magnetic field, z (down).</summary>
    Hz,
    /// <summary>Electric field, x (north).</summary>
    Ex,
    /// <summary>Electric field, y (east).</summary>
    Ey,
    /// <summary>Remote-reference magnetic field, x.</summary>
    Rx,
    /// <summary>Remote-reference magnetic field, y.</summary>
    Ry,
}

/// <summary>A measurement of the &gt;=DEFINEMEAS section; positions in metres relative to the reference point.</summary>
/// <param name="Id">The measurement id as written, e.g. <c>1001.001</c>.</param>
/// <param name="Channel">The channel type.</param>
/// <param name="XM">X (north) position in metres.</param>
/// <param name="YM">Y (east) position in metres.</param>
/// <param name="ZM">Z (down) position in metres.</param>
public abstract record EdiMeasurement(string Id, EdiChannelType Channel, double XM, double YM, double ZM);

/// <summary>A magnetic measurement (&gt;HMEAS).</summary>
/// <param name="Id">The measurement id as written.</param>
/// <param name="Channel">The channel type.</param>
/// <param name="XM">X (north) position in metres.</param>
/// <param name="YM">Y (east) position in metres.</param>
/// <param name="ZM">Z (down) position in metres.</param>
/// <param name="AzimuthDeg">Sensor azimuth in degrees east of north (AZM).</param>
public sealed record EdiHMeas(string Id, EdiChannelType Channel, double XM, double YM, double ZM, double AzimuthDeg)
    : EdiMeasurement(Id, Channel, XM, YM, ZM);

/// <summary>An electric dipole (&gt;EMEAS) from (X, Y, Z) to (X2, Y2, Z2).</summary>
/// <param name="Id">The measurement id as written.</param>
/// <param name="Channel">The channel type.</param>
/// <param name="XM">X (north) of the first electrode in metres.</param>
/// <param name="YM">Y (east) of the first electrode in metres.</param>
/// <param name="ZM">Z (down) of the first electrode in metres.</param>
/// <param name="X2M">X (north) of the second electrode in metres.</param>
/// <param name="Y2M">Y (east) of the second electrode in metres.</param>
/// <param name="Z2M">Z (down) of the second electrode in metres.</param>
public sealed record EdiEMeas(string Id, EdiChannelType Channel, double XM, double YM, double ZM, double X2M, double Y2M, double Z2M)
    : EdiMeasurement(Id, Channel, XM, YM, ZM)
{
    /// <summary>Dipole length in metres.</summary>
    public double LengthM => Math.Sqrt((X2M - XM) * (X2M - XM) + (Y2M - YM) * (Y2M - YM) + (Z2M - ZM) * (Z2M - ZM));

    /// <summary>Dipole azimuth in degrees east of north.</summary>
    public double AzimuthDeg => Math.Atan2(Y2M - YM, X2M - XM) * 180 / Math.PI;
}

/// <summary>The &gt;=DEFINEMEAS section: the reference point and the measurements.</summary>
public sealed record EdiDefineMeas
{
    /// <summary>MAXCHAN.</summary>
    public int MaxChannels { get; init; } = 7;

    /// <summary>MAXRUN.</summary>
    public int MaxRuns { get; init; } = 999;

    /// <summary>MAXMEAS.</summary>
    public int MaxMeasurements { get; init; } = 9999;

    /// <summary>REFTYPE, e.g. CART.</summary>
    public string ReferenceType { get; init; } = "CART";

    /// <summary>REFLAT, REFLONG and REFELEV.</summary>
    public required EdiCoordinates Reference { get; init; }

    /// <summary>The &gt;HMEAS and &gt;EMEAS lines in file order (positions converted to metres if UNITS=FT).</summary>
    public IReadOnlyList<EdiMeasurement> Measurements { get; init; } = [];

    /// <summary>Other fields of the section, in file order.</summary>
    public IReadOnlyList<EdiField> OtherFields { get; init; } = [];
}

/// <summary>The &gt;=MTSECT section: which measurement feeds which channel.</summary>
public sealed record EdiMtSection
{
    /// <summary>SECTID.</summary>
    public string SectionId { get; init; } = "";

    /// <summary>Measurement id of HX, or null.</summary>
    public string? HxId { get; init; }

    /// <summary>Measurement id of HY, or null.</summary>
    public string? HyId { get; init; }

    /// <summary>Measurement id of HZ, or null.</summary>
    public string? HzId { get; init; }

    /// <summary>Measurement id of EX, or null.</summary>
    public string? ExId { get; init; }

    /// <summary>Measurement id of EY, or null.</summary>
    public string? EyId { get; init; }

    /// <summary>Measurement id of RX, or null.</summary>
    public string? RxId { get; init; }

    /// <summary>Measurement id of RY, or null.</summary>
    public string? RyId { get; init; }

    /// <summary>Other fields of the section (NFREQ excluded: it is written from the frequencies), in file order.</summary>
    public IReadOnlyList<EdiField> OtherFields { get; init; } = [];
}
