using System.Collections.Concurrent;
using System.Numerics;

namespace Mt.Forward;

/// <summary>2D magnetotelluric forward modelling of TE and TM responses.</summary>
public static class Forward2D
{
    /// <summary>Computes the impedances at <paramref name="stationsM"/> (lateral positions on the surface, inside the
    /// model's lateral extent) for each frequency and mode.</summary>
    public static ForwardResponse Compute(ResistivityModel model, double[] stationsM, double[] frequenciesHz,
        IReadOnlyList<Mode> modes, ForwardOptions? options = null) =>
        Solve(model, stationsM, frequenciesHz, modes, options, keepFactors: false).Response;

    /// <summary>Solves every mode and frequency (in parallel across frequencies), optionally keeping the factors of
    /// each system for further right-hand sides.</summary>
    public static ForwardSolution Solve(ResistivityModel model, double[] stationsM, double[] frequenciesHz,
        IReadOnlyList<Mode> modes, ForwardOptions? options, bool keepFactors)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= ForwardOptions.Default;
        if (modes.Count == 0) throw new ArgumentException("ask for at least one mode");
        if (modes.Distinct().Count() != modes.Count) throw new ArgumentException("a mode is repeated");
        foreach (double f in frequenciesHz)
            if (!(f > 0) || !double.IsFinite(f)) throw new ArgumentOutOfRangeException(nameof(frequenciesHz), $"frequency {f} Hz must be positive and finite");
        foreach (double s in stationsM)
            if (!(s >= model.YEdgesM[0] && s <= model.YEdgesM[^1]))
                throw new ArgumentOutOfRangeException(nameof(stationsM), $"station at {s} m lies outside the model ({model.YEdgesM[0]} to {model.YEdgesM[^1]} m)");

        var tasks = (from mode in modes from fi in Enumerable.Range(0, frequenciesHz.Length) select (mode, fi)).ToArray();
        var meshes = tasks.Select(t => MeshBuilder.Build(model, stationsM, frequenciesHz[t.fi], t.mode, options)).ToArray();
        // Largest systems first, handed out one at a time, so that the workers finish together.
        var order = Enumerable.Range(0, tasks.Length).OrderByDescending(t => ModeSolution.EstimatedWork(meshes[t])).ToArray();
        var solutions = new ModeSolution[tasks.Length];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        // Each worker reuses one band storage for the systems it solves (unless the factors are kept).
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, () => new BandWorkspace(),
            (t, _, workspace) =>
            {
                var (mode, fi) = tasks[t];
                solutions[t] = ModeSolution.Solve(model, meshes[t], frequenciesHz[fi], mode, keepFactors, workspace);
                return workspace;
            }, _ => { });

        var z = new Dictionary<Mode, Complex[,]>();
        foreach (var mode in modes) z[mode] = new Complex[frequenciesHz.Length, stationsM.Length];
        for (int t = 0; t < tasks.Length; t++)
        {
            var (mode, fi) = tasks[t];
            for (int s = 0; s < stationsM.Length; s++) z[mode][fi, s] = solutions[t].StationImpedances[s];
        }
        return new ForwardSolution(new ForwardResponse((double[])stationsM.Clone(), (double[])frequenciesHz.Clone(), z), solutions);
    }
}

/// <summary>The response together with the per-frequency, per-mode solutions (fields, meshes, optionally factors).</summary>
public sealed class ForwardSolution(ForwardResponse response, IReadOnlyList<ModeSolution> solutions)
{
    /// <summary>The impedances at the stations.</summary>
    public ForwardResponse Response { get; } = response;

    /// <summary>One solution per mode and frequency, modes in the order asked, then frequencies.</summary>
    public IReadOnlyList<ModeSolution> Solutions { get; } = solutions;
}
