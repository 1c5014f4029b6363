using System.Globalization;
using Mt.Data.Field;
using Mt.Reporting;

namespace Mt.Workflows.Field;

/// <summary>Draws a field profile's quality decisions with <see cref="DataQualityFigure"/>: every datum's apparent
/// resistivity and phase, and one marker per masking reason.</summary>
internal static class FieldQualityFigure
{
    /// <summary>Draws <paramref name="profile"/>'s pseudo-sections with the masked data marked to <paramref name="pngPath"/> (+ .csv).</summary>
    public static void Draw(string pngPath, FieldProfile profile)
    {
        QualityRules r = profile.Quality.Rules;
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        string Label(QualityReason reason) => reason switch
        {
            QualityReason.Skew => $"|\u03B2| > {F(r.MaxSkewDeg)}\u00B0 (3D)",
            QualityReason.PhaseOutOfQuadrant => $"phase outside {F(r.MinPhaseDeg)} to {F(r.MaxPhaseDeg)}\u00B0",
            QualityReason.PhaseThirdQuadrant => "third-quadrant phase (sign)",
            QualityReason.ErrorToValue => $"|dZ|/|Z| > {F(r.MaxErrorToValue)}",
            _ => FieldQuality.Name(reason),
        };
        var input = new DataQualityFigureInput(
            r.Apply ? "Field line" : "Field line (rules reported, not applied)",
            profile.DistancesM, [.. profile.Stations.Select(s => s.Name)], profile.FrequenciesHz,
            profile.QualityValues(d => Math.Log10(d.RhoAppOhmM)), profile.QualityValues(d => d.PhaseDeg),
            [.. FieldQuality.MaskingReasons.Select(reason => new DataQualityMask(FieldQuality.Name(reason), Label(reason), profile.QualityFlags(reason)))]);
        DataQualityFigure.Render(input, pngPath);
    }
}
