using System.Diagnostics;
using Mt.Data.Experiments;
using Mt.Data.Results;
using Mt.Forward;

namespace Mt.Inversion;

/// <summary>Settings of <see cref="Nlcg"/>.</summary>
public sealed record NlcgOptions
{
    /// <summary>Stop when the normalised RMS misfit reaches this.</summary>
    public double TargetRms { get; init; } = 1.0;

    /// <summary>Largest number of iterations (line searches).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Initial trade-off parameter tau of the objective misfit + tau roughness.</summary>
    public double InitialTradeOff { get; init; } = 10;

    /// <summary>tau is divided by this when an iteration lowers the objective by less than <see cref="ProgressThreshold"/>.</summary>
    public double TradeOffFactor { get; init; } = 10;

    /// <summary>Smallest trade-off parameter: below it the inversion stops when it makes no progress.</summary>
    public double MinTradeOff { get; init; } = 1e-4;

    /// <summary>Relative decrease of the objective in one iteration below which tau is lowered.</summary>
    public double ProgressThreshold { get; init; } = 0.01;

    /// <summary>Weight of lateral first differences in the roughness.</summary>
    public double LateralWeight { get; init; } = 1;

    /// <summary>Weight of vertical first differences in the roughness.</summary>
    public double VerticalWeight { get; init; } = 1;

    /// <summary>The preconditioner is (eps I + W^T W)^-1: it smooths the gradient over about 1/sqrt(eps) cells.</summary>
    public double PreconditionerSmallness { get; init; } = 0.1;

    /// <summary>Largest change of any log10 resistivity in the first trial step of a line search.</summary>
    public double InitialStepLog10 { get; init; } = 0.5;

    /// <summary>Largest change of any log10 resistivity in any trial step.</summary>
    public double MaxStepLog10 { get; init; } = 1.5;

    /// <summary>Bounds of log10 resistivity: trial models are clipped into them.</summary>
    public double MinLog10 { get; init; } = -1;

    /// <summary>Upper bound of log10 resistivity.</summary>
    public double MaxLog10 { get; init; } = 5;

    /// <summary>The misfit measure minimised: log10 apparent resistivity and phase (the default), or the impedance's
    /// real and imaginary parts under |Z|-relative errors (<see cref="ImpedanceMisfit"/>). The RMS of the iterations is
    /// in this measure.</summary>
    public MisfitMeasure Measure { get; init; } = MisfitMeasure.RhoPhase;

    /// <summary>Estimate a static shift per station and mode (<see cref="StaticShifts"/>) with the model: at every
    /// restart of the directions (not at the start: shifts fitted to the starting model's data absorb the structure the
    /// model has yet to build; measured on the block line: section RMSE 0.21 against 0.08) the shifts that best fit the
    /// current model's data under the damping
    /// (<see cref="StaticShiftPriorLog10"/>) are taken and the model then fits the data less them (block coordinate
    /// descent on the joint objective); at the smallest trade-off a stall with shifts that still move restarts once
    /// more instead of stopping. Under the rho/phase measure only.</summary>
    public bool EstimateStaticShifts { get; init; }

    /// <summary>Standard deviation (log10) of the prior on each static shift, which damps them toward none: 0.5 allows
    /// factors of about 3.</summary>
    public double StaticShiftPriorLog10 { get; init; } = 0.5;

    /// <summary>Mesh settings (every model edge is a node and the lateral contact grading is off regardless).</summary>
    public ForwardOptions Forward { get; init; } = ForwardOptions.Default;

    /// <summary>The settings an experiment's inversion section gives (target RMS, iteration limit, initial trade-off),
    /// the defaults for the rest; <paramref name="maxIterations"/> overrides the section's limit.</summary>
    public static NlcgOptions From(InversionSection inversion, int? maxIterations = null)
    {
        ArgumentNullException.ThrowIfNull(inversion);
        return new NlcgOptions
        {
            TargetRms = inversion.TargetRms,
            MaxIterations = maxIterations ?? inversion.MaxIterations,
            InitialTradeOff = inversion.InitialTradeOff,
        };
    }
}

/// <summary>One iteration of <see cref="Nlcg"/> (iteration 0 is the starting model).</summary>
/// <param name="Iteration">Iteration number.</param>
/// <param name="Rms">Normalised RMS misfit.</param>
/// <param name="Objective">misfit + tau roughness.</param>
/// <param name="Misfit">Sum of squared normalised residuals.</param>
/// <param name="Roughness">Roughness of m - m_ref.</param>
/// <param name="TradeOff">tau.</param>
/// <param name="Step">Step length of the line search (0 at iteration 0).</param>
/// <param name="ForwardRuns">Forward runs so far (each solves every mode and frequency).</param>
/// <param name="AdjointRuns">Adjoint runs so far.</param>
/// <param name="Seconds">Wall time since the start.</param>
public sealed record IterationRecord(int Iteration, double Rms, double Objective, double Misfit, double Roughness,
    double TradeOff, double Step, int ForwardRuns, int AdjointRuns, double Seconds);

/// <summary>The outcome of an inversion.</summary>
/// <param name="Model">The final model.</param>
/// <param name="Predicted">Its predicted data (on the inversion's meshes), in the order of <see cref="ObservedData.Values"/>.</param>
/// <param name="Rms">Its normalised RMS misfit.</param>
/// <param name="History">One record per iteration.</param>
/// <param name="ExitReason">Why it stopped.</param>
/// <param name="Shifts">The static shifts estimated with the model (null unless asked for; none before the first restart
/// of the directions, where they are first estimated); <paramref name="Rms"/> and
/// the history's RMS are then the fit to the data less these shifts, and <paramref name="Predicted"/> is the model's
/// own response (without them).</param>
public sealed record NlcgResult(ResistivityModel Model, double[] Predicted, double Rms, IReadOnlyList<IterationRecord> History, NlcgExit ExitReason,
    StaticShifts? Shifts = null);

/// <summary>
/// What NLCG needs to continue after an iteration exactly as if it had not stopped: the model, the model its meshes were
/// designed from, the trade-off, the search direction and the previous step (the gradients are recomputed from these),
/// the static shifts, the history and the work counters. Written after every iteration by <see cref="NlcgCheckpoint"/>.
/// </summary>
/// <param name="Iteration">The last finished iteration.</param>
/// <param name="Parameters">log10 resistivity of every cell after it.</param>
/// <param name="MeshDesign">log10 resistivity of the model the forward meshes were last designed from; null while they
/// are still those of the start model.</param>
/// <param name="TradeOff">The trade-off for the next iteration.</param>
/// <param name="Direction">The search direction for the next iteration.</param>
/// <param name="PreviousStep">The last accepted step (0 after a restart of the directions).</param>
/// <param name="PreviousSlope">The slope along the direction of that step.</param>
/// <param name="ShiftsLog10">The static shifts (<see cref="StaticShifts.ToLog10"/>), or null when none are estimated yet.</param>
/// <param name="History">Every iteration so far.</param>
public sealed record NlcgState(int Iteration, double[] Parameters, double[]? MeshDesign, double TradeOff, double[] Direction,
    double PreviousStep, double PreviousSlope, double[]? ShiftsLog10, IReadOnlyList<IterationRecord> History);

/// <summary>How an inversion keeps and resumes its state: <paramref name="Resume"/> (null: from the start) and
/// <paramref name="Save"/>, called after every iteration (e.g. an atomic file write).</summary>
public sealed record NlcgCheckpoint(NlcgState? Resume, Action<NlcgState> Save);

/// <summary>
/// Regularised inversion by preconditioned nonlinear conjugate gradients (Rodi and Mackie 2001): minimise
/// sum ((d(m) - d_obs) / e)^2 + tau R(m - m_ref) over m = log10 resistivity of every cell, with the gradient by the
/// adjoint method (<see cref="MeshedForward"/>), Polak-Ribiere directions preconditioned by (eps I + W^T W)^-1, a line
/// search by cubic interpolation that asks for sufficient decrease (Armijo) and tries to meet the curvature condition
/// with at most two more evaluations, and a trade-off schedule: tau starts at <see cref="NlcgOptions.InitialTradeOff"/>
/// and is divided by <see cref="NlcgOptions.TradeOffFactor"/> whenever an iteration lowers the objective by less than
/// <see cref="NlcgOptions.ProgressThreshold"/>; then the directions restart and the meshes are redesigned from the
/// current model; at the smallest trade-off an iteration gaining less than the threshold stops it (no-progress).
/// Deterministic: the same inputs give the same numbers.
/// </summary>
public static class Nlcg
{
    private const double Armijo = 1e-4;
    private const double Curvature = 0.5;

    /// <summary>Runs the inversion from <paramref name="start"/>, regularised towards <paramref name="reference"/>
    /// (both on the parameter grid); <paramref name="progress"/> receives every iteration. With
    /// <paramref name="checkpoint"/>, the state after every iteration is saved and a saved state is continued from: an
    /// interrupted and resumed run ends with the same model as an uninterrupted one (the resumed run evaluates its
    /// starting point once more, so its forward-run counts are higher by one).</summary>
    public static NlcgResult Run(ObservedData data, ResistivityModel start, ResistivityModel reference, NlcgOptions? options = null,
        Action<IterationRecord>? progress = null, CancellationToken cancel = default, NlcgCheckpoint? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new NlcgOptions();
        if (reference.Ny != start.Ny || reference.Nz != start.Nz) throw new ArgumentException("start and reference models must share the grid");
        var clock = Stopwatch.StartNew();
        NlcgState? resume = checkpoint?.Resume;
        int parameters = start.Ny * start.Nz;
        if (resume is not null && (resume.Parameters.Length != parameters || resume.Direction.Length != parameters
                                   || resume.MeshDesign is { Length: var n } && n != parameters || resume.History.Count == 0))
            throw new ArgumentException($"the saved state does not belong to this inversion ({parameters} parameters)", nameof(checkpoint));
        double[]? meshDesign = resume?.MeshDesign;
        var forward = new FixedMeshSimulation(meshDesign is null ? start : start.WithParameters(meshDesign), data.Survey, options.Forward);
        int runsBefore = resume?.History[^1].ForwardRuns ?? 0, adjointsBefore = resume?.History[^1].AdjointRuns ?? 0;
        double secondsBefore = resume?.History[^1].Seconds ?? 0;
        if (options.EstimateStaticShifts && options.Measure != MisfitMeasure.RhoPhase)
            throw new ArgumentException("static shifts are estimated under the rho/phase misfit measure only", nameof(options));
        var misfitOf = DataMisfits.Of(data, options.Measure);
        StaticShifts? shifts = resume?.ShiftsLog10 is { } saved ? StaticShifts.FromLog10(data, saved) : null;
        if (shifts is not null) misfitOf = DataMisfits.Of(shifts.RemoveFrom(data), options.Measure);
        var roughness = new Roughness(start.Ny, start.Nz, options.LateralWeight, options.VerticalWeight);
        double[] mRef = reference.ToParameters();
        var history = new List<IterationRecord>(resume?.History ?? []);
        double tau = resume?.TradeOff ?? options.InitialTradeOff;

        Point Evaluate(double[] m)
        {
            cancel.ThrowIfCancellationRequested();
            var (predicted, gMisfit) = forward.PredictWithGradient(m, misfitOf.Derivative);
            double misfit = misfitOf.ChiSquared(predicted);
            var dm = Subtract(m, mRef);
            return new Point(m, predicted, misfit, roughness.Value(dm), gMisfit, roughness.Gradient(dm));
        }

        void Record(int iteration, Point x, double step)
        {
            var r = new IterationRecord(iteration, Math.Sqrt(x.Misfit / data.Count), x.Objective(tau), x.Misfit, x.Rough, tau, step,
                runsBefore + forward.ForwardRuns, adjointsBefore + forward.AdjointRuns, secondsBefore + clock.Elapsed.TotalSeconds);
            history.Add(r);
            progress?.Invoke(r);
        }

        // The shifts that best fit x's data; x again with the data less them. False when they hardly moved.
        bool UpdateShifts(ref Point x)
        {
            if (!options.EstimateStaticShifts) return false;
            var previous = shifts;
            shifts = StaticShifts.Estimate(data, x.Predicted, options.StaticShiftPriorLog10);
            misfitOf = DataMisfits.Of(shifts.RemoveFrom(data), options.Measure);
            x = Evaluate(x.M);
            return previous is null || shifts.MaxDifference(previous) > 0.01;
        }

        void Save(int iteration, Point x, double[] p, double alphaPrev, double slopePrev) =>
            checkpoint?.Save(new NlcgState(iteration, [.. x.M], meshDesign is null ? null : [.. meshDesign], tau, [.. p], alphaPrev, slopePrev, shifts?.ToLog10(), [.. history]));

        Point x = Evaluate(Clip(resume is null ? start.ToParameters() : [.. resume.Parameters], options));
        if (resume is null) Record(0, x, 0);
        double[] g = x.Gradient(tau);
        double[] h = roughness.Precondition(g, options.PreconditionerSmallness);
        double[] p = resume is null ? Negate(h) : [.. resume.Direction];
        double alphaPrev = resume?.PreviousStep ?? 0, slopePrev = resume?.PreviousSlope ?? 0;
        NlcgExit exit = NlcgExit.MaxIterations;
        for (int iteration = (resume?.Iteration ?? 0) + 1; iteration <= options.MaxIterations; iteration++)
        {
            if (Rms(x, data) <= options.TargetRms)
            {
                exit = NlcgExit.TargetRms;
                break;
            }
            double slope = Vectors.Dot(g, p);
            double maxP = p.Max(Math.Abs);
            double alpha0 = alphaPrev > 0 ? alphaPrev * slopePrev / slope : options.InitialStepLog10 / maxP;
            alpha0 = Math.Min(alpha0, options.MaxStepLog10 / maxP);
            var (next, alpha) = LineSearch(x, p, slope, alpha0, tau, Evaluate, options);
            double before = x.Objective(tau);
            bool improved = next is not null && next.Objective(tau) < before;
            if (improved)
            {
                x = next!;
                alphaPrev = alpha;
                slopePrev = slope;
            }
            double decrease = improved ? (before - x.Objective(tau)) / before : 0;
            bool lower = decrease < options.ProgressThreshold;
            if (lower)
            {
                bool atSmallest = tau <= options.MinTradeOff * (1 + 1e-12);
                if (atSmallest && !UpdateShifts(ref x))
                {
                    // At the smallest trade-off an iteration that gains less than the threshold ends the inversion: the
                    // misfit has stalled (e.g. just above the target on noisy data).
                    Record(iteration, x, improved ? alpha : 0);
                    exit = NlcgExit.NoProgress;
                    break;
                }
                tau = Math.Max(options.MinTradeOff, tau / options.TradeOffFactor);
                // A new objective: restart the directions on meshes designed for the current model (and, when they
                // are estimated and were not just updated, with the shifts that fit it).
                forward.Redesign(forward.ToModel(x.M));
                meshDesign = [.. x.M];
                x = Evaluate(x.M);
                if (!atSmallest) UpdateShifts(ref x);
                g = x.Gradient(tau);
                h = roughness.Precondition(g, options.PreconditionerSmallness);
                p = Negate(h);
                alphaPrev = 0;
                Record(iteration, x, improved ? alpha : 0);
                Save(iteration, x, p, alphaPrev, slopePrev);
                continue;
            }
            Record(iteration, x, alpha);
            double[] gNew = x.Gradient(tau);
            double[] hNew = roughness.Precondition(gNew, options.PreconditionerSmallness);
            // Polak-Ribiere (non-negative), restarted when the direction does not descend.
            double beta = Math.Max(0, (Vectors.Dot(gNew, hNew) - Vectors.Dot(gNew, h)) / Vectors.Dot(g, h));
            var pNew = new double[p.Length];
            for (int i = 0; i < p.Length; i++) pNew[i] = -hNew[i] + beta * p[i];
            if (Vectors.Dot(gNew, pNew) >= 0) pNew = Negate(hNew);
            (g, h, p) = (gNew, hNew, pNew);
            Save(iteration, x, p, alphaPrev, slopePrev);
        }
        if (exit == NlcgExit.MaxIterations && Rms(x, data) <= options.TargetRms) exit = NlcgExit.TargetRms;
        // Shifts asked for but not yet estimated (no restart of the directions happened) are none.
        return new NlcgResult(forward.ToModel(x.M), x.Predicted, Rms(x, data), history, exit,
            shifts ?? (options.EstimateStaticShifts ? StaticShifts.None(data) : null));
    }

    /// <summary>
    /// Along p from x: a trial step alpha0; while the objective does not decrease sufficiently, the minimiser of the
    /// quadratic through f(0), f'(0) and f(alpha), kept within [0.1, 0.5] alpha (at most three times); once it does, if
    /// the slope there is still steep (|f'(alpha)| > 0.5 |f'(0)|), one step to the minimiser of the cubic through both
    /// points and their slopes, kept if better. Returns the best point found (null if none is below f(0)).
    /// </summary>
    private static (Point? Point, double Alpha) LineSearch(Point x0, double[] p, double slope0, double alpha0, double tau,
        Func<double[], Point> evaluate, NlcgOptions options)
    {
        double f0 = x0.Objective(tau);
        double alpha = alpha0;
        Point x1 = evaluate(Step(x0.M, p, alpha, options));
        for (int tries = 0; tries < 3 && !(x1.Objective(tau) <= f0 + Armijo * alpha * slope0); tries++)
        {
            double f1 = x1.Objective(tau);
            double q = -slope0 * alpha * alpha / (2 * (f1 - f0 - slope0 * alpha));
            alpha = double.IsFinite(q) ? Math.Clamp(q, 0.1 * alpha, 0.5 * alpha) : 0.25 * alpha;
            x1 = evaluate(Step(x0.M, p, alpha, options));
        }
        if (!(x1.Objective(tau) < f0)) return (null, 0);
        if (!(x1.Objective(tau) <= f0 + Armijo * alpha * slope0)) return (x1, alpha);
        double slope1 = Vectors.Dot(x1.Gradient(tau), p);
        if (Math.Abs(slope1) <= Curvature * Math.Abs(slope0)) return (x1, alpha);
        double a2 = CubicMinimum(f0, slope0, x1.Objective(tau), slope1, alpha);
        a2 = slope1 < 0 ? ExtrapolatedStep(a2, alpha, options.MaxStepLog10 / p.Max(Math.Abs))
                        : Math.Clamp(double.IsFinite(a2) ? a2 : 0.5 * alpha, 0.1 * alpha, 0.9 * alpha);
        if (Math.Abs(a2 - alpha) <= 1e-3 * alpha) return (x1, alpha);
        Point x2 = evaluate(Step(x0.M, p, a2, options));
        return x2.Objective(tau) < x1.Objective(tau) ? (x2, a2) : (x1, alpha);
    }

    /// <summary>
    /// The step beyond <paramref name="alpha"/> when the slope there is still downhill: the cubic's minimiser
    /// <paramref name="cubic"/> (2 alpha if it has none) kept within [1.2, 4] alpha and never beyond the step cap
    /// <paramref name="cap"/>. A cap below 1.2 alpha leaves the cap itself (at most alpha's own neighbourhood when the
    /// trial step already reached it), so the bounds never cross.
    /// </summary>
    internal static double ExtrapolatedStep(double cubic, double alpha, double cap)
    {
        double hi = Math.Max(alpha, Math.Min(4 * alpha, cap));
        double lo = Math.Min(1.2 * alpha, hi);
        return Math.Clamp(double.IsFinite(cubic) ? cubic : 2 * alpha, lo, hi);
    }

    /// <summary>Minimiser of the cubic through (0, f0) and (a, f1) with slopes s0 and s1 (Nocedal and Wright 3.59).</summary>
    internal static double CubicMinimum(double f0, double s0, double f1, double s1, double a)
    {
        double d1 = s0 + s1 + 3 * (f0 - f1) / a;
        double radicand = d1 * d1 - s0 * s1;
        if (radicand < 0) return double.NaN;
        double d2 = Math.Sqrt(radicand);
        return a - a * (s1 + d2 - d1) / (s1 - s0 + 2 * d2);
    }

    private static double[] Step(double[] m, double[] p, double alpha, NlcgOptions options)
    {
        var x = new double[m.Length];
        for (int i = 0; i < m.Length; i++) x[i] = m[i] + alpha * p[i];
        return Clip(x, options);
    }

    private static double[] Clip(double[] m, NlcgOptions options)
    {
        for (int i = 0; i < m.Length; i++) m[i] = Math.Clamp(m[i], options.MinLog10, options.MaxLog10);
        return m;
    }

    private static double Rms(Point x, ObservedData data) => Math.Sqrt(x.Misfit / data.Count);

    private static double[] Negate(double[] v) => [.. v.Select(a => -a)];

    private static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = a[i] - b[i];
        return r;
    }

    /// <summary>A model with its data, misfit, roughness and both gradients.</summary>
    private sealed record Point(double[] M, double[] Predicted, double Misfit, double Rough, double[] MisfitGradient, double[] RoughGradient)
    {
        public double Objective(double tau) => Misfit + tau * Rough;

        public double[] Gradient(double tau)
        {
            var g = new double[M.Length];
            for (int i = 0; i < g.Length; i++) g[i] = MisfitGradient[i] + tau * RoughGradient[i];
            return g;
        }
    }
}
