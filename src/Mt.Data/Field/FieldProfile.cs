using System.Numerics;
using Mt.Data.Edi;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Data.Field;

/// <summary>How stations become a 2D profile.</summary>
public sealed record FieldProfileOptions
{
    /// <summary>Profile azimuth (degrees clockwise from north); null to fit the stations by total least squares.</summary>
    public double? AzimuthDeg { get; init; }

    /// <summary>Strike (degrees clockwise from north); null to estimate it from the data by <see cref="StrikeMethod"/>.</summary>
    public double? StrikeDeg { get; init; }

    /// <summary>How the strike is estimated when it is not given: from the phase tensors (the default: on CP2 it agrees
    /// with the induction arrows and is unaffected by galvanic distortion; see the README) or by Swift's criterion. When
    /// no phase tensor has a strike (1D-like data) the Swift estimate is used, and the profile says so.</summary>
    public StrikeMethod StrikeMethod { get; init; } = StrikeMethod.PhaseTensor;

    /// <summary>Smallest phase-tensor ellipticity of a datum that enters the phase-tensor strike: below it the ellipse is
    /// within 10 % of a circle (1D-like) and its axis is no direction (our choice).</summary>
    public double StrikeMinEllipticity { get; init; } = 0.1;

    /// <summary>Whether the 90-degree ambiguity of an estimated strike is resolved by the induction arrows where the
    /// files hold tipper (else, and without tipper, by the profile geometry).</summary>
    public bool ResolveStrikeByTipper { get; init; } = true;

    /// <summary>The data-quality rules (<see cref="QualityRules"/>): masked data never reach the observed data.</summary>
    public QualityRules Quality { get; init; } = new();

    /// <summary>Apparent-resistivity error floor as a fraction of the value (the experiments' inversion floor: 5 %).</summary>
    public double RhoAppFloorFraction { get; init; } = 0.05;

    /// <summary>Phase error floor in degrees (the experiments' inversion floor: 1.43 degrees, i.e. 2.5 % in impedance).</summary>
    public double PhaseFloorDeg { get; init; } = 1.43;
}

/// <summary>One station of a <see cref="FieldProfile"/>.</summary>
/// <param name="Name">The EDI DATAID.</param>
/// <param name="FileName">The EDI file name, or null.</param>
/// <param name="LatitudeDeg">Latitude (degrees).</param>
/// <param name="LongitudeDeg">Longitude (degrees).</param>
/// <param name="EastM">Projected east (m).</param>
/// <param name="NorthM">Projected north (m).</param>
/// <param name="DistanceM">Distance along the profile (m), 0 at the first station.</param>
/// <param name="OffsetM">Perpendicular offset from the profile (m), positive to the right looking along the azimuth.</param>
/// <param name="TeCount">Number of TE data kept.</param>
/// <param name="TmCount">Number of TM data kept.</param>
/// <param name="DroppedCount">Number of mode-frequency data dropped (missing, EMPTY or non-finite impedances).</param>
/// <param name="NoVarianceCount">Number of kept data without a usable variance (their errors are the floors).</param>
/// <param name="StrikeDeg">The station's own strike estimate (NaN when the strike was given).</param>
/// <param name="MaskedCount">Number of mode-frequency data present but masked by the quality rules.</param>
public sealed record FieldStation(
    string Name, string? FileName, double LatitudeDeg, double LongitudeDeg, double EastM, double NorthM,
    double DistanceM, double OffsetM, int TeCount, int TmCount, int DroppedCount, int NoVarianceCount, double StrikeDeg, int MaskedCount = 0);

/// <summary>
/// Real stations as a 2D profile: positions along the profile, the impedances rotated into the strike frame and mapped
/// to TE (Z'xy, E along strike) and TM (Z'yx), with apparent resistivity, phase (repository convention: e^{+iwt}, TE
/// phase arg Zxy, TM phase arg Zyx + 180 degrees, both 45 degrees over a half-space) and standard errors.
/// Arrays are [mode (0 TE, 1 TM), frequency (ascending), station (along the profile)], NaN where there is no datum or
/// the datum is masked by the quality rules (<see cref="Quality"/> keeps the masked values and the reasons).
/// </summary>
public sealed class FieldProfile
{
    /// <summary>Values whose magnitude reaches this are taken as an undeclared EMPTY marker (1.0E32 in most files).</summary>
    public const double EmptyThreshold = 1e30;

    /// <summary>Relative tolerance within which frequencies of different stations are the same frequency.</summary>
    public const double FrequencyTolerance = 1e-6;

    private FieldProfile(FieldProfileInit init) => (Projection, Line, StrikeDeg, Strike, StrikeEstimates, Arrows, Stations, FrequenciesHz, Z,
        RhoAppOhmM, PhaseDeg, RhoAppErrOhmM, PhaseErrDeg, Quality, Options) = init;

    private sealed record FieldProfileInit(LocalProjection Projection, ProfileLine Line, double StrikeDeg, StrikeEstimate? Strike,
        IReadOnlyList<StrikeEstimate> StrikeEstimates, InductionArrowAxis? Arrows,
        FieldStation[] Stations, double[] FrequenciesHz, Complex[,,] Z, double[,,] RhoAppOhmM, double[,,] PhaseDeg,
        double[,,] RhoAppErrOhmM, double[,,] PhaseErrDeg, FieldQuality Quality, FieldProfileOptions Options);

    /// <summary>The map projection of the station coordinates.</summary>
    public LocalProjection Projection { get; }

    /// <summary>The profile line (fitted or given).</summary>
    public ProfileLine Line { get; }

    /// <summary>The strike used (degrees clockwise from north, in [0, 180)).</summary>
    public double StrikeDeg { get; }

    /// <summary>The strike estimate used, or null when the strike was given. Its method is the requested
    /// <see cref="FieldProfileOptions.StrikeMethod"/>, or Swift's when no phase tensor had a strike.</summary>
    public StrikeEstimate? Strike { get; }

    /// <summary>Every strike estimate that the data allow (phase tensor, then Swift), for comparison; empty when no
    /// tensor is usable.</summary>
    public IReadOnlyList<StrikeEstimate> StrikeEstimates { get; }

    /// <summary>The principal axis of the real induction arrows at the station-frequencies that the skew rule keeps, or
    /// null without tipper (or when <see cref="FieldProfileOptions.ResolveStrikeByTipper"/> is off).</summary>
    public InductionArrowAxis? Arrows { get; }

    /// <summary>The quality decisions: every datum with its phase tensor and reasons, counts, phase-convention checks.</summary>
    public FieldQuality Quality { get; }

    /// <summary>Stations in order of distance along the profile.</summary>
    public IReadOnlyList<FieldStation> Stations { get; }

    /// <summary>Frequencies of any station (Hz), ascending.</summary>
    public double[] FrequenciesHz { get; }

    /// <summary>Rotated impedances (ohm): TE Z'xy, TM Z'yx; NaN where dropped.</summary>
    public Complex[,,] Z { get; }

    /// <summary>Apparent resistivity (ohm-m).</summary>
    public double[,,] RhoAppOhmM { get; }

    /// <summary>Phase (degrees).</summary>
    public double[,,] PhaseDeg { get; }

    /// <summary>Standard error of the apparent resistivity (ohm-m), at least the floor.</summary>
    public double[,,] RhoAppErrOhmM { get; }

    /// <summary>Standard error of the phase (degrees), at least the floor.</summary>
    public double[,,] PhaseErrDeg { get; }

    /// <summary>The options used.</summary>
    public FieldProfileOptions Options { get; }

    /// <summary>Station distances along the profile (m).</summary>
    public double[] DistancesM => [.. Stations.Select(s => s.DistanceM)];

    /// <summary>Distance from the first to the last station along the profile (m).</summary>
    public double LengthM => Stations[^1].DistanceM;

    /// <summary>Whether there is a datum of mode <paramref name="m"/> at frequency <paramref name="f"/> and station <paramref name="s"/>.</summary>
    public bool Has(int m, int f, int s) => !double.IsNaN(RhoAppOhmM[m, f, s]);

    /// <summary>Number of data kept (both modes): present and not masked.</summary>
    public int DataCount => Stations.Sum(s => s.TeCount + s.TmCount);

    /// <summary>Number of data dropped (both modes).</summary>
    public int DroppedCount => Stations.Sum(s => s.DroppedCount);

    /// <summary>A value of every judged datum (<see cref="Quality"/>, masked ones included) as an array [mode (0 TE,
    /// 1 TM), frequency (of <see cref="FrequenciesHz"/>), station]; NaN where there is no datum.</summary>
    public double[,,] QualityValues(Func<QualityDatum, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double[,,] result = NaNs(FrequenciesHz.Length, Stations.Count);
        foreach (QualityDatum d in Quality.Data.Where(d => (d.Reasons & QualityReason.Missing) == 0))
            result[d.Mode == Mode.TE ? 0 : 1, NearestIndex(FrequenciesHz, d.FrequencyHz), d.Station] = value(d);
        return result;
    }

    /// <summary>[mode, frequency, station]: true where a datum has <paramref name="reason"/> among its reasons.</summary>
    public bool[,,] QualityFlags(QualityReason reason)
    {
        var result = new bool[2, FrequenciesHz.Length, Stations.Count];
        foreach (QualityDatum d in Quality.Data.Where(d => (d.Reasons & reason) != 0))
            result[d.Mode == Mode.TE ? 0 : 1, NearestIndex(FrequenciesHz, d.FrequencyHz), d.Station] = true;
        return result;
    }

    /// <summary>
    /// The data as response-CSV rows (<see cref="ResponseCsv"/>, with the error columns), in <c>mt forward</c>'s order:
    /// mode (TE, TM), then station along the profile (<c>station_m</c> = distance along the profile), then frequency
    /// (ascending); only where a datum exists.
    /// </summary>
    public IReadOnlyList<ResponseRow> ToResponseRows()
    {
        var rows = new List<ResponseRow>(DataCount);
        for (int m = 0; m < 2; m++)
            for (int s = 0; s < Stations.Count; s++)
                for (int f = 0; f < FrequenciesHz.Length; f++)
                    if (Has(m, f, s))
                        rows.Add(new ResponseRow(m == 0 ? Mode.TE : Mode.TM, Stations[s].DistanceM, FrequenciesHz[f], RhoAppOhmM[m, f, s],
                            PhaseDeg[m, f, s], Z[m, f, s].Real, Z[m, f, s].Imaginary, RhoAppErrOhmM[m, f, s], PhaseErrDeg[m, f, s]));
        return rows;
    }

    /// <summary>Builds the profile of <paramref name="stations"/>: projection, profile line, strike (given, or estimated
    /// with its 90-degree ambiguity resolved), the rotated modes, and the quality rules (masked data are NaN).</summary>
    /// <exception cref="ArgumentException">No stations, or the options are out of range.</exception>
    /// <exception cref="InvalidOperationException">No usable impedance to estimate the strike from.</exception>
    public static FieldProfile Build(IReadOnlyList<EdiFile> stations, FieldProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stations);
        options ??= new FieldProfileOptions();
        if (stations.Count == 0) throw new ArgumentException("no stations", nameof(stations));
        if (!(options.RhoAppFloorFraction >= 0) || !(options.PhaseFloorDeg >= 0))
            throw new ArgumentException("error floors must be finite and >= 0", nameof(options));
        if (options.AzimuthDeg is double az && !double.IsFinite(az)) throw new ArgumentException("the azimuth must be finite", nameof(options));
        if (options.StrikeDeg is double st && !double.IsFinite(st)) throw new ArgumentException("the strike must be finite", nameof(options));
        if (!(options.StrikeMinEllipticity >= 0)) throw new ArgumentException("the smallest ellipticity of the strike must be >= 0", nameof(options));
        QualityRules rules = options.Quality ?? throw new ArgumentException("no quality rules", nameof(options));
        rules.Validate();

        var projection = LocalProjection.AboutCentroid([.. stations.Select(e => (e.Position.LatitudeDeg, e.Position.LongitudeDeg))]);
        var points = stations.Select(e => projection.Project(e.Position.LatitudeDeg, e.Position.LongitudeDeg)).ToArray();
        var line = ProfileLine.Through(points, options.AzimuthDeg);
        var coordinates = points.Select(p => line.Coordinates(p.EastM, p.NorthM)).ToArray();
        double first = coordinates.Min(c => c.AlongM);
        int[] order = [.. Enumerable.Range(0, stations.Count).OrderBy(i => coordinates[i].AlongM).ThenBy(i => i)];
        int ns = stations.Count;

        // Tensors and arrows in the geographic frame (x north, y east), per station in profile order and frequency in file order.
        ImpedanceTensor[][] tensors = [.. order.Select(i => GeographicTensors(stations[i]))];
        InductionArrow?[][] arrows = [.. order.Select(i => RealArrows(stations[i]))];
        PhaseTensor?[][] phaseTensors = [.. tensors.Select(t => t.Select(PhaseTensor.Of).ToArray())];
        var (estimates, arrowAxis) = EstimateStrikes(stations, order, tensors, arrows, phaseTensors, line.AzimuthDeg, options);
        StrikeEstimate? estimate = options.StrikeDeg is null
            ? estimates.FirstOrDefault(e => e.Method == options.StrikeMethod) ?? estimates.FirstOrDefault()
              ?? throw new InvalidOperationException("no finite impedance tensor to estimate the strike from")
            : null;
        double strike = options.StrikeDeg is double given ? Angles.Wrap180(given) : estimate!.StrikeDeg;

        double[] frequencies = FrequencyUnion(stations.SelectMany(e => e.FrequenciesHz));
        int nf = frequencies.Length;
        var z = new Complex[2, nf, ns];
        double[,,] rho = NaNs(nf, ns), phase = NaNs(nf, ns), rhoErr = NaNs(nf, ns), phaseErr = NaNs(nf, ns);
        for (int m = 0; m < 2; m++) for (int f = 0; f < nf; f++) for (int s = 0; s < ns; s++) z[m, f, s] = new Complex(double.NaN, double.NaN);
        var seen = new bool[2, nf, ns];
        var judged = new List<QualityDatum>(2 * nf * ns);

        var fieldStations = new FieldStation[ns];
        for (int s = 0; s < ns; s++)
        {
            EdiFile edi = stations[order[s]];
            int[] counts = new int[2];
            int dropped = 0, noVariance = 0, masked = 0;
            for (int k = 0; k < edi.FrequenciesHz.Length; k++)
            {
                int f = Array.BinarySearch(frequencies, edi.FrequenciesHz[k]);
                if (f < 0) f = NearestIndex(frequencies, edi.FrequenciesHz[k]);
                double frequency = edi.FrequenciesHz[k];
                ImpedanceTensor rotated = tensors[s][k].Rotate(strike);
                PhaseTensor? phi = phaseTensors[s][k];
                double betaStd = PhaseTensor.BetaStdDeg(tensors[s][k]);
                for (int m = 0; m < 2; m++)
                {
                    Mode mode = m == 0 ? Mode.TE : Mode.TM;
                    Complex zm = m == 0 ? rotated.Xy : rotated.Yx;
                    double variance = m == 0 ? rotated.VarXy : rotated.VarYx;
                    if (!tensors[s][k].IsFinite || zm.Magnitude == 0 || !double.IsFinite(zm.Magnitude))
                    {
                        dropped++;
                        judged.Add(new QualityDatum(s, frequency, mode, double.NaN, double.NaN, double.NaN, phi, betaStd, arrows[s][k], QualityReason.Missing, false));
                        continue;
                    }
                    if (seen[m, f, s]) throw new ArgumentException($"{edi.SourceFileName ?? edi.Header.DataId}: frequency {edi.FrequenciesHz[k]} Hz appears twice");
                    seen[m, f, s] = true;
                    double relative = variance >= 0 && double.IsFinite(variance) ? Math.Sqrt(variance) / zm.Magnitude : double.NaN;
                    double rhoApp = Impedance.RhoAppOhmM(zm, frequency), phaseDeg = Impedance.PhaseDeg(zm, mode);
                    QualityReason reasons = rules.Judge(phi, phaseDeg, relative);
                    bool kept = reasons == QualityReason.None || !rules.Apply;
                    judged.Add(new QualityDatum(s, frequency, mode, rhoApp, phaseDeg, relative, phi, betaStd, arrows[s][k], reasons, kept));
                    if (!kept)
                    {
                        masked++;
                        continue;
                    }
                    if (double.IsNaN(relative)) noVariance++;
                    z[m, f, s] = zm;
                    rho[m, f, s] = rhoApp;
                    phase[m, f, s] = phaseDeg;
                    rhoErr[m, f, s] = Math.Max(double.IsNaN(relative) ? 0 : 2 * relative * rhoApp, options.RhoAppFloorFraction * rhoApp);
                    phaseErr[m, f, s] = Math.Max(double.IsNaN(relative) ? 0 : relative * 180 / Math.PI, options.PhaseFloorDeg);
                    counts[m]++;
                }
            }
            var (along, offset) = coordinates[order[s]];
            fieldStations[s] = new FieldStation(edi.Header.DataId, edi.SourceFileName, edi.Position.LatitudeDeg, edi.Position.LongitudeDeg,
                points[order[s]].EastM, points[order[s]].NorthM, along - first, offset, counts[0], counts[1], dropped, noVariance,
                estimate?.PerStationDeg[s] ?? double.NaN, masked);
        }
        return new FieldProfile(new FieldProfileInit(projection, line, strike, estimate, estimates, arrowAxis, fieldStations, frequencies, z, rho,
            phase, rhoErr, phaseErr, new FieldQuality(rules, judged, ns), options));
    }

    /// <summary>The strike estimates the data allow (phase tensor, then Swift) and the induction arrows' axis used to
    /// resolve their ambiguity: the arrows of the station-frequencies whose phase tensor passes the skew rule.</summary>
    private static (IReadOnlyList<StrikeEstimate> Estimates, InductionArrowAxis? Arrows) EstimateStrikes(IReadOnlyList<EdiFile> stations, int[] order,
        ImpedanceTensor[][] tensors, InductionArrow?[][] arrows, PhaseTensor?[][] phaseTensors, double azimuthDeg, FieldProfileOptions options)
    {
        double maxSkew = options.Quality.MaxSkewDeg;
        var data = new List<StrikeDatum>();
        var twoDArrows = new List<InductionArrow>();
        for (int s = 0; s < tensors.Length; s++)
            for (int k = 0; k < tensors[s].Length; k++)
            {
                data.Add(new StrikeDatum(s, stations[order[s]].FrequenciesHz[k], tensors[s][k]));
                if (arrows[s][k] is { } arrow && phaseTensors[s][k] is { } phi && Math.Abs(phi.BetaDeg) <= maxSkew) twoDArrows.Add(arrow);
            }
        InductionArrowAxis? axis = options.ResolveStrikeByTipper ? InductionArrow.Axis(twoDArrows) : null;
        var estimates = new List<StrikeEstimate>();
        if (PhaseTensorStrike.Estimate(data, tensors.Length, azimuthDeg, axis, maxSkew, options.StrikeMinEllipticity) is { } pt) estimates.Add(pt);
        if (data.Any(d => d.Z.IsFinite && d.Z.Power > 0)) estimates.Add(StrikeEstimator.Estimate(data, tensors.Length, azimuthDeg, axis));
        return (estimates, axis);
    }

    /// <summary>
    /// The real induction arrows of a station per frequency in file order; null where there is no tipper: no TX or TY
    /// block, no HZ channel declared (neither an HZ measurement in &gt;=DEFINEMEAS nor HZ in &gt;=MTSECT: the blocks are
    /// placeholders), a component missing, EMPTY or not finite, or Tx = Ty = 0 exactly (a placeholder, not a
    /// measurement). The tipper is taken as stored (the reader keeps no TROT).
    /// </summary>
    public static InductionArrow?[] RealArrows(EdiFile edi)
    {
        ArgumentNullException.ThrowIfNull(edi);
        var result = new InductionArrow?[edi.FrequenciesHz.Length];
        bool hzDeclared = edi.DefineMeas.Measurements.Any(m => m.Channel == EdiChannelType.Hz) || !string.IsNullOrWhiteSpace(edi.MtSection.HzId);
        if (edi.Tx is not { } tx || edi.Ty is not { } ty || !hzDeclared) return result;
        for (int k = 0; k < result.Length; k++)
        {
            Complex x = tx.Values[k], y = ty.Values[k];
            bool usable = !tx.IsMissing[k] && !ty.IsMissing[k] && x.Magnitude < EmptyThreshold && y.Magnitude < EmptyThreshold
                          && !(x == Complex.Zero && y == Complex.Zero);
            result[k] = usable ? InductionArrow.Of(x, y) : null;
        }
        return result;
    }

    /// <summary>The impedance tensors of a station in the geographic frame (x north, y east), per frequency in file
    /// order: a tensor stored rotated by ZROT (degrees clockwise) is rotated back. Missing, EMPTY and non-finite
    /// components become NaN (the whole tensor is then unusable); unknown variances are NaN.</summary>
    public static ImpedanceTensor[] GeographicTensors(EdiFile edi)
    {
        ArgumentNullException.ThrowIfNull(edi);
        var result = new ImpedanceTensor[edi.FrequenciesHz.Length];
        for (int k = 0; k < result.Length; k++)
        {
            Complex V(EdiImpedanceComponent c) => c.IsMissing[k] || !(c.ValuesOhm[k].Magnitude < EmptyThreshold * EdiUnits.OhmPerMvPerKmPerNt)
                ? new Complex(double.NaN, double.NaN)
                : c.ValuesOhm[k];
            double Var(EdiImpedanceComponent c) => c.VariancesOhmSquared is { } v && v[k] >= 0
                && v[k] < EmptyThreshold * EdiUnits.OhmPerMvPerKmPerNt * EdiUnits.OhmPerMvPerKmPerNt ? v[k] : double.NaN;
            var tensor = new ImpedanceTensor(V(edi.Zxx), V(edi.Zxy), V(edi.Zyx), V(edi.Zyy), Var(edi.Zxx), Var(edi.Zxy), Var(edi.Zyx), Var(edi.Zyy));
            double zrot = edi.ZRotDeg is { } r && double.IsFinite(r[k]) ? r[k] : 0;
            result[k] = zrot == 0 ? tensor : tensor.Rotate(-zrot);
        }
        return result;
    }

    /// <summary>The distinct frequencies (within <see cref="FrequencyTolerance"/>), ascending.</summary>
    private static double[] FrequencyUnion(IEnumerable<double> frequencies)
    {
        var result = new List<double>();
        foreach (double f in frequencies.Order())
            if (result.Count == 0 || f > result[^1] * (1 + FrequencyTolerance)) result.Add(f);
        return [.. result];
    }

    private static int NearestIndex(double[] values, double x)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (Math.Abs(Math.Log(values[i] / x)) < Math.Abs(Math.Log(values[best] / x))) best = i;
        return best;
    }

    private static double[,,] NaNs(int nf, int ns)
    {
        var a = new double[2, nf, ns];
        for (int m = 0; m < 2; m++) for (int f = 0; f < nf; f++) for (int s = 0; s < ns; s++) a[m, f, s] = double.NaN;
        return a;
    }
}
