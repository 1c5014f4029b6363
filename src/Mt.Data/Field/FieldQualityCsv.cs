using Mt.Data.IO;

namespace Mt.Data.Field;

/// <summary>
/// Writes <c>quality.csv</c>: one row per station, frequency (ascending) and mode (TE, TM), missing data included, with
/// the columns <c>station,distance_m,frequency_hz,period_s,mode,rho_app_ohm_m,phase_deg,error_to_value,phi_max_deg,
/// phi_min_deg,alpha_deg,beta_deg,beta_err_deg,ellipticity,pt_strike_deg,arrow_north,arrow_east,kept,reasons</c>.
/// Values are in the strike frame (apparent resistivity, phase, error-to-value) or frame-free (phase-tensor invariants);
/// alpha and the phase-tensor strike (alpha - beta, an axis in [0, 180) with the 90-degree ambiguity) are degrees
/// clockwise from north; the arrow is the real induction arrow (Re Tx, Re Ty), Wiese convention. <c>kept</c> is 1 when
/// the datum reaches the observed data; <c>reasons</c> are <see cref="FieldQuality.Names"/>. Undefined numbers are empty.
/// </summary>
public static class FieldQualityCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "station,distance_m,frequency_hz,period_s,mode,rho_app_ohm_m,phase_deg,error_to_value,phi_max_deg,phi_min_deg," +
                                 "alpha_deg,beta_deg,beta_err_deg,ellipticity,pt_strike_deg,arrow_north,arrow_east,kept,reasons";

    /// <summary>Writes the table of <paramref name="profile"/> to <paramref name="path"/> atomically (the folder must exist).</summary>
    public static void Write(string path, FieldProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        AtomicFile.WriteText(path, w => Write(w, profile));
    }

    /// <summary>Writes the header and the rows of <paramref name="profile"/>.</summary>
    public static void Write(TextWriter writer, FieldProfile profile)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(profile);
        writer.Write(Header + "\n");
        foreach (QualityDatum d in profile.Quality.Data.OrderBy(d => d.Station).ThenBy(d => d.FrequencyHz).ThenBy(d => d.Mode))
        {
            PhaseTensor? phi = d.PhaseTensor;
            FieldStation station = profile.Stations[d.Station];
            writer.Write(string.Join(",",
                station.Name, F(station.DistanceM), F(d.FrequencyHz), F(1 / d.FrequencyHz), d.Mode, F(d.RhoAppOhmM), F(d.PhaseDeg), F(d.ErrorToValue),
                F(phi?.PhiMaxDeg), F(phi?.PhiMinDeg), F(phi?.AlphaDeg is double a ? Angles.Wrap180(a) : null), F(phi?.BetaDeg), F(d.BetaStdDeg),
                F(phi?.Ellipticity), F(phi?.StrikeDeg), F(d.Arrow?.NorthReal), F(d.Arrow?.EastReal), d.Kept ? "1" : "0",
                FieldQuality.Names(d.Reasons)));
            writer.Write('\n');
        }
    }

    private static string F(double? value) => value is double v && double.IsFinite(v) ? InvariantNumber.Format(v) : "";
}
