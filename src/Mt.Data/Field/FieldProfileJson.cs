using System.Text.Encodings.Web;
using System.Text.Json;
using Mt.Data.IO;

namespace Mt.Data.Field;

/// <summary>
/// Writes <c>profile.json</c>, the record of how a field line became a 2D profile: projection, azimuth, strike (with
/// its spread when estimated), error floors, frequencies, stations (name, file, lat, lon, projected east and north,
/// distance along the profile, offset, data counts, own strike) and, when resampled, where the profile sits on the
/// network's station axis and the masked fractions. Angles in degrees clockwise from north; lengths in metres;
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
            w.WriteStartObject("strike_estimate");
            w.WriteString("method",
                "angle minimising the sum over stations and frequencies of (|Z'xx|^2 + |Z'yy|^2) / ||Z||^2 (Swift, summed); " +
                "of the two angles 90 degrees apart, the one closer to perpendicular to the profile");
            Number(w, "station_spread_deg", e.StationSpreadDeg);
            Number(w, "datum_spread_deg", e.DatumSpreadDeg);
            Number(w, "diagonal_power_fraction", e.DiagonalFraction);
            w.WriteNumber("tensors", e.TensorCount);
            w.WriteEndObject();
        }
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

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
