using System.Globalization;
using System.Numerics;

namespace Mt.Data.Edi;

/// <summary>
/// Writes EDI text. Numbers use the shortest round-trip format ("R"), so reading the text back gives the same doubles;
/// NaN (missing) values are written as the EMPTY value (the header's, else 1.0E32, then declared in &gt;HEAD).
/// </summary>
internal static class EdiWriter
{
    private const double DefaultEmptyValue = 1.0E32;
    private const int ValuesPerLine = 5;

    public static void Write(EdiFile edi, TextWriter w)
    {
        edi.Validate();
        w.NewLine = "\n";
        bool anyNaN = DataBlocks(edi).Any(b => b.Values.Any(double.IsNaN));
        double? empty = edi.Header.EmptyValue ?? (anyNaN ? DefaultEmptyValue : null);

        var h = edi.Header;
        w.WriteLine(">HEAD");
        Field(w, "DATAID", Quote(h.DataId));
        OptionalField(w, "ACQBY", h.AcquiredBy);
        OptionalField(w, "ACQDATE", h.AcquisitionDate);
        OptionalField(w, "FILEDATE", h.FileDate);
        OptionalField(w, "PROSPECT", h.Prospect);
        OptionalField(w, "LOC", h.Location);
        Field(w, "LAT", F(h.Position.LatitudeDeg));
        Field(w, "LONG", F(h.Position.LongitudeDeg));
        Field(w, "ELEV", F(h.Position.ElevationM));
        if (empty is double e) Field(w, "EMPTY", F(e));
        OtherFields(w, h.OtherFields);

        w.WriteLine();
        w.WriteLine(">INFO");
        if (edi.Info.Length > 0) w.WriteLine(edi.Info);

        var d = edi.DefineMeas;
        w.WriteLine();
        w.WriteLine(">=DEFINEMEAS");
        Field(w, "MAXCHAN", d.MaxChannels.ToString(CultureInfo.InvariantCulture));
        Field(w, "MAXRUN", d.MaxRuns.ToString(CultureInfo.InvariantCulture));
        Field(w, "MAXMEAS", d.MaxMeasurements.ToString(CultureInfo.InvariantCulture));
        Field(w, "UNITS", "M");
        Field(w, "REFTYPE", d.ReferenceType);
        Field(w, "REFLAT", F(d.Reference.LatitudeDeg));
        Field(w, "REFLONG", F(d.Reference.LongitudeDeg));
        Field(w, "REFELEV", F(d.Reference.ElevationM));
        OtherFields(w, d.OtherFields);
        w.WriteLine();
        foreach (var m in d.Measurements)
        {
            string common = $"ID={m.Id} CHTYPE={m.Channel.ToString().ToUpperInvariant()} X={F(m.XM)} Y={F(m.YM)} Z={F(m.ZM)}";
            w.WriteLine(m switch
            {
                EdiHMeas hm => $">HMEAS {common} AZM={F(hm.AzimuthDeg)}",
                EdiEMeas em => $">EMEAS {common} X2={F(em.X2M)} Y2={F(em.Y2M)} Z2={F(em.Z2M)}",
                _ => throw new InvalidOperationException($"unknown measurement type {m.GetType().Name}"),
            });
        }

        var s = edi.MtSection;
        w.WriteLine();
        w.WriteLine(">=MTSECT");
        Field(w, "SECTID", Quote(s.SectionId));
        Field(w, "NFREQ", edi.FrequenciesHz.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, id) in new[] { ("HX", s.HxId), ("HY", s.HyId), ("HZ", s.HzId), ("EX", s.ExId), ("EY", s.EyId), ("RX", s.RxId), ("RY", s.RyId) })
            if (id is not null) Field(w, name, id);
        OtherFields(w, s.OtherFields);
        w.WriteLine();

        foreach (var (header, values) in DataBlocks(edi))
        {
            w.WriteLine($">{header} // {values.Length}");
            for (int i = 0; i < values.Length; i += ValuesPerLine)
                w.WriteLine("  " + string.Join("  ", values.Skip(i).Take(ValuesPerLine).Select(v => F(double.IsNaN(v) ? empty!.Value : v))));
        }
        w.WriteLine(">END");
    }

    /// <summary>The data blocks in file order: block header (without '>' and count) and values.</summary>
    private static IEnumerable<(string Header, double[] Values)> DataBlocks(EdiFile edi)
    {
        double[] f = edi.FrequenciesHz;
        string order = f.Zip(f.Skip(1)).All(p => p.First > p.Second) ? " ORDER=DEC"
            : f.Zip(f.Skip(1)).All(p => p.First < p.Second) ? " ORDER=INC" : "";
        yield return ($"FREQ NFREQ={f.Length}{order}", f);
        if (edi.ZRotDeg is not null) yield return ("ZROT", edi.ZRotDeg);
        string rot = edi.ZRotDeg is null ? "" : " ROT=ZROT";
        foreach (var (name, z) in new[] { ("XX", edi.Zxx), ("XY", edi.Zxy), ("YX", edi.Zyx), ("YY", edi.Zyy) })
        {
            yield return ($"Z{name}R{rot}", Parts(z.ValuesMvPerKmPerNt, c => c.Real));
            yield return ($"Z{name}I{rot}", Parts(z.ValuesMvPerKmPerNt, c => c.Imaginary));
            if (z.VariancesMvPerKmPerNtSquared is not null) yield return ($"Z{name}.VAR{rot}", z.VariancesMvPerKmPerNtSquared);
        }
        foreach (var (name, t) in new[] { ("X", edi.Tx), ("Y", edi.Ty) })
        {
            if (t is null) continue;
            yield return ($"T{name}R.EXP", Parts(t.Values, c => c.Real));
            yield return ($"T{name}I.EXP", Parts(t.Values, c => c.Imaginary));
            if (t.Variances is not null) yield return ($"T{name}VAR.EXP", t.Variances);
        }
    }

    private static double[] Parts(Complex[] values, Func<Complex, double> part) => [.. values.Select(part)];

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => $"\"{s}\"";

    private static void Field(TextWriter w, string name, string value) => w.WriteLine($"  {name}={value}");

    private static void OptionalField(TextWriter w, string name, string? value)
    {
        if (value is not null) Field(w, name, Quote(value));
    }

    private static void OtherFields(TextWriter w, IReadOnlyList<EdiField> fields)
    {
        foreach (var f in fields) Field(w, f.Name, Quote(f.Value));
    }
}
