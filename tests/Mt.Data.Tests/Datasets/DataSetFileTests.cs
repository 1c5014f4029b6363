using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Data.IO;
using Mt.Data.Tests.Experiments;
using PureHDF;

namespace Mt.Data.Tests.Datasets;

public sealed class DataSetFileTests : IDisposable
{
    private const int N = 3, Nz = 4, Ny = 5, Nf = 6, Ns = 5;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>A set of random values, with a few awkward ones (signed zero, subnormal, NaN, infinity) so that
    /// the round trip is seen to keep every bit.</summary>
    internal static DataSet RandomSet(int seed, int n = N, int nz = Nz, int ny = Ny, int nf = Nf, int ns = Ns)
    {
        var random = new Random(seed);
        double[] Ascending(int count) => Enumerable.Range(0, count).Select(i => i + random.NextDouble()).ToArray();
        void Fill(Array array)
        {
            var bytes = new byte[Buffer.ByteLength(array)];
            random.NextBytes(bytes);
            Buffer.BlockCopy(bytes, 0, array, 0, bytes.Length);
        }

        var models = new double[n, nz, ny];
        var rho = new double[n, 2, nf, ns];
        var phase = new double[n, 2, nf, ns];
        foreach (Array array in new Array[] { models, rho, phase }) Fill(array);
        models[0, 0, 0] = -0.0;
        rho[0, 1, 0, 0] = double.Epsilon;
        phase[n - 1, 1, nf - 1, ns - 1] = double.NaN;
        phase[0, 0, 0, 0] = double.NegativeInfinity;
        var attributes = new DataSetAttributes("paper", -1234567890123L, DataSplit.Test, "geology+forward", "abc123",
            new Dictionary<string, string> { ["note"] = "ünïcode, commas", ["empty"] = "" });
        return new DataSet(Ascending(nf), Ascending(ns), Ascending(ny + 1), Ascending(nz + 1), models, rho, phase, attributes);
    }

    private string WriteRandom(bool compress = true)
    {
        string path = Path.Combine(folder.Path, "set.h5");
        DataSetFile.Write(path, RandomSet(7), compress);
        return path;
    }

    private static long[] Bits(Array array) => array.Cast<double>().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static void AssertBitEqual(Array expected, Array actual)
    {
        Assert.Equal(Enumerable.Range(0, expected.Rank).Select(expected.GetLength), Enumerable.Range(0, actual.Rank).Select(actual.GetLength));
        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Round_trip_is_bit_exact(bool compress)
    {
        DataSet written = RandomSet(7);
        string path = WriteRandom(compress);

        DataSet read = DataSetFile.Read(path);

        Array[] Arrays(DataSet d) => [d.FrequenciesHz, d.StationsM, d.YEdgesM, d.ZEdgesM, d.Log10Resistivity, d.Log10RhoApp, d.PhaseDeg];
        foreach ((Array expected, Array actual) in Arrays(written).Zip(Arrays(read))) AssertBitEqual(expected, actual);
        Assert.Equal(written.Attributes, read.Attributes);
        Assert.Equal(written.Attributes.Extra, read.Attributes.Extra);
        Assert.Equal(N, DataSetFile.Count(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(N - 1)]
    public void ReadSample_equals_the_slice_of_Read(int index)
    {
        string path = WriteRandom();
        DataSample expected = DataSetFile.Read(path).Sample(index);

        DataSample actual = DataSetFile.ReadSample(path, index);

        AssertBitEqual(expected.Log10Resistivity, actual.Log10Resistivity);
        AssertBitEqual(expected.Log10RhoApp, actual.Log10RhoApp);
        AssertBitEqual(expected.PhaseDeg, actual.PhaseDeg);
    }

    [Theory]
    [InlineData(DataSetFile.Log10ResistivityName, new ulong[] { 1, Nz, Ny })]
    [InlineData(DataSetFile.Log10RhoAppName, new ulong[] { 1, 2, Nf, Ns })]
    [InlineData(DataSetFile.PhaseDegName, new ulong[] { 1, 2, Nf, Ns })]
    public void Sample_datasets_are_chunked_one_sample_per_chunk(string name, ulong[] chunk)
    {
        string path = WriteRandom();

        using var file = H5File.OpenRead(path);
        IH5Dataset dataset = file.Dataset(name);

        Assert.Equal(H5DataLayoutClass.Chunked, dataset.Layout.Class);
        Assert.Equal(chunk, dataset.Layout.Chunks);
    }

    [Fact]
    public void File_attributes_name_the_frequency_order_and_the_modes()
    {
        string path = WriteRandom();

        using var file = H5File.OpenRead(path);

        Assert.Equal("ascending", file.Attribute("frequency_order").Read<string>());
        Assert.Equal("TE,TM", file.Attribute("modes").Read<string>());
        Assert.Equal("test", file.Attribute("split").Read<string>());
    }

    [Fact]
    public void Write_leaves_no_temporary_file_and_replaces_an_existing_file()
    {
        string path = Path.Combine(folder.Path, "set.h5");
        File.WriteAllText(path, "old content");

        DataSetFile.Write(path, RandomSet(7));

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        Assert.Equal(N, DataSetFile.Count(path));
    }

    [Theory]
    [InlineData("missing-folder")]
    [InlineData("a-file-not-a-folder")]
    public void Writing_into_an_unusable_folder_fails_naming_the_file_and_leaves_nothing(string kind)
    {
        string target = Path.Combine(folder.Path, kind);
        if (kind == "a-file-not-a-folder") File.WriteAllText(target, "x");
        string[] before = Directory.GetFileSystemEntries(folder.Path);
        string path = Path.Combine(target, "set.h5");

        var ex = Assert.Throws<DataFileException>(() => DataSetFile.Write(path, RandomSet(7)));

        Assert.StartsWith(path + ": cannot be written", ex.Message);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder.Path));
    }

    public static TheoryData<string, Func<string, object>, string> BadFiles => new()
    {
        { "missing.h5", path => DataSetFile.Read(path), "file not found" },
        { "text.h5", path => DataSetFile.Count(path), "not an HDF5 file" },
        { "empty.h5", path => DataSetFile.ReadSample(path, 0), "not an HDF5 file" },
        { "set.h5", path => DataSetFile.ReadSample(path, N), $"sample index {N} is out of range" },
        { "set.h5", path => DataSetFile.ReadSample(path, -1), "sample index -1 is out of range" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_input_is_a_DataFileException_naming_the_file(string name, Func<string, object> read, string problem)
    {
        WriteRandom();
        File.WriteAllText(Path.Combine(folder.Path, "text.h5"), "time,value\n1,2\n");
        File.WriteAllBytes(Path.Combine(folder.Path, "empty.h5"), []);
        string path = Path.Combine(folder.Path, name);

        var ex = Assert.Throws<DataFileException>(() => read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith($"{path}: {problem}", ex.Message);
    }

    public static TheoryData<string, Action<H5File>, string> DamagedSets => new()
    {
        { "missing dataset", file => file.Remove(DataSetFile.PhaseDegName), "dataset 'phase_deg' is missing" },
        {
            "wrong shape",
            file => file[DataSetFile.PhaseDegName] = new double[N, 2, Nf, Ns + 1],
            $"dataset 'phase_deg' has shape [{N}, 2, {Nf}, {Ns + 1}], expected [N, 2, nf, ns] = [{N}, 2, {Nf}, {Ns}]"
        },
        { "missing attribute", file => file.Attributes.Remove("seed"), "attribute 'seed' is missing" },
        { "wrong modes", file => file.Attributes["modes"] = "TM,TE", "attribute 'modes' is 'TM,TE', expected 'TE,TM'" },
    };

    /// <summary>A data-set file made by hand with PureHDF from <see cref="RandomSet"/>, changed by
    /// <paramref name="change"/> before it is written, as another tool might write it.</summary>
    private string HandMadeFile(Action<H5File> change)
    {
        DataSet set = RandomSet(7);
        var file = new H5File
        {
            [DataSetFile.Log10ResistivityName] = set.Log10Resistivity,
            [DataSetFile.Log10RhoAppName] = set.Log10RhoApp,
            [DataSetFile.PhaseDegName] = set.PhaseDeg,
            [DataSetFile.FrequenciesHzName] = set.FrequenciesHz,
            [DataSetFile.StationsMName] = set.StationsM,
            [DataSetFile.YEdgesMName] = set.YEdgesM,
            [DataSetFile.ZEdgesMName] = set.ZEdgesM,
        };
        foreach ((string name, object value) in new Dictionary<string, object>
        {
            ["experiment"] = "e", ["seed"] = 1L, ["split"] = "train", ["generator"] = "g", ["code_version"] = "v",
            ["frequency_order"] = "ascending", ["modes"] = "TE,TM",
        })
        {
            file.Attributes[name] = value;
        }

        change(file);
        string path = Path.Combine(folder.Path, "hand-made.h5");
        file.Write(path);
        return path;
    }

    [Theory]
    [MemberData(nameof(DamagedSets))]
    public void A_file_missing_parts_is_a_DataFileException_saying_what(string why, Action<H5File> damage, string problem)
    {
        string path = HandMadeFile(damage);

        var ex = Assert.Throws<DataFileException>(() => DataSetFile.Read(path));

        Assert.True(ex.Message == $"{path}: {problem}", $"{why}: {ex.Message}");
    }

    public static TheoryData<object> SeedsOfEveryWidth => new() { (sbyte)-7, (byte)7, (short)-7, (ushort)7, -7, 7u, -7L, 7UL };

    /// <summary>h5py writes a Python int as int64, numpy as any width: every integer width is a seed.</summary>
    [Theory]
    [MemberData(nameof(SeedsOfEveryWidth))]
    public void A_seed_of_any_integer_width_is_read(object seed)
    {
        string path = HandMadeFile(file => file.Attributes["seed"] = seed);

        Assert.Equal(Convert.ToInt64(seed, System.Globalization.CultureInfo.InvariantCulture), DataSetFile.Read(path).Attributes.Seed);
    }

    [Fact]
    public void A_seed_beyond_a_64_bit_signed_integer_is_refused_as_such()
    {
        string path = HandMadeFile(file => file.Attributes["seed"] = ulong.MaxValue);

        var ex = Assert.Throws<DataFileException>(() => DataSetFile.Read(path));

        Assert.Equal($"{path}: attribute 'seed' does not fit a 64-bit signed integer", ex.Message);
    }

    /// <summary>Numbers that another tool stores as numbers are kept as text (a noise level written by h5py is still
    /// the noise level); attributes of other kinds are ignored, not fatal.</summary>
    [Fact]
    public void Numeric_extra_attributes_are_kept_as_text_and_others_ignored()
    {
        string path = HandMadeFile(file =>
        {
            file.Attributes["noise_level"] = 0.05;
            file.Attributes["split_count"] = 12;
            file.Attributes["history"] = new[] { 1.0, 2.0, 3.0 };
        });

        var extra = DataSetFile.Read(path).Attributes.Extra;

        Assert.Equal("0.05", extra["noise_level"]);
        Assert.Equal("12", extra["split_count"]);
        Assert.False(extra.ContainsKey("history"));
    }

    /// <summary>Reference values of Bob Jenkins' lookup3.c (its driver prints hashlittle of this sentence with
    /// initial value 0), and the empty key.</summary>
    [Theory]
    [InlineData("", 0xdeadbeefu)]
    [InlineData("Four score and seven years ago", 0x17770551u)]
    public void Lookup3_gives_the_reference_checksums(string key, uint expected) =>
        Assert.Equal(expected, Hdf5FillValue.Lookup3(System.Text.Encoding.ASCII.GetBytes(key)));

    [Fact]
    public void Every_dataset_written_gets_a_defined_fill_value()
    {
        string path = WriteRandom();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);

        // The written file has nothing left to patch, and each of its seven datasets was patched once.
        Assert.Equal(0, Hdf5FillValue.MakeDefined(stream));
        using var unpatched = new MemoryStream();
        var set = RandomSet(7);
        new H5File { ["x"] = set.FrequenciesHz, ["y"] = set.Log10Resistivity }.Write(unpatched);
        Assert.Equal(2, Hdf5FillValue.MakeDefined(unpatched));
    }

    /// <summary>The file as h5py (the HDF5 library) sees it: it opens (the patched object headers' checksums are
    /// right), every dataset reports the fill value 0, and the data are those written. Runs where Debian's python3 has
    /// h5py (<c>.ci/run</c> installs python3-h5py).</summary>
    [SkippableFact]
    public void H5py_reads_the_file_and_its_fill_values()
    {
        const string python = "/usr/bin/python3";
        Skip.IfNot(File.Exists(python) && RunPython(python, "import h5py").Code == 0, "h5py is not installed for /usr/bin/python3 (Debian package python3-h5py)");
        string path = WriteRandom();
        DataSet set = RandomSet(7);

        var (code, output) = RunPython(python,
            "import h5py, sys\n"
            + "f = h5py.File(sys.argv[1], 'r')\n"
            + "for name in sorted(f.keys()): print(name, f[name].fillvalue)\n"
            + "print('stations', ' '.join(repr(float(v)) for v in f['stations_m'][:]))\n"
            + "print('seed', int(f.attrs['seed']))\n", path);

        Assert.True(code == 0, output);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Count(l => l.EndsWith(" 0.0", StringComparison.Ordinal)));
        Assert.Contains("stations " + string.Join(' ', set.StationsM.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))), lines);
        Assert.Contains($"seed {set.Attributes.Seed}", lines);
    }

    private static (int Code, string Output) RunPython(string python, string script, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
