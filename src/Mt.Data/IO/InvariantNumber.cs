using System.Globalization;

namespace Mt.Data.IO;

/// <summary>Culture-independent text form of numbers in data files and on the command line.</summary>
public static class InvariantNumber
{
    /// <summary>Formats with the invariant culture in round-trip precision (parsing gives back the same bits).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a finite number written with the invariant culture (e.g. <c>1e-3</c>, <c>-12.5</c>);
    /// false for anything else, including NaN and infinities.</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
