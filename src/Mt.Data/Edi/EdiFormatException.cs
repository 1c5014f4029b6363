namespace Mt.Data.Edi;

/// <summary>
/// A problem in an EDI file. The message reads <c>file:line: problem</c>, e.g.
/// <c>c02cp2.edi:81: &gt;ZXYR says 36 values but 35 were read</c>.
/// </summary>
public sealed class EdiFormatException : Exception
{
    /// <summary>Creates the exception for a problem at a 1-based line of a file.</summary>
    public EdiFormatException(string fileName, int lineNumber, string problem, Exception? inner = null)
        : base($"{fileName}:{lineNumber}: {problem}", inner)
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file name (without folder) the problem is in.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line number the problem was found at.</summary>
    public int LineNumber { get; }

    /// <summary>The problem, without file and line.</summary>
    public string Problem { get; }
}

/// <summary>Thrown by <see cref="EdiFile.ReadFolder"/> without skipping: lists every bad file, one message a line.</summary>
public sealed class EdiFolderException : Exception
{
    /// <summary>Creates the exception from the problems found in a folder.</summary>
    public EdiFolderException(string folder, int fileCount, IReadOnlyList<EdiFormatException> problems)
        : base($"{problems.Count} of {fileCount} EDI files in {folder} could not be read:{Environment.NewLine}"
               + string.Join(Environment.NewLine, problems.Select(p => p.Message)))
    {
        Problems = problems;
    }

    /// <summary>One problem per bad file, in file-name order.</summary>
    public IReadOnlyList<EdiFormatException> Problems { get; }
}

/// <summary>The result of <see cref="EdiFile.ReadFolder"/> with skipping: the good files and the problems of the bad ones.</summary>
/// <param name="Files">The files that were read, in file-name order.</param>
/// <param name="Problems">One problem per bad file, in file-name order.</param>
public sealed record EdiFolderReadResult(IReadOnlyList<EdiFile> Files, IReadOnlyList<EdiFormatException> Problems);
