using System.Text;

namespace Mt.Data.IO;

/// <summary>
/// Writes files so that readers see either the old file or the complete new one: the content goes to a temporary
/// file in the same folder, which then replaces the target. On any failure the temporary file is removed and the
/// target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes UTF-8 text (no byte-order mark) produced by <paramref name="write"/> to <paramref name="path"/>
    /// atomically. The folder must exist.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            write(writer);
        });
    }

    /// <summary>Writes the bytes produced by <paramref name="write"/> to <paramref name="path"/> atomically.
    /// The folder must exist. The stream handed to <paramref name="write"/> is readable, writable and seekable (some
    /// writers, such as HDF5's, go back to patch headers).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"{path} has no folder", nameof(path));
        string tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than a leftover temporary file.
        }
    }
}
