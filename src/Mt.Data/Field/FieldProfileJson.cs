using System.Text.Encodings.Web;
using System.Text.Json;
using Mt.Data.IO;

namespace Mt.Data.Field;

/// <summary>
/// Writes <c>profile.json</c>, the record of how a field line became a 2D profile: projection, azimuth, strike (with
/// its spread when estimated), error floors, frequencies, stations (name, file, lat, lon, projected east and north,
/// distance along the profile, offset, data counts, own strike), the strike estimates of both methods (value, spreads,
/// per-decade values, how the 90-degree ambiguity was resolved), the induction arrows' axis, the quality rules with the
/// counts per reason and the phase-convention findings, and, when resampled, where the profile sits on the network's
/// station axis and the masked fractions. Angles in degrees clockwise from north; lengths in metres;
/// undefined numbers are null.
/// </summary>
public static class FieldProfileJson
{
    /// <summary>Name of the mask dataset in the network-input file: 1 where a cell [mode, frequency, station] has no
    /// datum and was filled, else 0.</summary>
    public const string MaskDatasetName = "no_data_mask";

    /// <summary>Writes the record atomically (the folder must exist).</summary>
    public static void Write(string path, FieldProfile profile, NetworkInput? network, string? source)
    {
        ArgumentNullException.ThrowIfNull(profile);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Write(w, profile, network, source);
        });
    }

    private static void Write(Utf8JsonWriter w, FieldProfile p, NetworkInput? network, string? source)
    {
        w.WriteStartObject();
        if (source is not null) w.WriteString("source", source);
        w.WriteString("projection", p.Projection.Description);
        w.WriteStartObject("projection_origin");
        Number(w, "latitude_deg", p.Projection.OriginLatitudeDeg);
        Number(w, "longitude_deg", p.Projection.OriginLongitudeDeg);
        w.WriteEndObject();
        Number(w, "azimuth_deg", p.Line.AzimuthDeg);
        w.WriteString("azimuth_source", p.Line.Fitted ? "fitted: total least squares (principal axis) through the projected stations" : "given");
        Number(w, "profile_length_m", p.LengthM);
        Number(w, "max_abs_offset_m", p.Stations.Max(s => Math.Abs(s.OffsetM)));
        Number(w, "strike_deg", p.StrikeDeg);
        w.WriteString("strike_source", p.Strike is null ? "given" : "estimated");
        Number(w, "strike_to_profile_deg", Math.Abs(Angles.Difference(p.Line.AzimuthDeg, p.StrikeDeg, 180)));
        if (p.Strike is { } e)
        {
            w.WritePropertyName("strike_estimate");
            Estimate(w, e);
            if (e.Method != p.Options.StrikeMethod)
                w.WriteString("strike_fallback", $"no phase tensor has a strike (|beta| <= {p.Options.Quality.MaxSkewDeg} and ellipticity >= " +
                                                 $"{p.Options.StrikeMinEllipticity}): Swift's strike is used");
        }
        w.WriteString("strike_method_requested", Name(p.Options.StrikeMethod));
        w.WriteStartArray("strike_estimates");
        foreach (StrikeEstimate estimate in p.StrikeEstimates) Estimate(w, estimate);
        w.WriteEndArray();
        if (p.Arrows is { } arrows)
        {
            w.WriteStartObject("induction_arrows");
            w.WriteString("convention", "real arrows (Re Tx, Re Ty) as (north, east), Wiese: pointing away from conductors with z down (EDI); " +
                                        "Parkinson arrows are their reverse; the axis (sign-free) is what resolves the strike");
            w.WriteString("selection", "station-frequencies whose phase tensor passes the skew rule");
            Number(w, "axis_deg", arrows.AxisDeg);
            Number(w, "coherence", arrows.Coherence);
            w.WriteNumber("count", arrows.Count);
            Number(w, "mean_magnitude", arrows.MeanMagnitude);
            w.WriteEndObject();
        }
        Quality(w, p);
        w.WriteString("modes", "TE = Z'xy (E along strike), TM = Z'yx, in the frame with x along strike and y along the profile; phases as in mt forward (both 45 degrees over a half-space)");
        w.WriteString("errors", "rho_a: max(2 dZ/|Z| rho_a, floor rho_a); phase: max(dZ/|Z| rad, floor), dZ = sqrt(variance) of the rotated component");
        w.WriteStartObject("error_floors");
        Number(w, "apparent_resistivity_fraction", p.Options.RhoAppFloorFraction);
        Number(w, "phase_deg", p.Options.PhaseFloorDeg);
        w.WriteEndObject();
        w.WriteStartObject("data");
        w.WriteNumber("kept", p.DataCount);
        w.WriteNumber("dropped", p.DroppedCount);
        w.WriteNumber("no_variance", p.Stations.Sum(s => s.NoVarianceCount));
        w.WriteEndObject();
        w.WriteStartArray("frequencies_hz");
        foreach (double f in p.FrequenciesHz) w.WriteNumberValue(f);
        w.WriteEndArray();
        w.WriteStartArray("stations");
        foreach (FieldStation s in p.Stations)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            if (s.FileName is not null) w.WriteString("file", s.FileName);
            Number(w, "latitude_deg", s.LatitudeDeg);
            Number(w, "longitude_deg", s.LongitudeDeg);
            Number(w, "east_m", s.EastM);
            Number(w, "north_m", s.NorthM);
            Number(w, "distance_m", s.DistanceM);
            Number(w, "offset_m", s.OffsetM);
            w.WriteNumber("te_count", s.TeCount);
            w.WriteNumber("tm_count", s.TmCount);
            w.WriteNumber("dropped", s.DroppedCount);
            w.WriteNumber("no_variance", s.NoVarianceCount);
            Number(w, "strike_deg", s.StrikeDeg);
            w.WriteNumber("masked", s.MaskedCount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (network is not null)
        {
            w.WriteStartObject("network");
            Number(w, "offset_m", network.OffsetM);
            Number(w, "first_station_m", p.Stations[0].DistanceM + network.OffsetM);
            Number(w, "last_station_m", p.Stations[^1].DistanceM + network.OffsetM);
            w.WriteNumber("frequencies", network.Data.Nf);
            w.WriteNumber("stations", network.Data.Ns);
            Number(w, "mask_fraction_te", network.MaskFraction(0));
            Number(w, "mask_fraction_tm", network.MaskFraction(1));
            Number(w, "mask_fraction", 0.5 * (network.MaskFraction(0) + network.MaskFraction(1)));
            w.WriteString("mask_dataset", MaskDatasetName);
            w.WriteString("fill", "masked cells hold the nearest value along frequency, then along the profile");
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static string Name(StrikeMethod method) => method == StrikeMethod.PhaseTensor ? "phase_tensor" : "swift";

    private static void Estimate(Utf8JsonWriter w, StrikeEstimate e)
    {
        w.WriteStartObject();
        w.WriteString("method", Name(e.Method));
        w.WriteString("description", e.Method == StrikeMethod.PhaseTensor
            ? "circular mean modulo 90 degrees of the phase tensors' alpha - beta (Caldwell et al. 2004) over the data with |beta| within the " +
              "skew rule and an ellipticity at least the minimum"
            : "angle minimising the sum over stations and frequencies of (|Z'xx|^2 + |Z'yy|^2) / ||Z||^2 (Swift, summed)");
        Number(w, "strike_deg", e.StrikeDeg);
        Number(w, "station_spread_deg", e.StationSpreadDeg);
        Number(w, "datum_spread_deg", e.DatumSpreadDeg);
        Number(w, "diagonal_power_fraction", e.DiagonalFraction);
        w.WriteNumber("tensors", e.TensorCount);
        w.WriteStartObject("ambiguity");
        w.WriteString("statement", "an impedance strike is defined modulo 90 degrees (TE and TM swapped at strike + 90)");
        w.WriteString("resolved_by", e.Ambiguity.ResolvedBy == StrikeAmbiguityResolution.InductionArrows
            ? "induction_arrows: the candidate closer to perpendicular to the real arrows' principal axis"
            : "profile_geometry: the candidate closer to perpendicular to the profile");
        Number(w, "alternative_deg", e.Ambiguity.AlternativeDeg);
        Number(w, "margin_deg", e.Ambiguity.MarginDeg);
        Number(w, "geometry_choice_deg", e.Ambiguity.GeometryStrikeDeg);
        w.WriteEndObject();
        w.WriteStartArray("bands");
        foreach (StrikeBand b in e.Bands)
        {
            w.WriteStartObject();
            Number(w, "min_period_s", b.MinPeriodS);
            Number(w, "max_period_s", b.MaxPeriodS);
            Number(w, "strike_deg", b.StrikeDeg);
            Number(w, "spread_deg", b.SpreadDeg);
            w.WriteNumber("tensors", b.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Quality(Utf8JsonWriter w, FieldProfile p)
    {
        FieldQuality q = p.Quality;
        w.WriteStartObject("quality");
        w.WriteStartObject("rules");
        Number(w, "max_skew_deg", q.Rules.MaxSkewDeg);
        w.WriteString("max_skew_source", "default 5 degrees: |beta| above it marks 3D data (phase-tensor skew, Caldwell et al. 2004; 3 to 5 degrees in use, Booker 2014)");
        Number(w, "max_error_to_value", q.Rules.MaxErrorToValue);
        w.WriteString("max_error_to_value_source", "default 0.3 (our choice): about 17 degrees of phase error and 60 % in apparent resistivity");
        Number(w, "min_phase_deg", q.Rules.MinPhaseDeg);
        Number(w, "max_phase_deg", q.Rules.MaxPhaseDeg);
        w.WriteString("third_quadrant", "phases in (-180, -90) degrees after rotation: a sign-convention or mode-assignment error, masked");
        w.WriteBoolean("applied", q.Rules.Apply);
        w.WriteEndObject();
        w.WriteNumber("data", q.Total);
        w.WriteNumber("missing", q.Count(QualityReason.Missing));
        w.WriteNumber("masked", q.MaskedCount);
        w.WriteNumber("kept", q.KeptCount);
        Number(w, "kept_fraction", q.Total == 0 ? double.NaN : (double)q.KeptCount / q.Total);
        w.WriteStartObject("by_reason");
        foreach (QualityReason r in FieldQuality.MaskingReasons)
        {
            w.WriteStartObject(FieldQuality.Name(r));
            w.WriteNumber("count", q.Count(r));
            w.WriteNumber("only_reason", q.OnlyCount(r));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("phase_conventions");
        foreach (PhaseConventionCheck c in q.Conventions.Where(c => c.Station is null || c.Verdict != PhaseConventionVerdict.Consistent))
        {
            w.WriteStartObject();
            w.WriteString("station", c.Station is int s ? p.Stations[s].Name : "(line)");
            w.WriteString("mode", c.Mode.ToString());
            w.WriteStartArray("quadrant_counts");
            foreach (int n in c.QuadrantCounts) w.WriteNumberValue(n);
            w.WriteEndArray();
            w.WriteString("verdict", c.Verdict switch
            {
                PhaseConventionVerdict.ThirdQuadrant => "third_quadrant: sign-convention or mode-assignment error",
                PhaseConventionVerdict.FourthQuadrant => "fourth_quadrant: looks like the e^{-iwt} time convention",
                _ => "consistent",
            });
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("table", "quality.csv: one row per station, frequency and mode");
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
