using System.Security.Cryptography;

namespace Mt.Data.IO;

/// <summary>SHA-256 of files, as lower-case hex, for provenance records (model cards, metrics, manifests).</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of the bytes of <paramref name="path"/>; a missing or unreadable file is a
    /// <see cref="DataFileException"/> naming it.</summary>
    public static string Sha256(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, null, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, null, $"cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Text(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
