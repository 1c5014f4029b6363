using System.Globalization;
using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.IO;

namespace Mt.Evaluation;

/// <summary>
/// The physics check that <c>mt predict --check-physics</c> stores in a prediction file: the data RMS of each
/// prediction (its TE and TM forward response against the data predicted from, under the error floors the file
/// names), the computation the evaluation makes for the network's row. The evaluation reuses it only when it is that
/// computation: the file holds the responses of the data it is measured against (so it predicted those data) and its
/// floors are the evaluation's; the forward engine is the same because a change in it reruns the prediction stage.
/// The evaluation recomputes the misfit of every model NLCG inverted and requires the stored value to equal it.
/// </summary>
public static class StoredCheck
{
    /// <summary>Attribute names written by Mt.Learning's <c>PhysicsCheckResult</c> (a test checks that they agree).</summary>
    public const string DataRmsAttribute = "physics_check_data_rms", FloorsAttribute = "physics_check_error_floors";

    /// <summary>
    /// The stored data RMS per sample of <paramref name="prediction"/> (file <paramref name="path"/>), or null when the
    /// file holds no check, a check under other floors than <paramref name="floors"/>, or the responses of other data
    /// than <paramref name="observed"/>. A check that is present but malformed is a <see cref="DataFileException"/>.
    /// </summary>
    public static double[]? DataRms(DataSet prediction, DataSet observed, ErrorFloors floors, string path)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(floors);
        var extra = prediction.Attributes.Extra;
        if (!extra.TryGetValue(DataRmsAttribute, out string? rmsText) || !extra.TryGetValue(FloorsAttribute, out string? floorsText)) return null;
        string[] floorParts = floorsText.Split(',');
        if (floorParts.Length != 2 || !InvariantNumber.TryParseFinite(floorParts[0], out double rhoFloor) || !InvariantNumber.TryParseFinite(floorParts[1], out double phaseFloor))
            throw new DataFileException(path, null, $"attribute '{FloorsAttribute}' is '{floorsText}', expected two numbers: the apparent-resistivity fraction and the phase floor (degrees)");
        if (rhoFloor != floors.ApparentResistivityFraction || phaseFloor != floors.PhaseDeg) return null;
        if (!SameValues(prediction.Log10RhoApp, observed.Log10RhoApp) || !SameValues(prediction.PhaseDeg, observed.PhaseDeg)) return null;
        string[] parts = rmsText.Split(',');
        if (parts.Length != prediction.Count)
            throw new DataFileException(path, null, $"attribute '{DataRmsAttribute}' holds {parts.Length} values for {prediction.Count} samples");
        var rms = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!InvariantNumber.TryParseFinite(parts[i], out rms[i]) || rms[i] < 0)
                throw new DataFileException(path, null, string.Create(CultureInfo.InvariantCulture,
                    $"attribute '{DataRmsAttribute}' gives sample {i} the data RMS '{parts[i]}', expected a number >= 0"));
        return rms;
    }

    private static bool SameValues(double[,,,] a, double[,,,] b) =>
        a.Length == b.Length && Enumerable.Range(0, 4).All(d => a.GetLength(d) == b.GetLength(d)) && a.Cast<double>().SequenceEqual(b.Cast<double>());
}
