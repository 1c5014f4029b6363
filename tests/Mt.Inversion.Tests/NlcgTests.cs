using Mt.Data.Results;
using Mt.Forward;
using Mt.Inversion;
using Xunit.Abstractions;

namespace Mt.Inversion.Tests;

public class NlcgTests(ITestOutputHelper output)
{
    private static readonly double[] YEdges = [.. Enumerable.Range(0, 17).Select(i => -16000.0 + 2000 * i)];
    private static readonly double[] ZEdges = [0, 250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 9000, 14000, 20000];

    /// <summary>A 10 ohm-m block (y -4..4 km, z 2..6 km) in a 100 ohm-m half-space, and its noise-free data at eight
    /// stations and ten frequencies in both modes, computed by the forward engine on its own adaptive meshes (not the
    /// inversion's), with a 2 % impedance error floor: 4 % in apparent resistivity, 0.02 rad in phase.</summary>
    private static (ResistivityModel Truth, ObservedData Data) Block()
    {
        var rho = new double[ZEdges.Length - 1, YEdges.Length - 1];
        for (int k = 0; k < rho.GetLength(0); k++)
            for (int j = 0; j < rho.GetLength(1); j++)
                rho[k, j] = InBlock(j, k) ? 10 : 100;
        var truth = new ResistivityModel(YEdges, ZEdges, rho);
        double[] stations = [-7000, -5000, -3000, -1000, 1000, 3000, 5000, 7000];
        double[] frequencies = [.. Enumerable.Range(0, 10).Select(i => Math.Pow(10, -2 + 4.0 * i / 9))];
        var response = Forward2D.Compute(truth, stations, frequencies, [Mode.TE, Mode.TM]);
        var data = new List<Datum>();
        foreach (var mode in new[] { Mode.TE, Mode.TM })
            for (int s = 0; s < stations.Length; s++)
                for (int f = 0; f < frequencies.Length; f++)
                    data.Add(new Datum(mode, s, f, Math.Log10(response.RhoAppOhmM(mode, f, s)), response.PhaseDeg(mode, f, s),
                        0.04 / Math.Log(10), 0.02 * 180 / Math.PI));
        return (truth, new ObservedData(stations, frequencies, data));
    }

    private static bool InBlock(int j, int k) => YEdges[j] >= -4000 && YEdges[j + 1] <= 4000 && ZEdges[k] >= 2000 && ZEdges[k + 1] <= 6000;

    [Fact]
    public void Inverting_a_conductive_block_reaches_the_target_and_puts_the_block_where_it_is()
    {
        var (truth, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var result = Nlcg.Run(data, start, start, new NlcgOptions { TargetRms = 1.0, MaxIterations = 150 },
            r => output.WriteLine($"iteration {r.Iteration}: rms {r.Rms:F3}, tau {r.TradeOff:G3}, forward runs {r.ForwardRuns}"));
        output.WriteLine($"{result.ExitReason}: rms {result.Rms:F3} after {result.History[^1].Iteration} iterations");
        Assert.True(result.Rms <= 1.05, $"RMS {result.Rms:F3} > 1.05 ({result.ExitReason})");

        // The block: the most conductive cells of the recovered model lie in it, and it is clearly more conductive than
        // the cells around it at the same depths.
        double inside = 0, outside = 0;
        int nIn = 0, nOut = 0;
        (int J, int K) minimum = (-1, -1);
        double min = double.PositiveInfinity;
        for (int k = 0; k < truth.Nz; k++)
            for (int j = 0; j < truth.Ny; j++)
            {
                double m = Math.Log10(result.Model.ResistivityOhmM[k, j]);
                if (ZEdges[k] < 2000 || ZEdges[k + 1] > 6000) continue;
                if (InBlock(j, k)) { inside += m; nIn++; }
                else if (Math.Abs(YEdges[j] + 1000) >= 8000) { outside += m; nOut++; }
                if (m < min) (min, minimum) = (m, (j, k));
            }
        inside /= nIn;
        outside /= nOut;
        output.WriteLine($"mean log10 rho in the block {inside:F2}, beside it {outside:F2}; minimum at cell {minimum}");
        Assert.True(outside - inside >= 0.4, $"block contrast {outside - inside:F2} < 0.4 in log10");
        Assert.True(InBlock(minimum.J, minimum.K), $"the most conductive cell {minimum} at these depths is outside the block");
    }

    /// <summary>Under the impedance measure (real and imaginary parts of Z under the 2 % errors that the data's
    /// rho/phase errors imply) the block inversion reaches the target too, and its model fits the data under the
    /// rho/phase measure about as well (the two measures agree on small residuals).</summary>
    [Fact]
    public void Inverting_under_the_impedance_measure_reaches_the_target()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var result = Nlcg.Run(data, start, start, new NlcgOptions { TargetRms = 1.0, MaxIterations = 150, Measure = MisfitMeasure.Impedance });
        double rhoPhase = new DataMisfit(data).Rms(result.Predicted);
        output.WriteLine($"{result.ExitReason}: impedance rms {result.Rms:F3}, rho/phase rms {rhoPhase:F3} after {result.History[^1].Iteration} iterations");
        Assert.True(result.Rms <= 1.05, $"impedance RMS {result.Rms:F3} > 1.05 ({result.ExitReason})");
        Assert.Equal(new ImpedanceMisfit(data).Rms(result.Predicted), result.Rms, 10);
        Assert.True(rhoPhase <= 1.1, $"rho/phase RMS of the impedance-measure model {rhoPhase:F3} > 1.1");
    }

    /// <summary>
    /// A synthetic line with known static shifts: the block data with the apparent resistivities of four of the eight
    /// stations multiplied by factors between 0.3 and 3 (each mode its own). Inverted with the shifts estimated, the
    /// section is within 0.15 (log10 RMSE over the cells) of the inversion of the unshifted data and every shift within
    /// 0.15 in log10 (a factor 1.4; the fit stops at RMS 1 under 4 % errors); inverted as if unshifted, the data are not
    /// fitted and the section is further off.
    /// </summary>
    [Fact]
    public void Static_shifts_estimated_with_the_model_recover_the_unshifted_section()
    {
        var (_, clean) = Block();
        var random = new Random(14);
        var truth = new Dictionary<(Mode, int), double>();
        foreach (int station in new[] { 1, 2, 5, 6 })
            foreach (var mode in new[] { Mode.TE, Mode.TM })
                truth[(mode, station)] = Math.Log10(0.3) + random.NextDouble() * (Math.Log10(3) - Math.Log10(0.3));
        var shifted = new ObservedData(clean.StationsM, clean.FrequenciesHz,
            [.. clean.Data.Select(d => d with { Log10RhoApp = d.Log10RhoApp + truth.GetValueOrDefault((d.Mode, d.StationIndex)) })]);
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var options = new NlcgOptions { TargetRms = 1.0, MaxIterations = 150 };

        var reference = Nlcg.Run(clean, start, start, options);
        var estimated = Nlcg.Run(shifted, start, start, options with { EstimateStaticShifts = true });
        var ignored = Nlcg.Run(shifted, start, start, options with { MaxIterations = 60 });

        double withShifts = Log10Rmse(estimated.Model, reference.Model), without = Log10Rmse(ignored.Model, reference.Model);
        output.WriteLine($"unshifted: rms {reference.Rms:F3}; shifts estimated: rms {estimated.Rms:F3} ({estimated.ExitReason}), section RMSE {withShifts:F3}; ignored: rms {ignored.Rms:F3}, section RMSE {without:F3}");
        double worstShift = 0;
        foreach (var mode in new[] { Mode.TE, Mode.TM })
            for (int s = 0; s < clean.StationsM.Length; s++)
                worstShift = Math.Max(worstShift, Math.Abs(estimated.Shifts!.Log10(mode, s) - truth.GetValueOrDefault((mode, s))));
        output.WriteLine($"largest error of an estimated shift: {worstShift:F3} log10");
        Assert.True(estimated.Rms <= 1.05, $"RMS with shifts estimated {estimated.Rms:F3}");
        Assert.True(withShifts <= 0.15, $"section RMSE with shifts estimated {withShifts:F3} > 0.15");
        Assert.True(without > withShifts, $"ignoring the shifts ({without:F3}) should do worse than estimating them ({withShifts:F3})");
        Assert.True(worstShift <= 0.15, $"an estimated shift is {worstShift:F3} log10 off");
        Assert.True(ignored.Rms > 2, $"the shifted data fitted without shifts to RMS {ignored.Rms:F3}");
        Assert.Null(reference.Shifts);
    }

    [Fact]
    public void Static_shifts_under_the_impedance_measure_are_refused()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var ex = Assert.Throws<ArgumentException>(() =>
            Nlcg.Run(data, start, start, new NlcgOptions { EstimateStaticShifts = true, Measure = MisfitMeasure.Impedance }));
        Assert.StartsWith("static shifts are estimated under the rho/phase misfit measure only", ex.Message);
    }

    /// <summary>Each exit reason where it must occur, on the block data from a half-space: a target the start already
    /// meets (no iteration); one iteration allowed (the limit); and a run that starts at its smallest trade-off and asks
    /// every iteration to halve the objective, which the first one does not (a stall at the smallest trade-off).</summary>
    [Theory]
    [InlineData(NlcgExit.TargetRms)]
    [InlineData(NlcgExit.MaxIterations)]
    [InlineData(NlcgExit.NoProgress)]
    public void Each_exit_reason_is_reported_where_it_occurs(NlcgExit expected)
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var options = expected switch
        {
            NlcgExit.TargetRms => new NlcgOptions { TargetRms = 1e6, MaxIterations = 5 },
            NlcgExit.MaxIterations => new NlcgOptions { TargetRms = 1e-6, MaxIterations = 1 },
            _ => new NlcgOptions { TargetRms = 1e-6, MaxIterations = 5, InitialTradeOff = 1e-4, MinTradeOff = 1e-4, ProgressThreshold = 0.5 },
        };

        var result = Nlcg.Run(data, start, start, options);

        Assert.Equal(expected, result.ExitReason);
        int iterations = result.History[^1].Iteration;
        Assert.Equal(expected switch { NlcgExit.TargetRms => 0, _ => 1 }, iterations);
    }

    [Fact]
    public void The_same_run_gives_the_same_numbers()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var a = Nlcg.Run(data, start, start, new NlcgOptions { MaxIterations = 3 });
        var b = Nlcg.Run(data, start, start, new NlcgOptions { MaxIterations = 3 });
        Assert.Equal(a.History.Select(h => h.Objective), b.History.Select(h => h.Objective));
        Assert.Equal(a.Model.ResistivityOhmM, b.Model.ResistivityOhmM);
    }

    /// <summary>An inversion stopped after an iteration and continued from its saved state ends with the same model, RMS
    /// and history as one that ran through: at a state inside a run of directions, at one just after a restart of the
    /// directions on redesigned meshes, and with static shifts being estimated (their values are part of the state).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_resumed_inversion_ends_with_the_model_of_an_uninterrupted_one(bool shifts)
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var options = new NlcgOptions { TargetRms = 1e-6, MaxIterations = 14, ProgressThreshold = 0.3, EstimateStaticShifts = shifts };
        var states = new List<NlcgState>();
        var through = Nlcg.Run(data, start, start, options, checkpoint: new NlcgCheckpoint(null, states.Add));
        foreach (var s in states) output.WriteLine($"state {s.Iteration}: tau {s.TradeOff:G3}, step {s.PreviousStep:G3}, meshes {(s.MeshDesign is null ? "of the start" : "redesigned")}");
        // Every iteration is saved but a last one that stalled at the smallest trade-off (the run ends there).
        int saved = through.History[^1].Iteration - (through.ExitReason == NlcgExit.NoProgress ? 1 : 0);
        Assert.Equal(Enumerable.Range(1, saved), states.Select(s => s.Iteration));
        // A state whose meshes were redesigned (after a trade-off step) and one inside a run of directions.
        var restarted = states.First(s => s.MeshDesign is not null && s.PreviousStep == 0 && s.Iteration < states.Count - 2);
        var inside = states.Last(s => s.PreviousStep > 0 && s.Iteration < states.Count - 1);
        if (shifts) Assert.Contains(states, s => s.ShiftsLog10 is not null);
        foreach (var state in new[] { states[0], restarted, inside })
        {
            var resumed = Nlcg.Run(data, start, start, options, checkpoint: new NlcgCheckpoint(state, _ => { }));
            output.WriteLine($"resumed after iteration {state.Iteration} (tau {state.TradeOff:G3}, meshes {(state.MeshDesign is null ? "of the start" : "redesigned")}): " +
                             $"rms {resumed.Rms:F6} against {through.Rms:F6}");
            Assert.Equal(through.ExitReason, resumed.ExitReason);
            Assert.Equal(through.History.Select(h => h.Objective), resumed.History.Select(h => h.Objective));
            Assert.Equal(through.Model.ResistivityOhmM, resumed.Model.ResistivityOhmM);
            if (shifts) Assert.Equal(through.Shifts!.ToLog10(), resumed.Shifts!.ToLog10());
        }
    }

    /// <summary>An inversion into a folder, interrupted after its fifth iteration (the log throws, as a Ctrl-C would
    /// stop it) and run again into the same folder: the rerun resumes from the folder's checkpoint and writes the model
    /// of an uninterrupted run; the checkpoint is gone once the summary is written. Other options start over.</summary>
    [Fact]
    public void An_interrupted_inversion_folder_resumes_to_the_same_model()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var options = new NlcgOptions { TargetRms = 1e-6, MaxIterations = 8, ProgressThreshold = 0.3 };
        var inputs = new InversionInputs("block data", "half-space", "the start model", options.TargetRms, options.InitialTradeOff, 0.04, 1.15);
        string root = Path.Combine(Path.GetTempPath(), "mt-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (through, _, _) = InversionRun.Run(data, start, start, options, Path.Combine(root, "through"), inputs);
            string folder = Path.Combine(root, "interrupted");
            Assert.Throws<OperationCanceledException>(() => InversionRun.Run(data, start, start, options, folder, inputs,
                line => { if (line.StartsWith("iteration   5")) throw new OperationCanceledException(); }));
            string checkpoint = Path.Combine(folder, InversionRun.CheckpointFileName);
            Assert.True(File.Exists(checkpoint));
            Assert.True(File.Exists(ResultsLayout.InversionModel(folder)), "the latest model is on disk");
            Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, InversionFolder.HistoryFileName)).Length - 1); // header, iterations 0-4

            var lines = new List<string>();
            var (resumed, _, _) = InversionRun.Run(data, start, start, options, folder, inputs, lines.Add);
            Assert.StartsWith("resuming after iteration 4", lines[0]);
            Assert.Equal(through.Model.ResistivityOhmM, resumed.Model.ResistivityOhmM);
            Assert.Equal(through.History.Select(h => h.Objective), resumed.History.Select(h => h.Objective));
            Assert.False(File.Exists(checkpoint));
            Assert.NotNull(InversionFolder.TryReadSummary(folder));

            string other = Path.Combine(root, "other");
            Assert.Throws<OperationCanceledException>(() => InversionRun.Run(data, start, start, options, other, inputs,
                line => { if (line.StartsWith("iteration   2")) throw new OperationCanceledException(); }));
            lines.Clear();
            InversionRun.Run(data, start, start, options with { MaxIterations = 2 }, other, inputs, lines.Add);
            Assert.EndsWith("belongs to other data, start or options: starting over", lines[0]);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_saved_state_of_another_grid_is_refused()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 100));
        var wrong = new NlcgState(1, new double[3], null, 1, new double[3], 0, 0, null, [new IterationRecord(0, 1, 1, 1, 0, 1, 0, 1, 1, 0)]);
        var ex = Assert.Throws<ArgumentException>(() => Nlcg.Run(data, start, start, null, checkpoint: new NlcgCheckpoint(wrong, _ => { })));
        Assert.StartsWith("the saved state does not belong to this inversion (176 parameters)", ex.Message);
    }

    [Fact]
    public void The_cubic_step_finds_the_minimum_of_a_quadratic()
    {
        // f(a) = (a - 1)^2 - 1: f(0) = 0, f'(0) = -2, f(0.5) = -0.75, f'(0.5) = -1.
        Assert.Equal(1.0, Nlcg.CubicMinimum(0, -2, -0.75, -1, 0.5), 12);
    }

    /// <summary>The case of a field line that crashed the line search: the step cap (1.368e-4) lay below 1.2 times the
    /// accepted step (1.642e-4), and the bounds of the extrapolated step crossed. The step stays within [alpha, cap]
    /// when the cap binds, and within [1.2, 4] alpha otherwise.</summary>
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    public void The_extrapolated_step_respects_a_step_cap_below_its_lower_bound(double cubic)
    {
        double alpha = 0.0001641991986003813 / 1.2, cap = 0.00013683266550031776;
        double step = Nlcg.ExtrapolatedStep(cubic, alpha, cap);
        Assert.InRange(step, alpha, Math.Max(alpha, cap));

        double free = Nlcg.ExtrapolatedStep(cubic, alpha, 1.0);
        Assert.InRange(free, 1.2 * alpha, 4 * alpha);
    }

    /// <summary>A whole run whose step cap binds at every iteration (0.02 in log10: the trial step is the cap, the
    /// slope there is still steep, so every line search asks for a longer step than the cap allows) completes and
    /// lowers the misfit.</summary>
    [Fact]
    public void A_run_whose_step_cap_binds_completes_and_lowers_the_misfit()
    {
        var (_, data) = Block();
        var start = new ResistivityModel(YEdges, ZEdges, Fill(ZEdges.Length - 1, YEdges.Length - 1, 300));
        var result = Nlcg.Run(data, start, start, new NlcgOptions { MaxIterations = 3, MaxStepLog10 = 0.02, TargetRms = 1e-6 });
        Assert.Equal(3, result.History[^1].Iteration);
        Assert.True(result.History[^1].Rms < result.History[0].Rms, $"RMS {result.History[0].Rms:F3} -> {result.History[^1].Rms:F3}");
    }

    private static double Log10Rmse(ResistivityModel a, ResistivityModel b) =>
        Mt.Data.Models.SectionError.Rmse(a.Log10(), b.Log10());

    private static double[,] Fill(int nz, int ny, double value)
    {
        var a = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++) a[k, j] = value;
        return a;
    }
}
