namespace Mt.Data.Datasets;

/// <summary>
/// A synthetic training or test set: <see cref="Count"/> resistivity models on one grid with their apparent
/// resistivities and phases at the same stations and frequencies. Mode index 0 is TE, 1 is TM. The arrays are held,
/// not copied; the constructor checks that their shapes agree.
/// </summary>
public sealed class DataSet
{
    /// <summary>Number of modes in <see cref="Log10RhoApp"/> and <see cref="PhaseDeg"/>: TE and TM.</summary>
    public const int ModeCount = 2;

    /// <summary>Wraps the arrays after checking their shapes; throws <see cref="ArgumentException"/> naming the array
    /// and the shape expected.</summary>
    public DataSet(
        double[] frequenciesHz,
        double[] stationsM,
        double[] yEdgesM,
        double[] zEdgesM,
        double[,,] log10Resistivity,
        double[,,,] log10RhoApp,
        double[,,,] phaseDeg,
        DataSetAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(stationsM);
        ArgumentNullException.ThrowIfNull(yEdgesM);
        ArgumentNullException.ThrowIfNull(zEdgesM);
        ArgumentNullException.ThrowIfNull(log10Resistivity);
        ArgumentNullException.ThrowIfNull(log10RhoApp);
        ArgumentNullException.ThrowIfNull(phaseDeg);
        ArgumentNullException.ThrowIfNull(attributes);

        if (frequenciesHz.Length == 0) throw new ArgumentException("frequenciesHz is empty, expected [nf] with nf >= 1", nameof(frequenciesHz));
        for (int i = 1; i < frequenciesHz.Length; i++)
        {
            if (!(frequenciesHz[i] > frequenciesHz[i - 1]))
                throw new ArgumentException($"frequenciesHz must be strictly ascending; [{i - 1}] = {frequenciesHz[i - 1]}, [{i}] = {frequenciesHz[i]}", nameof(frequenciesHz));
        }

        if (stationsM.Length == 0) throw new ArgumentException("stationsM is empty, expected [ns] with ns >= 1", nameof(stationsM));
        if (yEdgesM.Length < 2) throw new ArgumentException($"yEdgesM has {yEdgesM.Length} values, expected [ny + 1] with ny >= 1", nameof(yEdgesM));
        if (zEdgesM.Length < 2) throw new ArgumentException($"zEdgesM has {zEdgesM.Length} values, expected [nz + 1] with nz >= 1", nameof(zEdgesM));

        int n = log10Resistivity.GetLength(0);
        if (n == 0) throw new ArgumentException("log10Resistivity holds no samples, expected [N, nz, ny] with N >= 1", nameof(log10Resistivity));
        int nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1, nf = frequenciesHz.Length, ns = stationsM.Length;
        CheckShape(log10Resistivity, nameof(log10Resistivity), "[N, nz, ny]", n, nz, ny);
        CheckShape(log10RhoApp, nameof(log10RhoApp), "[N, 2, nf, ns]", n, ModeCount, nf, ns);
        CheckShape(phaseDeg, nameof(phaseDeg), "[N, 2, nf, ns]", n, ModeCount, nf, ns);

        FrequenciesHz = frequenciesHz;
        StationsM = stationsM;
        YEdgesM = yEdgesM;
        ZEdgesM = zEdgesM;
        Log10Resistivity = log10Resistivity;
        Log10RhoApp = log10RhoApp;
        PhaseDeg = phaseDeg;
        Attributes = attributes;
    }

    /// <summary>Frequencies (Hz), strictly ascending, [nf].</summary>
    public double[] FrequenciesHz { get; }

    /// <summary>Station positions (m), [ns].</summary>
    public double[] StationsM { get; }

    /// <summary>Lateral cell edges (m), [ny + 1].</summary>
    public double[] YEdgesM { get; }

    /// <summary>Depth cell edges (m), [nz + 1].</summary>
    public double[] ZEdgesM { get; }

    /// <summary>The models: log10 of the resistivity (ohm m), [N, nz, ny].</summary>
    public double[,,] Log10Resistivity { get; }

    /// <summary>log10 of the apparent resistivity (ohm m), [N, 2, nf, ns], mode 0 TE, 1 TM.</summary>
    public double[,,,] Log10RhoApp { get; }

    /// <summary>Impedance phase (degrees), [N, 2, nf, ns], mode 0 TE, 1 TM.</summary>
    public double[,,,] PhaseDeg { get; }

    /// <summary>Provenance of the set.</summary>
    public DataSetAttributes Attributes { get; }

    /// <summary>The noise level of the data: the <c>noise_level</c> attribute of a noisy copy, 0 for clean data; an
    /// attribute that is not a number in [0, 1) is an <see cref="ArgumentException"/>.</summary>
    public double NoiseLevel => Attributes.Extra.TryGetValue(NoiseLevelAttribute, out string? text)
        ? IO.InvariantNumber.TryParseFinite(text, out double level) && level >= 0 && level < 1
            ? level
            : throw new ArgumentException($"attribute '{NoiseLevelAttribute}' is '{text}', expected a relative noise level in [0, 1)")
        : 0;

    /// <summary>SHA-256 of the content: the frequencies, stations, grid edges, models and responses (not the attributes,
    /// which record where and when the file was made): equal for the same data generated at another commit or on
    /// another machine.</summary>
    public string ContentSha256()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (Array array in new Array[] { FrequenciesHz, StationsM, YEdgesM, ZEdgesM, Log10Resistivity, Log10RhoApp, PhaseDeg })
        {
            var bytes = new byte[Buffer.ByteLength(array)];
            Buffer.BlockCopy(array, 0, bytes, 0, bytes.Length);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Name of the extra attribute of a noisy copy that holds its noise level.</summary>
    public const string NoiseLevelAttribute = "noise_level";

    /// <summary>Sample <paramref name="index"/>'s model (its log10 resistivity on this set's grid) as a resistivity
    /// model; for a prediction file, the predicted model.</summary>
    public Mt.Forward.ResistivityModel Model(int index) =>
        Mt.Forward.ResistivityModel.FromLog10(YEdgesM, ZEdgesM, Sample(index).Log10Resistivity);

    /// <summary>Number of samples, N.</summary>
    public int Count => Log10Resistivity.GetLength(0);

    /// <summary>Number of depth cells.</summary>
    public int Nz => ZEdgesM.Length - 1;

    /// <summary>Number of lateral cells.</summary>
    public int Ny => YEdgesM.Length - 1;

    /// <summary>Number of frequencies.</summary>
    public int Nf => FrequenciesHz.Length;

    /// <summary>Number of stations.</summary>
    public int Ns => StationsM.Length;

    /// <summary>A copy of sample <paramref name="index"/>.</summary>
    public DataSample Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var model = new double[Nz, Ny];
        var rho = new double[ModeCount, Nf, Ns];
        var phase = new double[ModeCount, Nf, Ns];
        CopySlice(Log10Resistivity, index, model);
        CopySlice(Log10RhoApp, index, rho);
        CopySlice(PhaseDeg, index, phase);
        return new DataSample(model, rho, phase);
    }

    /// <summary>Copies slice <paramref name="index"/> along the first axis of <paramref name="source"/> (row-major,
    /// so one contiguous block) into <paramref name="target"/>, whose length is the slice length.</summary>
    private static void CopySlice(Array source, int index, Array target)
    {
        int bytes = target.Length * sizeof(double);
        Buffer.BlockCopy(source, index * bytes, target, 0, bytes);
    }

    private static void CheckShape(Array array, string name, string shapeText, params int[] expected)
    {
        int[] actual = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
        if (!actual.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", actual)}], expected {shapeText} = [{string.Join(", ", expected)}]", name);
        }
    }
}

/// <summary>One sample of a <see cref="DataSet"/>: the model [nz, ny] and its responses [2, nf, ns] (mode 0 TE, 1 TM).</summary>
/// <param name="Log10Resistivity">log10 of the resistivity (ohm m), [nz, ny].</param>
/// <param name="Log10RhoApp">log10 of the apparent resistivity (ohm m), [2, nf, ns].</param>
/// <param name="PhaseDeg">Impedance phase (degrees), [2, nf, ns].</param>
public sealed record DataSample(double[,] Log10Resistivity, double[,,] Log10RhoApp, double[,,] PhaseDeg);
