using System.Buffers.Binary;

namespace Mt.Reporting.Tests;

/// <summary>Checks of written figure files shared by the tests.</summary>
internal static class FigureFiles
{
    /// <summary>Asserts that <paramref name="png"/> is a PNG and returns its width and height (IHDR, bytes 16..23).</summary>
    public static (int Width, int Height) PngSize(string png)
    {
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    /// <summary>Asserts the CSV beside <paramref name="png"/> is <paramref name="csv"/>, no temporary file is left, and returns its lines.</summary>
    public static string[] CsvBeside(string png, string csv)
    {
        Assert.Equal(Path.ChangeExtension(png, ".csv"), csv);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(png)!, "*.tmp"));
        return File.ReadAllLines(csv);
    }

    /// <summary>The comma-separated fields of a CSV line as numbers (empty and text fields are NaN).</summary>
    public static double[] Numbers(string line) =>
        line.Split(',').Select(f => double.TryParse(f, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : double.NaN).ToArray();

    /// <summary>A copy of <paramref name="model"/> with <paramref name="shift"/>(i, j) added to cell [i, j].</summary>
    public static double[,] Plus(double[,] model, Func<int, int, double> shift)
    {
        var copy = (double[,])model.Clone();
        for (int i = 0; i < copy.GetLength(0); i++)
            for (int j = 0; j < copy.GetLength(1); j++)
                copy[i, j] += shift(i, j);
        return copy;
    }
}
