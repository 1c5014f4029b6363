using System.Globalization;
using System.Text;
using ScottPlot;

namespace Mt.Reporting;

/// <summary>Writes a figure: the PNG and, beside it, the CSV of its data (same path, extension .csv), each atomically.</summary>
internal static class FigureFile
{
    /// <summary>Renders <paramref name="multiplot"/> at <paramref name="width"/> x <paramref name="height"/> to
    /// <paramref name="pngPath"/> (creating its folder) and the CSV written by <paramref name="writeCsv"/> beside it;
    /// returns the CSV path.</summary>
    public static string Save(Multiplot multiplot, int width, int height, string pngPath, Action<TextWriter> writeCsv)
    {
        string fullPng = Path.GetFullPath(pngPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPng)!);
        byte[] png = multiplot.Render(width, height).GetImageBytes(ImageFormat.Png);
        WriteAtomically(fullPng, stream => stream.Write(png));
        string csvPath = Path.ChangeExtension(fullPng, ".csv");
        WriteAtomically(csvPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writeCsv(writer);
        });
        return csvPath;
    }

    /// <summary>A CSV number: round-trip precision, invariant culture; NaN (a missing value) is empty.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the content to a temporary file in the target's folder, then moves it into place.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
