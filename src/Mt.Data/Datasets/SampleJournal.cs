using Mt.Data.IO;

namespace Mt.Data.Datasets;

/// <summary>
/// The finished samples of an unfinished data set, one small binary file per sample in a folder beside the output
/// (<c>OUT.parts/</c>), each written atomically: an interrupted run loses at most the sample it was computing, and a
/// rerun of the same command resumes from the samples already there. The folder is tied to one generation job by a
/// key (the data section's hash, the split and the shard); a folder made for another job is cleared first.
/// </summary>
public sealed class SampleJournal
{
    private const int Magic = 0x4D544A31; // "MTJ1"
    private readonly string _folder;
    private readonly int _nz, _ny, _nf, _ns;

    private SampleJournal(string folder, int nz, int ny, int nf, int ns)
    {
        _folder = folder;
        (_nz, _ny, _nf, _ns) = (nz, ny, nf, ns);
    }

    /// <summary>The folder.</summary>
    public string Folder => _folder;

    /// <summary>Opens (or starts) the journal of <paramref name="outputPath"/> for the job <paramref name="key"/>.</summary>
    public static SampleJournal Open(string outputPath, string key, int nz, int ny, int nf, int ns)
    {
        string folder = outputPath + ".parts";
        string keyFile = Path.Combine(folder, "job.key");
        if (Directory.Exists(folder) && (!File.Exists(keyFile) || File.ReadAllText(keyFile) != key))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        if (!File.Exists(keyFile)) AtomicFile.WriteText(keyFile, w => w.Write(key));
        return new SampleJournal(folder, nz, ny, nf, ns);
    }

    private string PathOf(int index) => Path.Combine(_folder, $"sample-{index:D7}.bin");

    /// <summary>True when sample <paramref name="index"/> is stored and whole.</summary>
    public bool Has(int index)
    {
        var info = new FileInfo(PathOf(index));
        return info.Exists && info.Length == ExpectedBytes;
    }

    private long ExpectedBytes => 4 * sizeof(int) + sizeof(int) + sizeof(double) * ((long)_nz * _ny + 4L * _nf * _ns);

    /// <summary>Stores a sample (atomically).</summary>
    public void Add(SampleData sample)
    {
        AtomicFile.Write(PathOf(sample.Index), stream =>
        {
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(_nz); w.Write(_ny); w.Write(_nf); w.Write(_ns);
            foreach (double v in sample.Log10Resistivity) w.Write(v);
            foreach (double v in sample.Log10RhoApp) w.Write(v);
            foreach (double v in sample.PhaseDeg) w.Write(v);
        });
    }

    /// <summary>Reads sample <paramref name="index"/>.</summary>
    public SampleData Read(int index)
    {
        string path = PathOf(index);
        using var r = new BinaryReader(File.OpenRead(path));
        if (r.ReadInt32() != Magic || r.ReadInt32() != _nz || r.ReadInt32() != _ny || r.ReadInt32() != _nf || r.ReadInt32() != _ns)
            throw new DataFileException(path, null, "not a sample of this data set (header differs)");
        var model = new double[_nz, _ny];
        for (int k = 0; k < _nz; k++) for (int j = 0; j < _ny; j++) model[k, j] = r.ReadDouble();
        var rho = new double[2, _nf, _ns];
        var phase = new double[2, _nf, _ns];
        for (int m = 0; m < 2; m++) for (int f = 0; f < _nf; f++) for (int s = 0; s < _ns; s++) rho[m, f, s] = r.ReadDouble();
        for (int m = 0; m < 2; m++) for (int f = 0; f < _nf; f++) for (int s = 0; s < _ns; s++) phase[m, f, s] = r.ReadDouble();
        return new SampleData(index, model, rho, phase);
    }

    /// <summary>Removes the journal once the data set is written.</summary>
    public void Delete() => Directory.Delete(_folder, recursive: true);
}
