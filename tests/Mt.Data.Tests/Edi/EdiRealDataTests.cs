using Mt.Data.Edi;
using Mt.Forward;

namespace Mt.Data.Tests.Edi;

/// <summary>The 25 real Capricorn CP2 stations (skipped, saying so, when the shared data folder is absent).</summary>
public class EdiRealDataTests
{
    private static EdiFile ReadReal(string name) => EdiFile.Read(Path.Combine(SharedData.RequireFolder(), name));

    [SkippableTheory]
    [MemberData(nameof(SharedData.FileNames), MemberType = typeof(SharedData))]
    public void Real_file_parses_with_36_frequencies_and_plausible_values(string name)
    {
        var edi = ReadReal(name);

        Assert.Equal(name, edi.SourceFileName);
        Assert.Matches("^CP[123]B", edi.Header.DataId);
        Assert.Equal(36, edi.FrequenciesHz.Length);
        Assert.Equal(250, edi.FrequenciesHz[0]);
        Assert.Equal(0.001221, edi.FrequenciesHz[^1]);
        Assert.True(edi.FrequenciesHz.Zip(edi.FrequenciesHz.Skip(1)).All(p => p.First > p.Second), "descending as in the file");
        Assert.InRange(edi.Position.LatitudeDeg, -27, -22);
        Assert.InRange(edi.Position.LongitudeDeg, 115, 120);
        Assert.InRange(edi.Position.ElevationM, 0, 1500);
        Assert.Equal(edi.Position, edi.DefineMeas.Reference);
        Assert.Equal(6, edi.DefineMeas.Measurements.Count);
        var ex = Assert.IsType<EdiEMeas>(edi.DefineMeas.Measurements.Single(m => m.Id == edi.MtSection.ExId));
        Assert.InRange(ex.LengthM, 30, 100);
        Assert.Equal(0, ex.AzimuthDeg, 9);
        Assert.Null(edi.ZRotDeg);
        Assert.NotNull(edi.Tx);
        Assert.NotNull(edi.Ty);

        foreach (var z in edi.ImpedanceComponents)
        {
            Assert.Equal(36, z.ValuesOhm.Length);
            Assert.DoesNotContain(true, z.IsMissing);
            Assert.All(z.VariancesOhmSquared!, v => Assert.True(v >= 0));
        }
        foreach (var z in new[] { edi.Zxy, edi.Zyx })
        {
            int plausible = Enumerable.Range(0, 36)
                .Count(k => Impedance.RhoAppOhmM(z.ValuesOhm[k], edi.FrequenciesHz[k]) is >= 0.01 and <= 1e5);
            Assert.True(plausible >= 30, $"only {plausible} of 36 apparent resistivities in [0.01, 1e5] ohm-m");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(SharedData.FileNames), MemberType = typeof(SharedData))]
    public void Real_file_write_read_round_trip_is_bit_exact(string name)
    {
        var original = ReadReal(name);
        string text = original.ToEdiText();
        var reread = EdiFile.Parse(text, name);

        EdiSamples.AssertBitIdentical(original, reread);
        Assert.Equal(text, reread.ToEdiText());
    }

    [SkippableFact]
    public void Folder_reader_reads_all_25_files_in_name_order()
    {
        var result = EdiFile.ReadFolder(SharedData.RequireFolder(), skipBad: false);

        Assert.Empty(result.Problems);
        Assert.Equal(25, result.Files.Count);
        var names = result.Files.Select(f => f.SourceFileName!).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.Contains("C07cp2.edi", names);
    }

    [SkippableFact]
    public void Folder_reader_reports_every_bad_file_or_skips_them()
    {
        string source = SharedData.RequireFolder();
        string dir = Directory.CreateTempSubdirectory("edi-folder-").FullName;
        try
        {
            File.Copy(Path.Combine(source, "c02cp2.edi"), Path.Combine(dir, "a.edi"));
            File.Copy(Path.Combine(source, "c03cp1.edi"), Path.Combine(dir, "B.EDI"));
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "not an EDI file");
            string text = File.ReadAllText(Path.Combine(source, "c05cp1.edi"));
            File.WriteAllText(Path.Combine(dir, "c.edi"), text.Replace(">FREQ   NFREQ=36   ORDER=DEC   // 36", ">FREQ // 37"));
            File.WriteAllText(Path.Combine(dir, "d.Edi"), text.Replace(">END", ""));

            var thrown = Assert.Throws<EdiFolderException>(() => EdiFile.ReadFolder(dir, skipBad: false));
            string[] lines = thrown.Message.Split(Environment.NewLine);
            Assert.Equal($"2 of 4 EDI files in {dir} could not be read:", lines[0]);
            Assert.Equal("c.edi:44: >FREQ says 37 values but 36 were read", lines[1]);
            Assert.StartsWith("d.Edi:", lines[2]);
            Assert.EndsWith("missing >END: the file ends without it (truncated?)", lines[2]);

            var result = EdiFile.ReadFolder(dir, skipBad: true);
            Assert.Equal(["a.edi", "B.EDI"], result.Files.Select(f => f.SourceFileName));
            Assert.Equal(["c.edi", "d.Edi"], result.Problems.Select(p => p.FileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
