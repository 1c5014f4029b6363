using System.Runtime.CompilerServices;
using Mt.Data.Geology;
using static Mt.Data.Experiments.Relation;

namespace Mt.Data.Experiments;

/// <summary>
/// Checks the values of a bound experiment, within and across sections, and reports every problem with its JSON path.
/// </summary>
public static class ExperimentValidator
{
    /// <summary>Throws an <see cref="ExperimentException"/> listing every invalid value of <paramref name="experiment"/>.</summary>
    /// <param name="experiment">The bound experiment.</param>
    /// <param name="file">The file name errors are reported against.</param>
    public static void Validate(Experiment experiment, string file)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var errors = new List<ExperimentError>();
        var root = new JsonPathChecker(errors, file, "$");
        CheckData(root.Member(experiment.Data), experiment.Data);
        CheckNetwork(root.Member(experiment.Network), experiment.Network);
        CheckTraining(root.Member(experiment.Training), experiment.Training, experiment.Data);
        CheckInversion(root.Member(experiment.Inversion), experiment.Inversion);
        if (experiment.Inversion.Models is { } models)
            root.Member(experiment.Inversion).Member(experiment.Inversion.Models).Require(models >= 1 && models <= experiment.Data.TestModels,
                $"must be between 1 and data.test_models ({experiment.Data.TestModels}), got {models}");
        CheckEvaluation(root.Member(experiment.Evaluation), experiment.Evaluation, experiment.Data);
        root.Member(experiment.Ensemble).Member(experiment.Ensemble.Members).Require(experiment.Ensemble.Members is >= 1 and <= 50,
            $"must be between 1 (no ensemble) and 50, got {experiment.Ensemble.Members}");
        if (errors.Count > 0) throw new ExperimentException(errors);
    }

    private static void CheckData(JsonPathChecker c, DataSection d)
    {
        JsonPathChecker stations = c.Member(d.Stations);
        bool gridValid = stations.Check(d.Stations.Count, AtLeast, 2) & stations.Check(d.Stations.SpacingM, Above, 0.0);

        JsonPathChecker z = c.Member(d.ZGrid);
        if (z.Check(d.ZGrid.Cells, AtLeast, 2) & z.Check(d.ZGrid.FirstThicknessM, Above, 0.0))
            gridValid &= z.Member(d.ZGrid.BottomM).Require(d.ZGrid.BottomM > d.ZGrid.Cells * d.ZGrid.FirstThicknessM,
                $"must be > cells * first_thickness_m ({d.ZGrid.Cells * d.ZGrid.FirstThicknessM}) so that thicknesses grow with depth, got {d.ZGrid.BottomM}");
        else gridValid = false;

        JsonPathChecker f = c.Member(d.Frequencies);
        gridValid &= f.Check(d.Frequencies.MinHz, Above, 0.0) & f.Check(d.Frequencies.MaxHz, Above, d.Frequencies.MinHz)
                     & f.Check(d.Frequencies.Count, AtLeast, 2);

        c.NonEmptyDistinct(d.Modes);
        c.Check(d.TrainModels, AtLeast, 1);
        c.Check(d.TestModels, AtLeast, 1);
        CheckNoiseLevels(c.NonEmptyDistinct(d.NoiseLevels), d.NoiseLevels);
        if (CheckGeology(c.Member(d.Geology), d.Geology) && gridValid)
            CheckInterfaceEdges(c.Member(d.Geology), d);
        if (d.Geology.Families is { } families)
            CheckFamilies(c.Member(d.Geology).Member(d.Geology.Families), families, gridValid ? ModelGrid.FromData(d) : null, c, d.TestModels);
    }

    /// <summary>Resistivities of the families lie in [1, 20000] ohm-m.</summary>
    private const double MinFamilyOhmM = 1, MaxFamilyOhmM = 20000;

    private static void CheckFamilies(JsonPathChecker c, GeologyFamilies f, ModelGrid? grid, JsonPathChecker data, int testModels)
    {
        FamilySettings?[] all = [f.Paper, f.GaussianRandomField, f.DepthTrend, f.Dikes, f.Faults, f.Basins, f.ThinLayers];
        int active = all.Count(s => s is { Weight: > 0 });
        if (c.Require(active > 0, "must name at least one family with a weight > 0 (paper, gaussian_random_field, depth_trend, dikes, faults, basins, thin_layers)"))
            data.Member(testModels).Require(testModels >= active,
                $"must be >= the {active} families of positive weight in $.data.geology.families, so that the test set holds every family, got {testModels}");

        if (f.Paper is { } paper) CheckWeight(c.Member(f.Paper), paper);
        if (f.GaussianRandomField is { } g)
        {
            JsonPathChecker x = c.Member(f.GaussianRandomField);
            CheckWeight(x, g);
            Resistivity(x, g.ResistivityOhmM);
            x.Ordered(g.MeanLog10);
            x.Ordered(g.StdLog10).Check(g.StdLog10.Min, AtLeast, 0.0);
            Positive(x, g.LateralLengthM);
            Positive(x, g.VerticalLengthM);
        }

        if (f.DepthTrend is { } t)
        {
            JsonPathChecker x = c.Member(f.DepthTrend);
            CheckWeight(x, t);
            Resistivity(x, t.ResistivityOhmM);
            x.Ordered(t.ControlPoints).Check(t.ControlPoints.Min, AtLeast, 2);
            Probability(x, t.LateralVariationProbability);
            x.Ordered(t.LateralAmplitudeLog10).Check(t.LateralAmplitudeLog10.Min, AtLeast, 0.0);
            Positive(x, t.LateralLengthM);
        }

        if (f.Dikes is { } k)
        {
            JsonPathChecker x = c.Member(f.Dikes);
            CheckWeight(x, k);
            Background(x.Member(k.Background), k.Background, grid);
            x.Ordered(k.Count).Check(k.Count.Min, AtLeast, 1);
            Positive(x, k.WidthM);
            x.Ordered(k.TopDepthM).Check(k.TopDepthM.Min, AtLeast, 0.0);
            Positive(x, k.BottomDepthM);
            Probability(x, k.VerticalProbability);
            Dip(x, k.DipDeg);
            Probability(x, k.ConductiveProbability);
            Resistivity(x, k.ConductiveOhmM);
            Resistivity(x, k.ResistiveOhmM);
        }

        if (f.Faults is { } fa)
        {
            JsonPathChecker x = c.Member(f.Faults);
            CheckWeight(x, fa);
            Background(x.Member(fa.Background), fa.Background, grid);
            x.Ordered(fa.Count).Check(fa.Count.Min, AtLeast, 1);
            Dip(x, fa.DipDeg);
            Positive(x, fa.ThrowM);
        }

        if (f.Basins is { } b)
        {
            JsonPathChecker x = c.Member(f.Basins);
            CheckWeight(x, b);
            Resistivity(x, b.SedimentOhmM);
            Resistivity(x, b.BasementOhmM);
            Positive(x, b.WidthM);
            x.Ordered(b.Steps).Check(b.Steps.Min, AtLeast, 1);
            Positive(x, b.MaxDepthM);
            x.Ordered(b.SedimentLayers).Check(b.SedimentLayers.Min, AtLeast, 1);
        }

        if (f.ThinLayers is { } l)
        {
            JsonPathChecker x = c.Member(f.ThinLayers);
            CheckWeight(x, l);
            Background(x.Member(l.Background), l.Background, grid);
            x.Ordered(l.Count).Check(l.Count.Min, AtLeast, 1);
            bool ranges = Positive(x, l.ThicknessM) & x.Ordered(l.TopDepthM).Check(l.TopDepthM.Min, AtLeast, 0.0);
            Probability(x, l.ConductiveProbability);
            Resistivity(x, l.ConductiveOhmM);
            Resistivity(x, l.ResistiveOhmM);
            if (ranges && grid is not null)
                x.Member(l.ThicknessM).Require(Geology.Families.ThinLayerFamily.Candidates(grid, l).Length > 0,
                    "no two depth edges of the grid are this far apart with the upper one in top_depth_m");
        }
    }

    private static void CheckWeight(JsonPathChecker c, FamilySettings s) =>
        c.Member(s.Weight).Require(double.IsFinite(s.Weight) && s.Weight >= 0, $"must be a finite number >= 0, got {s.Weight}");

    private static void Background(JsonPathChecker c, BackgroundSettings b, ModelGrid? grid)
    {
        bool ok = c.Ordered(b.LayerCount).Check(b.LayerCount.Min, AtLeast, 1) & Positive(c, b.InterfaceDepthM);
        Resistivity(c, b.ResistivityOhmM);
        if (!ok || grid is null || b.LayerCount.Min > b.LayerCount.Max || b.InterfaceDepthM.Min > b.InterfaceDepthM.Max) return;
        int edges = grid.InnerZEdgeIndices(b.InterfaceDepthM).Length;
        c.Member(b.InterfaceDepthM).Require(edges >= b.LayerCount.Max - 1,
            $"holds {edges} inner depth edges of the grid, but layer_count.max = {b.LayerCount.Max} needs {b.LayerCount.Max - 1}");
    }

    private static bool Positive(JsonPathChecker c, Bounds<double> range, [CallerArgumentExpression(nameof(range))] string expression = "") =>
        c.Ordered(range, expression).Check(range.Min, Above, 0.0) && range.Min <= range.Max;

    private static void Resistivity(JsonPathChecker c, Bounds<double> range, [CallerArgumentExpression(nameof(range))] string expression = "")
    {
        JsonPathChecker r = c.Ordered(range, expression);
        r.Check(range.Min, AtLeast, MinFamilyOhmM);
        r.Check(range.Max, AtMost, MaxFamilyOhmM);
    }

    private static void Dip(JsonPathChecker c, Bounds<double> range, [CallerArgumentExpression(nameof(range))] string expression = "")
    {
        JsonPathChecker r = c.Ordered(range, expression);
        r.Check(range.Min, Above, 0.0);
        r.Check(range.Max, AtMost, 90.0);
    }

    private static void Probability(JsonPathChecker c, double p, [CallerArgumentExpression(nameof(p))] string expression = "")
    {
        JsonPathChecker x = c.Member(p, expression);
        if (x.Here(p, AtLeast, 0.0)) x.Here(p, AtMost, 1.0);
    }

    private static bool CheckGeology(JsonPathChecker c, GeologyRanges g)
    {
        bool ok = c.Ordered(g.LayerCount).Check(g.LayerCount.Min, AtLeast, 1);
        JsonPathChecker interfaces = c.Ordered(g.InterfaceDepthM);
        ok &= interfaces.Check(g.InterfaceDepthM.Min, Above, 0.0);
        ok &= c.Ordered(g.ResistivityOhmM).Check(g.ResistivityOhmM.Min, Above, 0.0);
        ok &= c.Ordered(g.AnomalyCount).Check(g.AnomalyCount.Min, AtLeast, 0);
        ok &= c.Ordered(g.AnomalyWidthM).Check(g.AnomalyWidthM.Min, Above, 0.0);
        ok &= c.Ordered(g.AnomalyHeightM).Check(g.AnomalyHeightM.Min, Above, 0.0);
        ok &= c.Ordered(g.AnomalyTopDepthM).Check(g.AnomalyTopDepthM.Min, AtLeast, 0.0);
        JsonPathChecker dip = c.Ordered(g.DipDeg);
        ok &= dip.Check(g.DipDeg.Min, Above, 0.0) & dip.Check(g.DipDeg.Max, AtMost, 90.0);
        ok &= c.Ordered(g.PolygonVertices).Check(g.PolygonVertices.Min, AtLeast, 3);
        c.NonEmptyDistinct(g.ShapeKinds);
        return ok && g.LayerCount.Min <= g.LayerCount.Max && g.InterfaceDepthM.Min <= g.InterfaceDepthM.Max;
    }

    private static void CheckInterfaceEdges(JsonPathChecker geology, DataSection d)
    {
        int edges = ModelGrid.FromData(d).InnerZEdgeIndices(d.Geology.InterfaceDepthM).Length;
        int needed = d.Geology.LayerCount.Max - 1;
        geology.Member(d.Geology.InterfaceDepthM).Require(edges >= needed,
            $"holds {edges} inner depth edges of the grid, but layer_count.max = {d.Geology.LayerCount.Max} needs {needed}");
    }

    private static void CheckNoiseLevels(JsonPathChecker list, IReadOnlyList<double> levels)
    {
        for (int i = 0; i < levels.Count; i++)
        {
            JsonPathChecker item = list.Item(i);
            if (item.Here(levels[i], AtLeast, 0.0)) item.Here(levels[i], Below, 1.0);
        }
    }

    private static void CheckNetwork(JsonPathChecker c, NetworkSection n)
    {
        // The data sets always hold both modes (whatever $.data.modes lists), so the channels choose the inputs.
        c.Member(n.InputChannels).Require(n.InputChannels is 2 or 4,
            $"must be 2 (TE log10 apparent resistivity and phase) or 4 (TE and TM), got {n.InputChannels}");
        c.Check(n.BaseWidth, AtLeast, 1);
        c.Check(n.Depth, AtLeast, 1);
        c.Member(n.InputFrequencyOrder).Require(Enum.IsDefined(n.InputFrequencyOrder),
            $"must be \"ascending\" or \"descending\", got {n.InputFrequencyOrder}");
    }

    private static void CheckTraining(JsonPathChecker c, TrainingSection t, DataSection d)
    {
        c.Check(t.Epochs, AtLeast, 1);
        if (c.Check(t.ValidationFraction, AtLeast, 0.0) & c.Check(t.ValidationFraction, Below, 1.0) & c.Check(t.BatchSize, AtLeast, 1))
        {
            int fitted = d.TrainModels - (int)Math.Round(t.ValidationFraction * d.TrainModels);
            c.Member(t.BatchSize).Require(t.BatchSize <= fitted,
                $"must be <= the {fitted} training models left after validation_fraction, got {t.BatchSize}");
        }

        c.Check(t.LearningRate, Above, 0.0);
        if (c.Check(t.MinLearningRateFraction, AtLeast, 0.0)) c.Check(t.MinLearningRateFraction, AtMost, 1.0);
        if (c.Check(t.MirrorProbability, AtLeast, 0.0)) c.Check(t.MirrorProbability, AtMost, 1.0);
        if (c.Check(t.CheckpointEvery, AtLeast, 1)) c.Check(t.CheckpointEvery, AtMost, Math.Max(1, t.Epochs));
        JsonPathChecker noise = c.Member(t.NoiseAugmentation);
        if (noise.Check(t.NoiseAugmentation.Probability, AtLeast, 0.0)) noise.Check(t.NoiseAugmentation.Probability, AtMost, 1.0);
        if (noise.Check(t.NoiseAugmentation.MaxLevel, AtLeast, 0.0)) noise.Check(t.NoiseAugmentation.MaxLevel, Below, 1.0);
        c.Check(t.Threads, AtLeast, 1);
    }

    private static void CheckInversion(JsonPathChecker c, InversionSection i)
    {
        c.Check(i.TargetRms, Above, 0.0);
        c.Check(i.MaxIterations, AtLeast, 1);
        JsonPathChecker floors = c.Member(i.ErrorFloors);
        floors.Check(i.ErrorFloors.ApparentResistivityFraction, Above, 0.0);
        floors.Check(i.ErrorFloors.PhaseDeg, Above, 0.0);
        c.Check(i.InitialTradeOff, Above, 0.0);
        c.Check(i.HalfSpaceResistivityOhmM, Above, 0.0);
    }

    private static void CheckEvaluation(JsonPathChecker c, EvaluationSection e, DataSection d)
    {
        JsonPathChecker list = c.NonEmptyDistinct(e.NoiseLevels);
        for (int i = 0; i < e.NoiseLevels.Count; i++)
            list.Item(i).Require(d.NoiseLevels.Contains(e.NoiseLevels[i]),
                $"must be one of $.data.noise_levels [{string.Join(", ", d.NoiseLevels)}], got {e.NoiseLevels[i]}");
    }
}
