using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Mt.Reporting;

/// <summary>
/// The DejaVu Sans font shipped inside this assembly (regular and bold), registered with ScottPlot so that every
/// plot draws its text with it, whatever fonts the machine has (or lacks).
/// </summary>
public static class BundledFonts
{
    /// <summary>The family name under which the bundled font is registered and that every figure uses.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static SKData? _regular;
    private static SKData? _bold;
    // Typefaces handed to ScottPlot by the resolver below (ScottPlot may dispose what it gets, so each call makes a new one).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SKTypeface, object> Created = [];

    /// <summary>
    /// Registers the bundled font with ScottPlot (first in its resolver list) and makes it ScottPlot's default,
    /// sans and serif font. Safe to call more than once.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            _regular = Load("Mt.Reporting.Fonts.DejaVuSans.ttf");
            _bold = Load("Mt.Reporting.Fonts.DejaVuSans-Bold.ttf");
            ScottPlot.Fonts.FontResolvers.Insert(0, new Resolver());
            ScottPlot.Fonts.Default = FamilyName;
            ScottPlot.Fonts.Sans = FamilyName;
            ScottPlot.Fonts.Serif = FamilyName;
            _registered = true;
        }
    }

    /// <summary>
    /// Throws if ScottPlot would not draw <paramref name="fontName"/> with the bundled font (for instance a
    /// system font or an empty fallback), so that no figure silently uses another font.
    /// </summary>
    internal static void EnsureResolves(string fontName)
    {
        foreach (bool bold in new[] { false, true })
        {
            SKTypeface face = ScottPlot.Fonts.GetTypeface(fontName, bold, italic: false);
            if (!Created.TryGetValue(face, out _) || face.FamilyName != FamilyName)
                throw new InvalidOperationException(
                    $"ScottPlot resolves the font '{fontName}' (bold: {bold}) to '{face.FamilyName}', not the bundled {FamilyName}.");
        }
    }

    private static SKData Load(string resource)
    {
        using Stream stream = typeof(BundledFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded font '{resource}' is missing from {typeof(BundledFonts).Assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        SKData data = SKData.CreateCopy(memory.ToArray());
        using SKTypeface probe = SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"The embedded font '{resource}' could not be read by Skia.");
        return data;
    }

    private static SKTypeface? Make(SKData? data)
    {
        if (data is null)
            return null;
        SKTypeface face = SKTypeface.FromData(data);
        Created.AddOrUpdate(face, FamilyName);
        return face;
    }

    private sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase) ? Make(bold ? _bold : _regular) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
