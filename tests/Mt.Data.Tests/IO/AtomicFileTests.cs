using Mt.Data.IO;

namespace Mt.Data.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FailureWhileWritingLeavesTheOldFileAndNoTemporaryFile()
    {
        string path = _folder.Write("out.csv", "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, writer =>
        {
            writer.Write(new string('x', 100_000));
            throw new InvalidOperationException("failed half-way");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["out.csv"], _folder.FileNames());
    }

    [Fact]
    public void SuccessReplacesTheFile()
    {
        string path = _folder.Write("out.csv", "old");
        AtomicFile.WriteText(path, writer => writer.Write("new"));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["out.csv"], _folder.FileNames());
    }
}
