using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Geology.Families;
using Mt.Data.Tests.Experiments;

namespace Mt.Data.Tests.Geology;

/// <summary>The grid and seed of the general experiment, shared by the family tests.</summary>
public sealed class GeneralExperiment
{
    public GeneralExperiment()
    {
        Data = ExperimentLoader.Load(ExperimentFiles.PathOf("general.json")).Data;
        Grid = ModelGrid.FromData(Data);
        Mixture = GeologyMixture.FromData(Data);
    }

    public DataSection Data { get; }

    public ModelGrid Grid { get; }

    public GeologyMixture Mixture { get; }
}

public sealed class GeologyFamilyTests(GeneralExperiment general) : IClassFixture<GeneralExperiment>
{
    private const int Samples = 40;

    public static TheoryData<GeologyFamily> NewFamilies => new(Enum.GetValues<GeologyFamily>().Where(f => f != GeologyFamily.Paper));

    /// <summary>A family with its default settings (as <c>"name": {}</c> in an experiment file).</summary>
    private IGeologyFamily Family(GeologyFamily family, long seed) => family switch
    {
        GeologyFamily.GaussianRandomField => new GaussianRandomFieldFamily(general.Grid, seed, new GaussianRandomFieldSettings()),
        GeologyFamily.DepthTrend => new DepthTrendFamily(general.Grid, seed, new DepthTrendSettings()),
        GeologyFamily.Dikes => new DikeFamily(general.Grid, seed, new DikeSettings()),
        GeologyFamily.Faults => new FaultFamily(general.Grid, seed, new FaultSettings()),
        GeologyFamily.Basins => new BasinFamily(general.Grid, seed, new BasinSettings()),
        GeologyFamily.ThinLayers => new ThinLayerFamily(general.Grid, seed, new ThinLayerSettings()),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    [Theory]
    [MemberData(nameof(NewFamilies))]
    public void Models_stay_in_1_to_20000_ohm_m_and_are_not_uniform(GeologyFamily family)
    {
        IGeologyFamily f = Family(family, general.Data.Seed);
        for (int i = 0; i < Samples; i++)
        {
            double[,] rho = f.Generate(DataSplit.Train, i).Model.ResistivityOhmM;
            Assert.All(rho.Cast<double>(), v => Assert.InRange(v, 1, 20000));
            Assert.True(rho.Cast<double>().Distinct().Count() > 1, $"{family} sample {i} is uniform");
        }
    }

    [Theory]
    [MemberData(nameof(NewFamilies))]
    public void Same_seed_gives_the_same_model_and_another_seed_or_split_another(GeologyFamily family)
    {
        double[,] first = Family(family, general.Data.Seed).Generate(DataSplit.Train, 7).Model.ResistivityOhmM;

        Assert.Equal(first, Family(family, general.Data.Seed).Generate(DataSplit.Train, 7).Model.ResistivityOhmM);
        Assert.NotEqual(first, Family(family, general.Data.Seed + 1).Generate(DataSplit.Train, 7).Model.ResistivityOhmM);
        Assert.NotEqual(first, Family(family, general.Data.Seed).Generate(DataSplit.Test, 7).Model.ResistivityOhmM);
        Assert.NotEqual(first, Family(family, general.Data.Seed).Generate(DataSplit.Train, 8).Model.ResistivityOhmM);
    }

    /// <summary>Correlation of the unit field between cells a lag apart, averaged over the samples.</summary>
    private static double Correlation(IEnumerable<double[,]> fields, Func<double[,], IEnumerable<(double, double)>> pairs)
    {
        double sxy = 0, sxx = 0, syy = 0;
        foreach (double[,] field in fields)
            foreach ((double x, double y) in pairs(field))
            {
                sxy += x * y;
                sxx += x * x;
                syy += y * y;
            }

        return sxy / Math.Sqrt(sxx * syy); // the field has mean 0
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(40000)]
    public void Random_field_has_the_requested_lateral_correlation_length(double lengthM)
    {
        var settings = new GaussianRandomFieldSettings { LateralLengthM = new() { Min = lengthM, Max = lengthM }, VerticalLengthM = new() { Min = 5000, Max = 5000 } };
        var family = new GaussianRandomFieldFamily(general.Grid, general.Data.Seed, settings);
        double[][,] fields = [.. Enumerable.Range(0, 30).Select(i => family.Field(family.Draw(DataSplit.Train, i)))];
        double spacing = general.Grid.StationYM[1] - general.Grid.StationYM[0];

        // The lag at which the correlation falls below exp(-1/2) (exp(-d^2 / (2 L^2)) at d = L), to the station spacing.
        int lag = Enumerable.Range(1, general.Grid.Ny / 2).First(l => Correlation(fields, f =>
            from k in Enumerable.Range(0, f.GetLength(0)) from j in Enumerable.Range(0, f.GetLength(1) - l) select (f[k, j], f[k, j + l])) < Math.Exp(-0.5));

        Assert.InRange(lag * spacing, 0.5 * lengthM, 2 * lengthM);
    }

    [Fact]
    public void Random_field_is_anisotropic_with_its_own_vertical_correlation_length()
    {
        const double lateral = 60000, vertical = 8000;
        var settings = new GaussianRandomFieldSettings { LateralLengthM = new() { Min = lateral, Max = lateral }, VerticalLengthM = new() { Min = vertical, Max = vertical } };
        var family = new GaussianRandomFieldFamily(general.Grid, general.Data.Seed, settings);
        double[][,] fields = [.. Enumerable.Range(0, 30).Select(i => family.Field(family.Draw(DataSplit.Train, i)))];
        ModelGrid g = general.Grid;
        int reference = Enumerable.Range(0, g.Nz).First(k => g.CellCentreZM(k) > 5000);

        // Down from a row near 5 km depth, the first row whose correlation with it falls below exp(-1/2).
        int below = Enumerable.Range(reference + 1, g.Nz - reference - 1).First(k => Correlation(fields, f =>
            Enumerable.Range(0, g.Ny).Select(j => (f[reference, j], f[k, j]))) < Math.Exp(-0.5));
        double distance = g.CellCentreZM(below) - g.CellCentreZM(reference);
        Assert.InRange(distance, 0.5 * vertical, 2 * vertical);
        // Laterally, 8 km apart (less than two stations) the field is still almost the same.
        double near = Correlation(fields, f => from k in Enumerable.Range(0, g.Nz) from j in Enumerable.Range(0, g.Ny - 2) select (f[k, j], f[k, j + 2]));
        Assert.True(near > 0.9, $"lateral correlation at 10 km {near}");
    }

    [Fact]
    public void Depth_trend_without_lateral_variation_is_the_same_in_every_column_and_monotone_between_control_points()
    {
        var family = new DepthTrendFamily(general.Grid, general.Data.Seed, new DepthTrendSettings { LateralVariationProbability = 0 });
        ModelGrid g = general.Grid;
        for (int i = 0; i < Samples; i++)
        {
            DepthTrendSection section = family.Draw(DataSplit.Train, i);
            double[,] rho = family.Rasterise(section);
            for (int k = 0; k < g.Nz; k++)
                Assert.All(Enumerable.Range(0, g.Ny), j => Assert.Equal(rho[k, 0], rho[k, j]));
            for (int p = 0; p + 1 < section.ControlDepthsM.Length; p++)
            {
                double sign = Math.Sign(section.ControlLog10[p + 1] - section.ControlLog10[p]);
                int[] rows = [.. Enumerable.Range(0, g.Nz).Where(k => g.CellCentreZM(k) >= section.ControlDepthsM[p] && g.CellCentreZM(k) <= section.ControlDepthsM[p + 1])];
                for (int r = 0; r + 1 < rows.Length; r++)
                    Assert.True(sign * (Math.Log10(rho[rows[r + 1], 0]) - Math.Log10(rho[rows[r], 0])) >= -1e-12, $"sample {i} not monotone at row {rows[r]}");
            }
        }
    }

    [Fact]
    public void Depth_trend_with_lateral_variation_shifts_columns_smoothly()
    {
        var family = new DepthTrendFamily(general.Grid, general.Data.Seed, new DepthTrendSettings { LateralVariationProbability = 1 });
        for (int i = 0; i < 10; i++)
        {
            DepthTrendSection section = family.Draw(DataSplit.Train, i);
            double[] shift = family.LateralShift(section);
            Assert.True(shift.Max() - shift.Min() > 0.05 * section.LateralAmplitudeLog10, $"sample {i}: no lateral variation");
            Assert.All(shift, v => Assert.InRange(Math.Abs(v), 0, 5 * section.LateralAmplitudeLog10));
            // Smooth: neighbouring columns (5 km apart, a correlation length of at least 20 km) differ by much less than the amplitude.
            Assert.All(shift.Zip(shift.Skip(1)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, section.LateralAmplitudeLog10));
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Dikes_are_painted_in_their_resistivity_and_dipping_ones_move_sideways_with_depth(double verticalProbability)
    {
        var family = new DikeFamily(general.Grid, general.Data.Seed, new DikeSettings { VerticalProbability = verticalProbability, Count = new() { Min = 1, Max = 1 } });
        ModelGrid g = general.Grid;
        for (int i = 0; i < Samples; i++)
        {
            DikeSection section = family.Draw(DataSplit.Train, i);
            Dike dike = Assert.Single(section.Dikes);
            Assert.True(dike.Conductive ? dike.ResistivityOhmM <= 30 : dike.ResistivityOhmM >= 2000);
            double[,] rho = family.Rasterise(section);
            var cells = (from k in Enumerable.Range(0, g.Nz) from j in Enumerable.Range(0, g.Ny)
                         where dike.Shape.Contains(g.CellCentreYM(j), g.CellCentreZM(k)) select (k, j)).ToArray();
            Assert.NotEmpty(cells);
            Assert.All(cells, c => Assert.Equal(dike.ResistivityOhmM, rho[c.k, c.j]));

            // Mean lateral position of the dike's cells in its top and bottom rows against the drawn offset.
            int top = cells.Min(c => c.k), bottom = cells.Max(c => c.k);
            double Centre(int k) => cells.Where(c => c.k == k).Average(c => g.CellCentreYM(c.j));
            double moved = Centre(bottom) - Centre(top);
            double expected = (g.CellCentreZM(bottom) - g.CellCentreZM(top)) / Math.Tan(dike.DipDeg * Math.PI / 180)
                              * Math.Sign(dike.Shape.Vertices[2].YM - dike.Shape.Vertices[1].YM);
            if (verticalProbability == 1) Assert.Equal(90, dike.DipDeg);
            // Cells are 5 km wide and the rows' depths are their centres: a station spacing of tolerance, plus the
            // cells' thickness at the top and bottom rows.
            double tolerance = 5000 + ((g.ZEdgesM[bottom + 1] - g.ZEdgesM[bottom]) + (g.ZEdgesM[top + 1] - g.ZEdgesM[top])) / Math.Tan(dike.DipDeg * Math.PI / 180);
            Assert.InRange(moved, expected - tolerance, expected + tolerance);
        }
    }

    [Fact]
    public void A_vertical_fault_offsets_the_first_interface_by_its_throw()
    {
        const double throwM = 5000;
        var settings = new FaultSettings
        {
            Count = new() { Min = 1, Max = 1 }, DipDeg = new() { Min = 90, Max = 90 }, ThrowM = new() { Min = throwM, Max = throwM },
            Background = new() { LayerCount = new() { Min = 2, Max = 4 }, InterfaceDepthM = new() { Min = 8000, Max = 30000 }, ResistivityOhmM = new() { Min = 3, Max = 3000 } },
        };
        var family = new FaultFamily(general.Grid, general.Data.Seed, settings);
        ModelGrid g = general.Grid;
        for (int i = 0; i < Samples; i++)
        {
            FaultSection section = family.Draw(DataSplit.Train, i);
            Fault fault = Assert.Single(section.Faults);
            double[,] rho = family.Rasterise(section);
            int hanging = fault.DipDirection > 0 ? g.Ny - 1 : 0, foot = g.Ny - 1 - hanging;
            // Depth of the edge at which a column leaves the first layer.
            double Interface(int j) => g.ZEdgesM[Enumerable.Range(0, g.Nz).First(k => rho[k, j] != section.Layers[0].ResistivityOhmM)];

            double offset = Interface(hanging) - Interface(foot);
            double cell = g.ZEdgesM.Zip(g.ZEdgesM.Skip(1), (a, b) => (Top: a, Thickness: b - a)).First(c => c.Top + c.Thickness > section.Layers[1].TopDepthM + fault.ThrowM).Thickness;
            Assert.InRange(offset, fault.ThrowM - cell, fault.ThrowM + cell);
            Assert.Equal(throwM, Math.Abs(fault.ThrowM));
        }
    }

    [Fact]
    public void Faults_of_both_senses_occur_and_break_the_lateral_uniformity()
    {
        var family = new FaultFamily(general.Grid, general.Data.Seed, new FaultSettings());
        FaultSection[] sections = [.. Enumerable.Range(0, Samples).Select(i => family.Draw(DataSplit.Train, i))];

        Assert.Contains(sections.SelectMany(s => s.Faults), f => f.ThrowM > 0);
        Assert.Contains(sections.SelectMany(s => s.Faults), f => f.ThrowM < 0);
        Assert.All(sections, s =>
        {
            double[,] rho = family.Rasterise(s);
            Assert.Contains(Enumerable.Range(0, general.Grid.Nz), k => Enumerable.Range(0, general.Grid.Ny).Any(j => rho[k, j] != rho[k, 0]));
        });
    }

    [Fact]
    public void Basin_floor_is_stepped_and_deepens_inwards_with_basement_outside()
    {
        var settings = new BasinSettings();
        var family = new BasinFamily(general.Grid, general.Data.Seed, settings);
        ModelGrid g = general.Grid;
        int stepped = 0;
        for (int i = 0; i < Samples; i++)
        {
            BasinSection section = family.Draw(DataSplit.Train, i);
            double[,] rho = family.Rasterise(section);
            // Sediment thickness of each column: the top run of cells below the basement's resistivity.
            double[] thickness = [.. Enumerable.Range(0, g.Ny).Select(j =>
                g.ZEdgesM[Enumerable.Range(0, g.Nz).First(k => rho[k, j] == section.BasementOhmM)])];
            Assert.All(Enumerable.Range(0, g.Ny), j => Assert.All(Enumerable.Range(0, g.Nz), k =>
                Assert.True(g.ZEdgesM[k] < thickness[j] ? rho[k, j] <= settings.SedimentOhmM.Max : rho[k, j] == section.BasementOhmM)));
            Assert.All(thickness, t => Assert.InRange(t, 0, settings.MaxDepthM.Max * 1.2));
            Assert.Contains(thickness, t => t == 0); // basement crops out beside the basin

            // Unimodal: the floor deepens (weakly) to its deepest column, then shallows.
            int deepest = Array.IndexOf(thickness, thickness.Max());
            for (int j = 0; j < g.Ny - 1; j++)
                Assert.True(j < deepest ? thickness[j] <= thickness[j + 1] : thickness[j] >= thickness[j + 1], $"sample {i}: floor not stepped inwards at column {j}");
            if (thickness.Where(t => t > 0).Distinct().Count() >= 2) stepped++;
        }

        Assert.True(stepped >= 0.8 * Samples, $"only {stepped} of {Samples} basins show two or more floor steps");
    }

    [Fact]
    public void Thin_layers_are_0_5_to_3_km_thick_in_the_model()
    {
        var family = new ThinLayerFamily(general.Grid, general.Data.Seed, new ThinLayerSettings());
        ModelGrid g = general.Grid;
        int layers = 0;
        for (int i = 0; i < Samples; i++)
        {
            ThinLayerSection section = family.Draw(DataSplit.Train, i);
            Assert.NotEmpty(section.ThinLayers);
            double[,] rho = family.Rasterise(section);
            // From the model alone: the background is 10-1000 ohm-m, conductive thin layers below 10, resistive above 2000.
            for (int k = 0; k < g.Nz;)
            {
                bool thin = rho[k, 0] < 10 || rho[k, 0] > 2000;
                int end = k + 1;
                while (end < g.Nz && rho[end, 0] == rho[k, 0]) end++;
                if (thin)
                {
                    Assert.InRange(g.ZEdgesM[end] - g.ZEdgesM[k], 500, 3000);
                    layers++;
                }

                k = end;
            }
        }

        Assert.Equal(layers, Enumerable.Range(0, Samples).Sum(i => family.Draw(DataSplit.Train, i).ThinLayers.Count));
    }

    [Fact]
    public void Training_families_follow_the_weights()
    {
        const int draws = 20000;
        Dictionary<GeologyFamily, int> counts = Enumerable.Range(0, draws).GroupBy(i => general.Mixture.FamilyOf(DataSplit.Train, i)).ToDictionary(x => x.Key, x => x.Count());

        Assert.Equal(Enum.GetValues<GeologyFamily>(), counts.Keys.Order());
        Assert.Equal(2.0 / 8, general.Mixture.Weights[GeologyFamily.Paper], 12);
        foreach ((GeologyFamily family, double weight) in general.Mixture.Weights)
        {
            double sigma = Math.Sqrt(draws * weight * (1 - weight));
            Assert.InRange(counts[family], draws * weight - 4 * sigma, draws * weight + 4 * sigma);
        }
    }

    [Fact]
    public void Test_split_cycles_through_every_family_evenly()
    {
        int[] counts = [.. Enumerable.Range(0, general.Data.TestModels).GroupBy(i => general.Mixture.FamilyOf(DataSplit.Test, i)).Select(x => x.Count())];

        Assert.Equal(7, counts.Length);
        Assert.True(counts.Max() - counts.Min() <= 1);
        Assert.Equal(GeologyFamily.ThinLayers, general.Mixture.Generate(DataSplit.Test, 6).Family);
    }

    [Fact]
    public void The_mixture_has_its_own_generator_name_and_its_paper_models_are_the_paper_generators()
    {
        Assert.Equal(GeologyMixture.MixtureName, general.Mixture.GeneratorName);
        Assert.NotEqual(GeologyGenerator.Name, general.Mixture.GeneratorName);
        var paper = new GeologyGenerator(general.Grid, general.Data.Geology, general.Data.Seed);
        int[] paperSamples = [.. Enumerable.Range(0, 50).Where(i => general.Mixture.FamilyOf(DataSplit.Train, i) == GeologyFamily.Paper)];

        Assert.NotEmpty(paperSamples);
        Assert.All(paperSamples, i => Assert.Equal(paper.Generate(DataSplit.Train, i).Model.ResistivityOhmM,
            general.Mixture.Generate(DataSplit.Train, i).Model.ResistivityOhmM));
    }

    [Fact]
    public void An_experiment_without_families_keeps_its_canonical_form()
    {
        Experiment paper = ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json"));

        Assert.DoesNotContain("families", ExperimentJson.Canonical(paper), StringComparison.Ordinal);
        Assert.Equal([GeologyFamily.Paper], GeologyMixture.FromData(paper.Data).Families);
    }
}
