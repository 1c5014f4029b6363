namespace Mt.Data.IO;

/// <summary>
/// A data file that cannot be read or does not hold what it should. The message is one line naming the file (as it
/// was given), the line where known, and the problem, e.g. <c>model.json: resistivity_ohm_m row 3 has 4 values, expected 5</c>.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> and, where known, a 1-based <paramref name="lineNumber"/>.</summary>
    public DataFileException(string path, int? lineNumber, string problem, Exception? inner = null)
        : base(lineNumber is { } line ? $"{path} line {line}: {problem}" : $"{path}: {problem}", inner)
    {
        FilePath = path;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file, as it was given.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of the problem, or null where it is not about one line.</summary>
    public int? LineNumber { get; }

    /// <summary>The problem, without the file and line.</summary>
    public string Problem { get; }

    /// <summary>Reads the whole of <paramref name="path"/> as text, turning a missing or unreadable file into a
    /// <see cref="DataFileException"/>.</summary>
    public static string ReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
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
}
