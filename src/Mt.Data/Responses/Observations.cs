using Mt.Data.Datasets;
using Mt.Data.Experiments;
using Mt.Data.Misfit;
using Mt.Forward;

namespace Mt.Data.Responses;

/// <summary>The <see cref="ObservedData"/> of response-CSV rows and of data-set samples: the one place where observed
/// values meet their standard errors.</summary>
public static class Observations
{
    /// <summary>
    /// Observed data from response-CSV rows: log10 apparent resistivity and phase with their errors, from the error
    /// columns when given (rho error / (rho ln 10) in log10 units), bounded below by the floors. Stations and
    /// frequencies are the rows' distinct values, ascending.
    /// </summary>
    public static ObservedData FromRows(IReadOnlyList<ResponseRow> rows, ErrorFloors floors)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(floors);
        DataErrors minimum = floors.At(0);
        double[] stations = [.. rows.Select(r => r.StationM).Distinct().Order()];
        double[] frequencies = [.. rows.Select(r => r.FrequencyHz).Distinct().Order()];
        var data = rows.Select(r =>
        {
            double rhoError = r.RhoAppErrOhmM is { } e ? DataErrors.Log10Error(e / r.RhoAppOhmM) : 0;
            double phaseError = r.PhaseErrDeg ?? 0;
            return new Datum(r.Mode, Array.BinarySearch(stations, r.StationM), Array.BinarySearch(frequencies, r.FrequencyHz),
                Math.Log10(r.RhoAppOhmM), r.PhaseDeg, Math.Max(rhoError, minimum.Log10RhoApp), Math.Max(phaseError, minimum.PhaseDeg));
        }).ToList();
        return new ObservedData(stations, frequencies, data);
    }

    /// <summary>Observed data of sample <paramref name="index"/> of a data set in <paramref name="modes"/> (every
    /// station and frequency, ordered by mode, station, frequency), with the errors of its noise level
    /// (<see cref="DataSet.NoiseLevel"/>) bounded below by the floors.</summary>
    public static ObservedData FromSample(DataSet set, int index, IReadOnlyList<Mode> modes, ErrorFloors floors)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(modes);
        var errors = floors.At(set.NoiseLevel);
        var sample = set.Sample(index);
        var data = new List<Datum>();
        foreach (var mode in modes)
        {
            int mi = ModeIndex(mode);
            for (int s = 0; s < set.Ns; s++)
                for (int f = 0; f < set.Nf; f++)
                    data.Add(new Datum(mode, s, f, sample.Log10RhoApp[mi, f, s], sample.PhaseDeg[mi, f, s], errors.Log10RhoApp, errors.PhaseDeg));
        }
        return new ObservedData(set.StationsM, set.FrequenciesHz, data);
    }

    /// <summary>
    /// Observed data named as on the command line: <c>FILE.h5#INDEX</c> (sample INDEX of a data set, in
    /// <paramref name="modes"/>) or a response CSV (with optional error columns). A missing file, a bad index or bad
    /// values are a <see cref="IO.DataFileException"/> naming the file.
    /// </summary>
    public static ObservedData Read(string text, IReadOnlyList<Mode> modes, ErrorFloors floors)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        string path = text;
        try
        {
            if (ReadSample(text) is not (DataSet set, int index)) return FromRows(ResponseCsv.Read(path = text), floors);
            path = text[..text.LastIndexOf('#')];
            return FromSample(set, index, modes, floors);
        }
        catch (ArgumentException ex)
        {
            throw new IO.DataFileException(path, null, ex.Message, ex);
        }
    }

    /// <summary>The data set and sample index named by <c>FILE.h5#INDEX</c>, or null when <paramref name="text"/> does
    /// not have that form. A missing file or an index it does not hold is a <see cref="IO.DataFileException"/>.</summary>
    public static (DataSet Set, int Index)? ReadSample(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        int hash = text.LastIndexOf('#');
        if (hash <= 0 || !text[..hash].EndsWith(".h5", StringComparison.OrdinalIgnoreCase)) return null;
        string path = text[..hash];
        if (!int.TryParse(text[(hash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            throw new IO.DataFileException(path, null, $"\"{text[(hash + 1)..]}\" after # is not a sample index");
        DataSet set = DataSetFile.Read(path);
        if (index >= set.Count) throw new IO.DataFileException(path, null, $"holds {set.Count} samples, no sample {index}");
        return (set, index);
    }

    /// <summary>Index of a mode on the mode axis of a data set's responses (TE 0, TM 1).</summary>
    public static int ModeIndex(Mode mode) => mode == Mode.TE ? 0 : 1;
}
