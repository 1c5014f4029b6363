using System.Globalization;
using Mt.Data.IO;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Mt.Data.Datasets;

/// <summary>
/// Reads and writes a <see cref="DataSet"/> as an HDF5 file (PureHDF). Datasets, all 64-bit little-endian floats:
/// <list type="bullet">
/// <item><c>log10_resistivity</c> [N, nz, ny], <c>log10_rho_app</c> and <c>phase_deg</c> [N, 2, nf, ns] (mode 0 TE,
/// 1 TM), chunked one sample per chunk ([1, nz, ny], [1, 2, nf, ns]) and, by default, compressed (shuffle + deflate),
/// so one sample is read without touching the others;</item>
/// <item><c>frequencies_hz</c> [nf] (ascending), <c>stations_m</c> [ns], <c>y_edges_m</c> [ny + 1],
/// <c>z_edges_m</c> [nz + 1].</item>
/// </list>
/// File attributes: <c>experiment</c>, <c>seed</c> (int64), <c>split</c> (<c>train</c>/<c>test</c>),
/// <c>generator</c>, <c>code_version</c>, <c>frequency_order</c> = <c>ascending</c>, <c>modes</c> = <c>TE,TM</c>,
/// and the extra string attributes. Every failure to read is a <see cref="DataFileException"/> naming the file.
/// </summary>
public static class DataSetFile
{
    /// <summary>Name of the models dataset.</summary>
    public const string Log10ResistivityName = "log10_resistivity";

    /// <summary>Name of the apparent-resistivity dataset.</summary>
    public const string Log10RhoAppName = "log10_rho_app";

    /// <summary>Name of the phase dataset.</summary>
    public const string PhaseDegName = "phase_deg";

    /// <summary>Name of the frequencies dataset.</summary>
    public const string FrequenciesHzName = "frequencies_hz";

    /// <summary>Name of the stations dataset.</summary>
    public const string StationsMName = "stations_m";

    /// <summary>Name of the lateral-edges dataset.</summary>
    public const string YEdgesMName = "y_edges_m";

    /// <summary>Name of the depth-edges dataset.</summary>
    public const string ZEdgesMName = "z_edges_m";

    /// <summary>Value of the <c>frequency_order</c> attribute.</summary>
    public const string FrequencyOrder = "ascending";

    /// <summary>Value of the <c>modes</c> attribute: the order of the mode axis.</summary>
    public const string Modes = "TE,TM";

    /// <summary>The names of the three datasets chunked one sample per chunk.</summary>
    public static IReadOnlyList<string> SampleDatasetNames { get; } = [Log10ResistivityName, Log10RhoAppName, PhaseDegName];

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically: into a temporary file in the same
    /// folder that then replaces <paramref name="path"/>, so an interrupted write leaves no partial file there.
    /// <paramref name="compress"/> applies shuffle + deflate to the per-sample chunks. A folder that is missing or
    /// cannot be written is a <see cref="DataFileException"/>. <paramref name="extraDatasets"/> adds further
    /// (unchunked) datasets, e.g. a mask, that <see cref="Read"/> ignores and <see cref="ReadExtra{T}"/> reads; their
    /// names must differ from the format's own.</summary>
    public static void Write(string path, DataSet data, bool compress = true, IReadOnlyDictionary<string, Array>? extraDatasets = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(data);
        var file = new H5File
        {
            [Log10ResistivityName] = SampleChunked(data.Log10Resistivity, compress),
            [Log10RhoAppName] = SampleChunked(data.Log10RhoApp, compress),
            [PhaseDegName] = SampleChunked(data.PhaseDeg, compress),
            [FrequenciesHzName] = data.FrequenciesHz,
            [StationsMName] = data.StationsM,
            [YEdgesMName] = data.YEdgesM,
            [ZEdgesMName] = data.ZEdgesM,
        };
        foreach ((string name, Array value) in extraDatasets ?? new Dictionary<string, Array>())
        {
            if (file.ContainsKey(name)) throw new ArgumentException($"extra dataset '{name}' uses a name of the format", nameof(extraDatasets));
            file[name] = value;
        }
        DataSetAttributes a = data.Attributes;
        file.Attributes["experiment"] = a.ExperimentName;
        file.Attributes["seed"] = a.Seed;
        file.Attributes["split"] = a.SplitText;
        file.Attributes["generator"] = a.Generator;
        file.Attributes["code_version"] = a.CodeVersion;
        file.Attributes["frequency_order"] = FrequencyOrder;
        file.Attributes["modes"] = Modes;
        foreach ((string name, string value) in a.Extra) file.Attributes[name] = value;

        try
        {
            AtomicFile.Write(path, stream =>
            {
                file.Write(stream);
                Hdf5FillValue.MakeDefined(stream);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, null, $"cannot be written: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the attributes of a set alone (no arrays).</summary>
    public static DataSetAttributes ReadAttributes(string path) => WithFile(path, file => ReadAttributes(path, file));

    /// <summary>Reads the whole set.</summary>
    public static DataSet Read(string path) => WithFile(path, file =>
    {
        ReadShape(path, file);
        DataSetAttributes attributes = ReadAttributes(path, file);
        try
        {
            return new DataSet(
                file.Dataset(FrequenciesHzName).Read<double[]>(),
                file.Dataset(StationsMName).Read<double[]>(),
                file.Dataset(YEdgesMName).Read<double[]>(),
                file.Dataset(ZEdgesMName).Read<double[]>(),
                file.Dataset(Log10ResistivityName).Read<double[,,]>(),
                file.Dataset(Log10RhoAppName).Read<double[,,,]>(),
                file.Dataset(PhaseDegName).Read<double[,,,]>(),
                attributes);
        }
        catch (ArgumentException ex)
        {
            throw new DataFileException(path, null, ex.Message, ex);
        }
    });

    /// <summary>Reads an extra dataset written with <see cref="Write"/> (e.g. <c>double[,,]</c>); a missing one is a
    /// <see cref="DataFileException"/>.</summary>
    public static T ReadExtra<T>(string path, string name) => WithFile(path, file =>
        file.LinkExists(name) ? file.Dataset(name).Read<T>() : throw new DataFileException(path, null, $"dataset '{name}' is missing"));

    /// <summary>Reads the models alone (<c>log10_resistivity</c>, [N, nz, ny]), without the responses.</summary>
    public static double[,,] ReadModels(string path) => WithFile(path, file =>
    {
        ReadShape(path, file);
        return file.Dataset(Log10ResistivityName).Read<double[,,]>();
    });

    /// <summary>Reads sample <paramref name="index"/> alone (one chunk of each of the three sample datasets).</summary>
    public static DataSample ReadSample(string path, int index) => WithFile(path, file =>
    {
        Shape shape = ReadShape(path, file);
        if (index < 0 || index >= shape.Count)
            throw new DataFileException(path, null, $"sample index {index} is out of range: the file holds {shape.Count} samples (0 to {shape.Count - 1})");
        return new DataSample(
            ReadSlice<double[,]>(file, Log10ResistivityName, index, shape.Nz, shape.Ny),
            ReadSlice<double[,,]>(file, Log10RhoAppName, index, DataSet.ModeCount, shape.Nf, shape.Ns),
            ReadSlice<double[,,]>(file, PhaseDegName, index, DataSet.ModeCount, shape.Nf, shape.Ns));
    });

    /// <summary>Number of samples in the file, after checking that its datasets agree in shape.</summary>
    public static int Count(string path) => WithFile(path, file => ReadShape(path, file).Count);

    private static H5Dataset SampleChunked(Array data, bool compress)
    {
        uint[] chunks = Enumerable.Range(0, data.Rank).Select(d => d == 0 ? 1u : (uint)data.GetLength(d)).ToArray();
        List<H5Filter> filters = compress
            ? [ShuffleFilter.Id, new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = 9 })]
            : [];
        return new H5Dataset(data, chunks: chunks, datasetCreation: new H5DatasetCreation(Filters: filters));
    }

    private static T ReadSlice<T>(NativeFile file, string name, int index, params int[] sampleDims)
    {
        ulong[] starts = [(ulong)index, .. sampleDims.Select(_ => 0UL)];
        ulong[] blocks = [1UL, .. sampleDims.Select(d => (ulong)d)];
        var selection = new HyperslabSelection(starts.Length, starts, blocks);
        return file.Dataset(name).Read<T>(selection, memoryDims: sampleDims.Select(d => (ulong)d).ToArray());
    }

    /// <summary>The sizes of a file whose datasets agree.</summary>
    private sealed record Shape(int Count, int Nz, int Ny, int Nf, int Ns);

    private static Shape ReadShape(string path, NativeFile file)
    {
        int nf = (int)Dims(path, file, FrequenciesHzName, "[nf]", false, 1)[0];
        int ns = (int)Dims(path, file, StationsMName, "[ns]", false, 1)[0];
        int ny = (int)Dims(path, file, YEdgesMName, "[ny + 1]", false, 2)[0] - 1;
        int nz = (int)Dims(path, file, ZEdgesMName, "[nz + 1]", false, 2)[0] - 1;
        int n = (int)Dims(path, file, Log10ResistivityName, "[N, nz, ny]", false, 1, nz, ny)[0];
        Dims(path, file, Log10RhoAppName, "[N, 2, nf, ns]", true, n, DataSet.ModeCount, nf, ns);
        Dims(path, file, PhaseDegName, "[N, 2, nf, ns]", true, n, DataSet.ModeCount, nf, ns);
        return new Shape(n, nz, ny, nf, ns);
    }

    /// <summary>The dimensions of dataset <paramref name="name"/>, checked against <paramref name="expected"/>; the
    /// first expected value is a minimum unless <paramref name="exact"/>, the others are exact.</summary>
    private static ulong[] Dims(string path, NativeFile file, string name, string shapeText, bool exact, params int[] expected)
    {
        if (!file.LinkExists(name)) throw new DataFileException(path, null, $"dataset '{name}' is missing");
        IH5Dataset dataset = file.Dataset(name);
        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint || dataset.Type.Size != sizeof(double))
            throw new DataFileException(path, null, $"dataset '{name}' is not of 64-bit floats");
        ulong[] dims = dataset.Space.Dimensions;
        bool ok = dims.Length == expected.Length
            && (exact ? dims[0] == (ulong)expected[0] : dims[0] >= (ulong)expected[0] && dims[0] <= int.MaxValue)
            && dims.Skip(1).SequenceEqual(expected.Skip(1).Select(d => (ulong)d));
        if (!ok)
        {
            string wanted = string.Join(", ", expected.Skip(1).Prepend(expected[0]).Select((d, i) => i == 0 && !exact ? $">= {d}" : $"{d}"));
            throw new DataFileException(path, null, $"dataset '{name}' has shape [{string.Join(", ", dims)}], expected {shapeText} = [{wanted}]");
        }

        return dims;
    }

    private static DataSetAttributes ReadAttributes(string path, NativeFile file)
    {
        string frequencyOrder = StringAttribute(path, file, "frequency_order");
        if (frequencyOrder != FrequencyOrder)
            throw new DataFileException(path, null, $"attribute 'frequency_order' is '{frequencyOrder}', expected '{FrequencyOrder}'");
        string modes = StringAttribute(path, file, "modes");
        if (modes != Modes) throw new DataFileException(path, null, $"attribute 'modes' is '{modes}', expected '{Modes}'");
        string splitText = StringAttribute(path, file, "split");
        if (!DataSetAttributes.TryParseSplit(splitText, out var split))
            throw new DataFileException(path, null, $"attribute 'split' is '{splitText}', expected 'train' or 'test'");

        if (!file.AttributeExists("seed")) throw new DataFileException(path, null, "attribute 'seed' is missing");
        long seed = IntegerAttribute(path, file.Attribute("seed"));

        // Further attributes are kept as text when they are strings (what this class writes) or single numbers (what
        // h5py writes for f.attrs['noise_level'] = 0.05), and otherwise ignored: another tool may add its own.
        var extra = new Dictionary<string, string>();
        foreach (IH5Attribute attribute in file.Attributes())
        {
            if (DataSetAttributes.ReservedNames.Contains(attribute.Name)) continue;
            string? text = attribute.Type.Class switch
            {
                H5DataTypeClass.String => StringAttribute(path, file, attribute.Name),
                // Variable-length strings (what PureHDF and h5py write for str) or sequences of something else.
                H5DataTypeClass.VariableLength => TryString(attribute),
                _ => NumberText(path, attribute),
            };
            if (text is not null) extra[attribute.Name] = text;
        }
        return new DataSetAttributes(
            StringAttribute(path, file, "experiment"),
            seed,
            split,
            StringAttribute(path, file, "generator"),
            StringAttribute(path, file, "code_version"),
            extra);
    }

    /// <summary>The attribute as a string, or null when it is a variable-length sequence of something else.</summary>
    private static string? TryString(IH5Attribute attribute)
    {
        try
        {
            return attribute.Read<string>();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>A single integer or float attribute as invariant text, or null for any other kind.</summary>
    private static string? NumberText(string path, IH5Attribute attribute)
    {
        bool scalar = attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) == 1;
        return (attribute.Type.Class, attribute.Type.Size) switch
        {
            (H5DataTypeClass.FixedPoint, _) when scalar => IntegerAttribute(path, attribute).ToString(CultureInfo.InvariantCulture),
            (H5DataTypeClass.FloatingPoint, 8) when scalar => InvariantNumber.Format(attribute.Read<double>()),
            (H5DataTypeClass.FloatingPoint, 4) when scalar => InvariantNumber.Format(attribute.Read<float>()),
            _ => null,
        };
    }

    /// <summary>An integer attribute of any width and signedness (another tool may write the seed as int32), as a
    /// long; a non-integer or one beyond the range of long is a <see cref="DataFileException"/>.</summary>
    private static long IntegerAttribute(string path, IH5Attribute attribute)
    {
        if (attribute.Type.Class != H5DataTypeClass.FixedPoint || attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) != 1)
            throw new DataFileException(path, null, $"attribute '{attribute.Name}' is not a single integer");
        bool signed = attribute.Type.FixedPoint.IsSigned;
        try
        {
            return (attribute.Type.Size, signed) switch
            {
                (1, true) => attribute.Read<sbyte>(),
                (1, false) => attribute.Read<byte>(),
                (2, true) => attribute.Read<short>(),
                (2, false) => attribute.Read<ushort>(),
                (4, true) => attribute.Read<int>(),
                (4, false) => attribute.Read<uint>(),
                (8, true) => attribute.Read<long>(),
                (8, false) => checked((long)attribute.Read<ulong>()),
                _ => throw new DataFileException(path, null, $"attribute '{attribute.Name}' is a {attribute.Type.Size}-byte integer; 1, 2, 4 or 8 bytes are read"),
            };
        }
        catch (OverflowException)
        {
            throw new DataFileException(path, null, $"attribute '{attribute.Name}' does not fit a 64-bit signed integer");
        }
    }

    private static string StringAttribute(string path, NativeFile file, string name)
    {
        if (!file.AttributeExists(name)) throw new DataFileException(path, null, $"attribute '{name}' is missing");
        try
        {
            return file.Attribute(name).Read<string>() ?? throw new DataFileException(path, null, $"attribute '{name}' is null");
        }
        catch (Exception ex) when (ex is not DataFileException)
        {
            throw new DataFileException(path, null, $"attribute '{name}' is not a string: {ex.Message}", ex);
        }
    }

    /// <summary>Opens <paramref name="path"/> and runs <paramref name="read"/> on it, turning a missing, unreadable,
    /// non-HDF5 or damaged file into a <see cref="DataFileException"/>.</summary>
    private static T WithFile<T>(string path, Func<NativeFile, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            if (!HasHdf5Signature(path)) throw new DataFileException(path, null, "not an HDF5 file");
            using NativeFile file = H5File.OpenRead(path);
            return read(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, null, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, null, $"cannot be read: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not DataFileException)
        {
            // PureHDF reports a damaged file with plain exceptions; the user needs the file and the reason, not a trace.
            throw new DataFileException(path, null, $"damaged HDF5 file: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the file starts with the HDF5 signature (files with a user block, which put it at 512, 1024,
    /// … bytes, are not written by this class).</summary>
    private static bool HasHdf5Signature(string path)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];
        Span<byte> head = stackalloc byte[8];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(signature);
    }
}
