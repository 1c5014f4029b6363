using System.Numerics;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>
/// The differentiable simulation of an inversion (SimPEG's vocabulary): <see cref="Dpred"/> maps model parameters m
/// (log10 resistivity of every cell of a fixed grid, <see cref="ResistivityModel.ToParameters"/>) to the data vector of a
/// <see cref="Survey"/>, on meshes that stay fixed while m changes, with its exact derivatives: <see cref="Jvec"/>, J v
/// (one extra solve per frequency and mode) and <see cref="Jtvec"/>, J^T w (the adjoint: one extra solve per frequency
/// and mode with the factors of the forward solve; the operators are complex symmetric).
/// </summary>
/// <remarks>
/// The meshes and the side-boundary fields (1D responses of the edge columns) come from a design model and are held
/// fixed, so that d(m) is a smooth function of the cell values alone; an inversion redesigns them now and then
/// (<see cref="Redesign"/>). Every model edge is a mesh node, so each mesh cell lies in one model cell and every
/// parameter acts on the mesh; lateral padding cells take the edge columns' parameters. Per mesh cell the operator
/// depends on the cell value v (TE: conductivity, TM: resistivity) through local terms: TE mass i w mu0 v dy dz / 4 at
/// the four corners; TM conductance v dz / (2 dy) on the two horizontal and v dy / (2 dz) on the two vertical edges;
/// at the bottom the impedance condition 0.5 dy sqrt(i w mu0 v) at the two lower corners (both modes).
/// </remarks>
public sealed class FixedMeshSimulation
{
    private static readonly double Ln10 = Math.Log(10);
    private readonly Survey _survey;
    private readonly ForwardOptions _options;
    private readonly TaskPlan[] _tasks;
    private ResistivityModel _design;
    private Mesh2D[] _meshes;

    /// <summary>Designs the meshes of every (mode, frequency) observed from <paramref name="design"/> (its grid is
    /// the parameter grid).</summary>
    public FixedMeshSimulation(ResistivityModel design, Survey survey, ForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        _survey = survey ?? throw new ArgumentNullException(nameof(survey));
        _options = (options ?? ForwardOptions.Default) with { KeepAllModelEdges = true, LateralContactGrading = false };
        foreach (double s in survey.StationsM)
            if (!(s >= design.YEdgesM[0] && s <= design.YEdgesM[^1]))
                throw new ArgumentException($"station at {s} m lies outside the grid ({design.YEdgesM[0]} to {design.YEdgesM[^1]} m)");
        Ny = design.Ny;
        Nz = design.Nz;
        var byTask = new Dictionary<(Mode, int), List<int>>();
        for (int i = 0; i < survey.Receivers.Count; i++)
        {
            var key = (survey.Receivers[i].Mode, survey.Receivers[i].FrequencyIndex);
            if (!byTask.TryGetValue(key, out var list)) byTask[key] = list = [];
            list.Add(i);
        }
        _tasks = [.. byTask.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).Select(kv => new TaskPlan(kv.Key.Item1, kv.Key.Item2, [.. kv.Value]))];
        _design = design;
        _meshes = [];
        Redesign(design);
    }

    /// <summary>Lateral cells of the parameter grid.</summary>
    public int Ny { get; }

    /// <summary>Depth cells of the parameter grid.</summary>
    public int Nz { get; }

    /// <summary>Number of parameters (Nz x Ny).</summary>
    public int Parameters => Ny * Nz;

    /// <summary>Systems solved per forward run (modes x frequencies observed).</summary>
    public int Systems => _tasks.Length;

    /// <summary>Forward runs so far (each solves every system once).</summary>
    public int ForwardRuns { get; private set; }

    /// <summary>Extra (adjoint or sensitivity) solves so far, in units of one per system.</summary>
    public int AdjointRuns { get; private set; }

    /// <summary>Rebuilds the meshes and side-boundary fields from <paramref name="design"/> (same grid).</summary>
    public void Redesign(ResistivityModel design)
    {
        if (design.Ny != Ny || design.Nz != Nz) throw new ArgumentException("the design model must be on the parameter grid");
        _design = design;
        _meshes = [.. _tasks.Select(t => MeshBuilder.Build(design, _survey.StationsM, _survey.FrequenciesHz[t.Frequency], t.Mode, _options))];
    }

    /// <summary>Total unknowns of the current meshes (a measure of the cost of one forward run).</summary>
    public long Unknowns => _meshes.Sum(m => (long)(m.YNodesM.Length - 2) * (m.ZNodesM.Length - 1));

    /// <summary>The model of parameter vector <paramref name="m"/> (log10 ohm-m) on the grid.</summary>
    public ResistivityModel ToModel(double[] m) => _design.WithParameters(m);

    /// <summary>The predicted data vector d(m) (the survey's order).</summary>
    public double[] Dpred(double[] m) => Run(m, null, null, null).Predicted;

    /// <summary>
    /// The data and, with it, the gradient of sum_i weight_i(d) d_i over m, where the weights come from the predicted
    /// data: <paramref name="weights"/> maps (entry index, predicted vector) to the weight, and may read the entries of
    /// that index's receiver (both are filled when it is called). With a misfit's derivative
    /// (<see cref="IDataMisfit.Derivative"/>) this is the gradient of the data misfit; with fixed weights w it is J^T w.
    /// </summary>
    public (double[] Predicted, double[] Gradient) PredictWithGradient(double[] m, Func<int, double[], double> weights)
    {
        var r = Run(m, weights, null, null);
        return (r.Predicted, r.Gradient!);
    }

    /// <summary>J v at m (J = dd/dm), by one extra solve per system.</summary>
    public double[] Jvec(double[] m, double[] dm)
    {
        if (dm.Length != Parameters) throw new ArgumentException("dm has the wrong length");
        var jv = new double[_survey.Count];
        Run(m, null, dm, jv);
        return jv;
    }

    /// <summary>J^T w at m, by the adjoint: one extra solve per system with the forward solve's factors.</summary>
    public double[] Jtvec(double[] m, double[] w)
    {
        if (w.Length != _survey.Count) throw new ArgumentException("w has the wrong length");
        return PredictWithGradient(m, (i, _) => w[i]).Gradient;
    }

    private sealed record TaskPlan(Mode Mode, int Frequency, int[] Data);

    private sealed record RunResult(double[] Predicted, double[]? Gradient);

    private RunResult Run(double[] m, Func<int, double[], double>? weights, double[]? dm, double[]? jv)
    {
        var model = ToModel(m);
        var predicted = new double[_survey.Count];
        bool extra = weights is not null || dm is not null;
        var perTask = weights is null ? null : new double[_tasks.Length][];
        var order = Enumerable.Range(0, _tasks.Length).OrderByDescending(t => ModeSolution.EstimatedWork(_meshes[t])).ToArray();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism > 0 ? _options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(order, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            parallel, t =>
            {
                var plan = _tasks[t];
                var mesh = _meshes[t];
                double f = _survey.FrequenciesHz[plan.Frequency];
                var solution = ModeSolution.Solve(model, mesh, f, plan.Mode, keepFactors: extra, workspace: null, boundaryModel: _design);
                foreach (int d in plan.Data)
                {
                    Complex z = solution.StationImpedances[_survey.Receivers[d].StationIndex];
                    predicted[2 * d] = Math.Log10(Impedance.RhoAppOhmM(z, f));
                    predicted[2 * d + 1] = Impedance.PhaseDeg(z, plan.Mode);
                }
                if (!extra) return;
                var local = new ModeSensitivity(solution, model);
                if (weights is not null)
                {
                    // c_s = sum over this system's data at station s of w_i dd_i/dZ (d rho: 2/ln10 Re(dZ/Z); phase: 180/pi Im(dZ/Z)).
                    var c = new Complex[_survey.StationsM.Length];
                    foreach (int d in plan.Data)
                    {
                        int s = _survey.Receivers[d].StationIndex;
                        Complex z = solution.StationImpedances[s];
                        c[s] += weights(2 * d, predicted) * (2 / Ln10) / z
                                + weights(2 * d + 1, predicted) * (-Complex.ImaginaryOne * 180 / Math.PI) / z;
                    }
                    perTask![t] = local.TransposeTimes(c);
                }
                if (dm is not null)
                {
                    var dz = local.Times(dm);
                    foreach (int d in plan.Data)
                    {
                        int s = _survey.Receivers[d].StationIndex;
                        Complex ratio = dz[s] / solution.StationImpedances[s];
                        jv![2 * d] = 2 / Ln10 * ratio.Real;
                        jv[2 * d + 1] = 180 / Math.PI * ratio.Imaginary;
                    }
                }
            });
        ForwardRuns++;
        if (extra) AdjointRuns++;
        if (perTask is null) return new RunResult(predicted, null);
        // Summed in task order, so that the gradient does not depend on which thread finished first.
        var gradient = new double[Parameters];
        foreach (var g in perTask)
            for (int p = 0; p < gradient.Length; p++) gradient[p] += g[p];
        return new RunResult(predicted, gradient);
    }
}
