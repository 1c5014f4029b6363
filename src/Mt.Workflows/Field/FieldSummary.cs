using System.Text.Json.Serialization;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Workflows.Field;

/// <summary>One station's fit by a method in <see cref="FieldSummary"/>; null RMS where the station kept no datum, null
/// shifts where the method estimated none (written as null, so that every station lists the same fields).</summary>
public sealed record FieldStationFit(
    string Name,
    double DistanceM,
    int Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RmsRhoPhase,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RmsImpedance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? StaticShiftLog10Te,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? StaticShiftLog10Tm);

/// <summary>One method's result on the line in <see cref="FieldSummary"/>.</summary>
public sealed record FieldMethodSummary
{
    /// <summary>Normalised RMS of the measure NLCG minimised.</summary>
    public required double DataRms { get; init; }

    /// <summary>RMS of log10 apparent resistivity and phase.</summary>
    public required double RmsRhoPhase { get; init; }

    /// <summary>RMS of the real and imaginary parts of the impedance under |Z|-relative errors.</summary>
    public required double RmsImpedance { get; init; }

    /// <summary>RMS of log10 apparent resistivity and phase with the method's static shifts removed, when it estimated them.</summary>
    public double? RmsRhoPhaseStaticShiftsRemoved { get; init; }

    /// <summary>Per station, in profile order.</summary>
    public required IReadOnlyList<FieldStationFit> Stations { get; init; }

    /// <summary>NLCG iterations (0 for the network).</summary>
    public required int Iterations { get; init; }

    /// <summary>Wall time of the method.</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>Why it stopped (an NLCG exit, kebab-case, or <c>prediction</c>).</summary>
    public required string ExitReason { get; init; }

    /// <summary>Its folder or model file in the output folder.</summary>
    public required string Folder { get; init; }

    /// <summary>The network's raw prediction range (log10 ohm-m), for the network.</summary>
    public double[]? RawLog10ResistivityRange { get; init; }

    /// <summary>The training range the prediction was clipped into (ohm-m), for the network.</summary>
    public double[]? ClippedIntoOhmM { get; init; }

    /// <summary>Fraction of the line's cells clipped, for the network.</summary>
    public double? ClippedFraction { get; init; }
}

/// <summary>The error floors of a field inversion in <see cref="FieldSummary"/>.</summary>
public sealed record FieldErrorFloors(double ApparentResistivityFraction, double PhaseDeg, double? ImpedanceFraction, string? ImpedanceFractionOf);

/// <summary>What <c>mt field</c> did (<c>summary.json</c>, written and read by this type): the line, the error model,
/// what was masked, and each method's fit.</summary>
public sealed record FieldSummary
{
    /// <summary>Name of the file in the output folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The experiment whose settings were used (<c>paper</c> without one).</summary>
    public required string Experiment { get; init; }

    /// <summary>The network's training folder (absolute), or null when it was skipped.</summary>
    public string? Weights { get; init; }

    /// <summary>Why the network and the hybrid were not run, or null.</summary>
    public string? NetworkSkipped { get; init; }

    /// <summary>Stations, frequencies and data (kept by the quality rules) of the line.</summary>
    public required int Stations { get; init; }

    /// <inheritdoc cref="Stations"/>
    public required int Frequencies { get; init; }

    /// <inheritdoc cref="Stations"/>
    public required int Data { get; init; }

    /// <summary>The profile's azimuth (degrees east of north) and whether it was fitted or given.</summary>
    public required double AzimuthDeg { get; init; }

    /// <inheritdoc cref="AzimuthDeg"/>
    public required string AzimuthSource { get; init; }

    /// <summary>The strike the data were rotated to and whether it was estimated or given.</summary>
    public required double StrikeDeg { get; init; }

    /// <inheritdoc cref="StrikeDeg"/>
    public required string StrikeSource { get; init; }

    /// <summary>The error floors.</summary>
    public required FieldErrorFloors ErrorFloors { get; init; }

    /// <summary>The error model in words.</summary>
    public required string ErrorModel { get; init; }

    /// <summary>The measure NLCG minimised.</summary>
    public required MisfitMeasure MisfitMeasure { get; init; }

    /// <summary><c>estimate</c> or <c>none</c>.</summary>
    public required string StaticShifts { get; init; }

    /// <summary>Fractions of the network input's cells that hold no datum, per mode and both.</summary>
    public required double MaskFractionTe { get; init; }

    /// <inheritdoc cref="MaskFractionTe"/>
    public required double MaskFractionTm { get; init; }

    /// <inheritdoc cref="MaskFractionTe"/>
    public required double MaskFraction { get; init; }

    /// <summary>What was masked, in words.</summary>
    public required string Masked { get; init; }

    /// <summary>Data masked and kept by the quality rules.</summary>
    public required int QualityMasked { get; init; }

    /// <inheritdoc cref="QualityMasked"/>
    public required int QualityKept { get; init; }

    /// <summary>Profile distance + this = the network grid's lateral coordinate.</summary>
    public required double NetworkOffsetM { get; init; }

    /// <summary>How the prediction was mapped onto the line's grid, in words.</summary>
    public required string NetworkMapping { get; init; }

    /// <summary>What the methods' data_rms measures, in words.</summary>
    public required string DataRms { get; init; }

    /// <summary>The NLCG runs' largest number of iterations and target RMS.</summary>
    public required int MaxIterations { get; init; }

    /// <inheritdoc cref="MaxIterations"/>
    public required double TargetRms { get; init; }

    /// <summary>Each method's result by its key (<see cref="Methods.Key"/>: nlcg_halfspace, network, hybrid).</summary>
    public required IReadOnlyDictionary<string, FieldMethodSummary> Methods { get; init; }

    /// <summary>Wall time of the whole run, preparation included.</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>Writes the summary atomically.</summary>
    public void Write(string path) => ResultJson.Write(path, this);

    /// <summary>Reads a summary.</summary>
    public static FieldSummary Read(string path) => ResultJson.Read<FieldSummary>(path);
}
