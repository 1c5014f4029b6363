using Mt.Forward;

namespace Mt.Inversion;

/// <summary>
/// Static shifts: one factor per station and mode that multiplies every apparent resistivity of that mode at that
/// station (galvanic distortion by near-surface bodies smaller than the model's cells), here in log10: the observed
/// log10 rho_a is the model's plus the shift. Phases are unaffected.
/// </summary>
public sealed class StaticShifts
{
    private readonly double[] _log10; // [mode * stations + station]

    private StaticShifts(int stations, IReadOnlyList<Mode> modes, double[] log10)
    {
        Stations = stations;
        Modes = modes;
        _log10 = log10;
    }

    /// <summary>Number of stations.</summary>
    public int Stations { get; }

    /// <summary>Modes, in the data's order.</summary>
    public IReadOnlyList<Mode> Modes { get; }

    /// <summary>No shift at any station of <paramref name="data"/>.</summary>
    public static StaticShifts None(ObservedData data) =>
        new(data.StationsM.Length, data.Modes, new double[data.StationsM.Length * data.Modes.Count]);

    /// <summary>Shifts of <paramref name="data"/>'s stations and modes from their log10 values, in the order of
    /// <see cref="ToLog10"/> (a checkpoint's); the count must match.</summary>
    public static StaticShifts FromLog10(ObservedData data, IReadOnlyList<double> log10)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(log10);
        int count = data.StationsM.Length * data.Modes.Count;
        if (log10.Count != count) throw new ArgumentException($"{log10.Count} shifts for {count} station-mode pairs of the data");
        return new(data.StationsM.Length, data.Modes, [.. log10]);
    }

    /// <summary>Every log10 shift, mode by mode (the data's order), station by station.</summary>
    public double[] ToLog10() => [.. _log10];

    /// <summary>The log10 shift of <paramref name="mode"/> at station <paramref name="station"/>.</summary>
    public double Log10(Mode mode, int station) => _log10[Slot(mode, station)];

    /// <summary>
    /// The shifts that minimise sum_i ((d_i + s - o_i) / e_i)^2 + (s / prior)^2 over the log10 apparent resistivities
    /// of each station and mode, given the predicted data d of a model (the rho/phase measure; a closed form):
    /// s = sum_i (o_i - d_i) / e_i^2 / (sum_i 1 / e_i^2 + 1 / prior^2). The prior (log10) damps the shifts toward none:
    /// the data must ask for a shift more clearly than the prior allows for it to be taken.
    /// </summary>
    public static StaticShifts Estimate(ObservedData data, double[] predicted, double priorLog10)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predicted);
        if (!(priorLog10 > 0) || !double.IsFinite(priorLog10))
            throw new ArgumentOutOfRangeException(nameof(priorLog10), priorLog10, "the static-shift prior must be a positive log10 value");
        var shifts = None(data);
        var sum = new double[shifts._log10.Length];
        var weight = new double[shifts._log10.Length];
        for (int r = 0; r < data.Survey.Receivers.Count; r++)
        {
            var receiver = data.Survey.Receivers[r];
            int i = Survey.RhoIndex(r), slot = shifts.Slot(receiver.Mode, receiver.StationIndex);
            double w = 1 / (data.Error(i) * data.Error(i));
            sum[slot] += w * (data.Value(i) - predicted[i]);
            weight[slot] += w;
        }
        double damping = 1 / (priorLog10 * priorLog10);
        for (int k = 0; k < sum.Length; k++) shifts._log10[k] = sum[k] / (weight[k] + damping);
        return shifts;
    }

    /// <summary>The largest difference (log10) between these shifts and <paramref name="other"/>'s.</summary>
    public double MaxDifference(StaticShifts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._log10.Length != _log10.Length) throw new ArgumentException("the shifts belong to other data");
        return _log10.Zip(other._log10, (a, b) => Math.Abs(a - b)).Max();
    }

    /// <summary>The data a model without shifts should fit: every observed log10 rho_a less its station's shift.</summary>
    public ObservedData RemoveFrom(ObservedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ObservedData(data.StationsM, data.FrequenciesHz,
            [.. data.Data.Select(d => d with { Log10RhoApp = d.Log10RhoApp - Log10(d.Mode, d.StationIndex) })]);
    }

    private int Slot(Mode mode, int station)
    {
        int m = -1;
        for (int i = 0; i < Modes.Count; i++)
            if (Modes[i] == mode) m = i;
        if (m < 0) throw new ArgumentException($"mode {mode} is not in the data");
        return m * Stations + station;
    }
}
