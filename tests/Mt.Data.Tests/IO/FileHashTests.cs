using Mt.Data.IO;

namespace Mt.Data.Tests.IO;

/// <summary>SHA-256 of files: the published test vector, and a missing file named in one line.</summary>
public sealed class FileHashTests
{
    [Fact]
    public void HashOfAbcIsTheTestVector()
    {
        string path = Path.Combine(Path.GetTempPath(), "mt-filehash-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "abc");
        try
        {
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileHash.Sha256(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), "mt-filehash-absent-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DataFileException>(() => FileHash.Sha256(path));
        Assert.Equal($"{path}: file not found", ex.Message);
    }
}
