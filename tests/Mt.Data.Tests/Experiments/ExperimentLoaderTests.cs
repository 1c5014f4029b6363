using System.Text.Json;
using System.Text.Json.Nodes;
using Mt.Data.Experiments;
using Mt.Forward;

namespace Mt.Data.Tests.Experiments;

public sealed class ExperimentLoaderTests
{
    [Theory]
    [InlineData("paper.json", 1000, 10, 64, 2000)]
    [InlineData("cpu.json", 1000, 10, 16, 100)]
    [InlineData("ci.json", 256, 8, 8, 40)]
    public void Each_experiment_file_loads_with_its_extends_resolved(string file, int train, int test, int baseWidth, int epochs)
    {
        Experiment e = ExperimentLoader.Load(ExperimentFiles.PathOf(file));

        Assert.Equal((train, test, baseWidth, epochs), (e.Data.TrainModels, e.Data.TestModels, e.Network.BaseWidth, e.Training.Epochs));
        Assert.False(string.IsNullOrWhiteSpace(e.Description));
        // Inherited from paper.json through the extends chain.
        Assert.Equal((10, 2, 0.001, Loss.Mse), (e.Training.BatchSize, e.Network.InputChannels, e.Training.LearningRate, e.Training.Loss));
        Assert.Equal([Mode.TE], e.Data.Modes);
        Assert.Equal([0, 0.02, 0.05], e.Evaluation.NoiseLevels);
    }

    [Fact]
    public void Paper_file_holds_the_published_settings()
    {
        Experiment e = ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json"));

        Assert.Equal((1000, 10), (e.Data.TrainModels, e.Data.TestModels));
        Assert.Equal((2, 64), (e.Network.InputChannels, e.Network.BaseWidth));
        Assert.Equal((2000, 10, Optimizer.Adam, 1e-3, Loss.Mse), (e.Training.Epochs, e.Training.BatchSize, e.Training.Optimizer, e.Training.LearningRate, e.Training.Loss));
        Assert.Equal((121, 0.0, 5000.0), (e.Data.Stations.Count, e.Data.Stations.StartM, e.Data.Stations.SpacingM));
        Assert.Equal((60, 180000.0), (e.Data.ZGrid.Cells, e.Data.ZGrid.BottomM));
        Assert.Equal((1e-4, 1e3, 60), (e.Data.Frequencies.MinHz, e.Data.Frequencies.MaxHz, e.Data.Frequencies.Count));
    }

    [Theory]
    [InlineData("""{"training": {"batch_size": 0}}""", "$.training.batch_size", "must be >= 1, got 0")]
    [InlineData("""{"training": {"learning_rate": -0.5}}""", "$.training.learning_rate", "must be > 0, got -0.5")]
    [InlineData("""{"training": {"checkpoint_every": 5000}}""", "$.training.checkpoint_every", "must be <= 2000, got 5000")]
    [InlineData("""{"training": {"loss": "mae"}}""", "$.training.loss", "could not be converted")]
    [InlineData("""{"training": {"batch_size": "ten"}}""", "$.training.batch_size", "could not be converted")]
    [InlineData("""{"network": {"depth": null}}""", "$.network.depth", "could not be converted")]
    [InlineData("""{"network": {"input_channels": 3}}""", "$.network.input_channels", "got 3")]
    [InlineData("""{"training": {"mirror_probability": 1.5}}""", "$.training.mirror_probability", "must be <= 1, got 1.5")]
    [InlineData("""{"network": {"input_frequency_order": "upside_down"}}""", "$.network.input_frequency_order", "could not be converted")]
    [InlineData("""{"training": {"min_learning_rate_fraction": -0.1}}""", "$.training.min_learning_rate_fraction", "must be >= 0, got -0.1")]
    [InlineData("""{"training": {"learning_rate_schedule": "step"}}""", "$.training.learning_rate_schedule", "could not be converted")]
    [InlineData("""{"data": {"geology": {"layer_count": {"min": 4, "max": 3}}}}""", "$.data.geology.layer_count.min", "must be <= 3, got 4")]
    [InlineData("""{"data": {"geology": {"dip_deg": {"min": 10, "max": 95}}}}""", "$.data.geology.dip_deg.max", "must be <= 90, got 95")]
    [InlineData("""{"data": {"geology": {"interface_depth_m": {"min": 170000, "max": 179000}}}}""", "$.data.geology.interface_depth_m", "needs 5")]
    [InlineData("""{"data": {"z_grid": {"bottom_m": 5000}}}""", "$.data.z_grid.bottom_m", "thicknesses grow")]
    [InlineData("""{"data": {"noise_levels": [0, 1.5]}}""", "$.data.noise_levels[1]", "must be < 1, got 1.5")]
    [InlineData("""{"evaluation": {"noise_levels": [0, 0.03]}}""", "$.evaluation.noise_levels[1]", "must be one of $.data.noise_levels")]
    [InlineData("""{"inversion": {"error_floors": {"phase_deg": 0}}}""", "$.inversion.error_floors.phase_deg", "must be > 0, got 0")]
    [InlineData("""{"data": {"geology": {"families": {"dikes": {"weight": -1}}}}}""", "$.data.geology.families.dikes.weight", "must be a finite number >= 0, got -1")]
    [InlineData("""{"data": {"geology": {"families": {"paper": {"weight": 0}}}}}""", "$.data.geology.families", "must name at least one family with a weight > 0")]
    [InlineData("""{"data": {"geology": {"families": {"gaussian_random_field": {"resistivity_ohm_m": {"min": 1, "max": 30000}}}}}}""", "$.data.geology.families.gaussian_random_field.resistivity_ohm_m.max", "must be <= 20000, got 30000")]
    [InlineData("""{"data": {"geology": {"families": {"basins": {"sediment_ohm_m": {"min": 0.5, "max": 50}}}}}}""", "$.data.geology.families.basins.sediment_ohm_m.min", "must be >= 1, got 0.5")]
    [InlineData("""{"data": {"geology": {"families": {"faults": {"dip_deg": {"min": 45, "max": 95}}}}}}""", "$.data.geology.families.faults.dip_deg.max", "must be <= 90, got 95")]
    [InlineData("""{"data": {"geology": {"families": {"depth_trend": {"control_points": {"min": 1, "max": 4}}}}}}""", "$.data.geology.families.depth_trend.control_points.min", "must be >= 2, got 1")]
    [InlineData("""{"data": {"geology": {"families": {"dikes": {"vertical_probability": 1.5}}}}}""", "$.data.geology.families.dikes.vertical_probability", "must be <= 1, got 1.5")]
    [InlineData("""{"data": {"geology": {"families": {"thin_layers": {"thickness_m": {"min": 100, "max": 150}, "top_depth_m": {"min": 100000, "max": 120000}}}}}}""", "$.data.geology.families.thin_layers.thickness_m", "no two depth edges")]
    [InlineData("""{"data": {"geology": {"families": {"dikes": {"background": {"layer_count": {"min": 2, "max": 50}}}}}}}""", "$.data.geology.families.dikes.background.interface_depth_m", "layer_count.max = 50 needs 49")]
    [InlineData("""{"data": {"test_models": 3, "geology": {"families": {"paper": {}, "dikes": {}, "faults": {}, "basins": {}}}}}""", "$.data.test_models", "must be >= the 4 families of positive weight")]
    public void Invalid_value_is_reported_with_its_json_path(string overrides, string jsonPath, string reasonPart)
    {
        using var temp = new TempFolder();
        string file = temp.Write("bad.json", Extending("paper.json", overrides));

        var error = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(file));

        ExperimentError match = Assert.Single(error.Errors, x => x.JsonPath == jsonPath);
        Assert.Contains(reasonPart, match.Reason, StringComparison.Ordinal);
        Assert.Contains($"{file}: {jsonPath}: {match.Reason}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"training": {"batch_sise": 10}}""", "$.training.batch_sise")]
    [InlineData("""{"data": {"geology": {"anomaly_count": {"min": 1, "max": 4, "mean": 2}}}}""", "$.data.geology.anomaly_count.mean")]
    [InlineData("""{"comment": "not a known key"}""", "$.comment")]
    [InlineData("""{"data": {"geology": {"families": {"volcanoes": {"weight": 1}}}}}""", "$.data.geology.families.volcanoes")]
    [InlineData("""{"data": {"geology": {"families": {"faults": {"throw": {"min": 1, "max": 2}}}}}}""", "$.data.geology.families.faults.throw")]
    public void Unknown_property_is_rejected(string overrides, string jsonPath)
    {
        using var temp = new TempFolder();
        string file = temp.Write("unknown.json", Extending("paper.json", overrides));

        var error = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(file));

        Assert.Equal(jsonPath, Assert.Single(error.Errors).JsonPath);
    }

    [Theory]
    [InlineData("a.json")]
    [InlineData("a.json", "b.json")]
    [InlineData("a.json", "b.json", "c.json")]
    public void Extends_cycle_is_detected(params string[] ring)
    {
        using var temp = new TempFolder();
        for (int i = 0; i < ring.Length; i++)
            temp.Write(ring[i], $$"""{"extends": "{{ring[(i + 1) % ring.Length]}}"}""");

        var error = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Path.Combine(temp.Path, ring[0])));

        Assert.Equal("$.extends", Assert.Single(error.Errors).JsonPath);
        Assert.Contains("extends cycle: " + string.Join(" -> ", ring.Append(ring[0])), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_base_file_is_reported_at_extends()
    {
        using var temp = new TempFolder();
        string file = temp.Write("child.json", """{"extends": "missing.json"}""");

        var error = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(file));

        ExperimentError only = Assert.Single(error.Errors);
        Assert.Equal((file, "$.extends"), (only.File, only.JsonPath));
        Assert.Contains("'missing.json' not found", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_merges_objects_and_replaces_arrays_and_scalars()
    {
        var baseObject = JsonNode.Parse("""{"a": {"b": 1, "c": [1, 2], "d": {"e": true}}, "f": "x"}""")!.AsObject();
        var overlay = JsonNode.Parse("""{"a": {"c": [3], "d": {"g": 2}}, "f": {"h": 1}}""")!.AsObject();

        JsonObject merged = ExperimentLoader.Merge(baseObject, overlay);

        Assert.Equal("""{"a":{"b":1,"c":[3],"d":{"e":true,"g":2}},"f":{"h":1}}""", merged.ToJsonString());
        Assert.Equal("""{"a":{"b":1,"c":[1,2],"d":{"e":true}},"f":"x"}""", baseObject.ToJsonString());
    }

    [Theory]
    [InlineData("paper.json")]
    [InlineData("ci.json")]
    [InlineData("cpu-4ch.json")]
    [InlineData("cpu-2ch-cosine-mirror.json")]
    public void Canonical_form_loads_back_to_the_same_experiment(string file)
    {
        Experiment e = ExperimentLoader.Load(ExperimentFiles.PathOf(file));
        using var temp = new TempFolder();

        Experiment again = ExperimentLoader.Load(temp.Write("flat.json", ExperimentJson.Canonical(e)));

        Assert.Equal(ExperimentJson.Canonical(e), ExperimentJson.Canonical(again));
    }

    [Fact]
    public void Cpu_4ch_file_has_four_channels_and_the_training_options_on_the_cpu_data()
    {
        Experiment cpu = ExperimentLoader.Load(ExperimentFiles.PathOf("cpu.json"));
        Experiment e = ExperimentLoader.Load(ExperimentFiles.PathOf("cpu-4ch.json"));

        Assert.Equal((4, 16, FrequencyOrder.Descending), (e.Network.InputChannels, e.Network.BaseWidth, e.Network.InputFrequencyOrder));
        Assert.Equal(cpu.Training.Epochs, e.Training.Epochs);
        Assert.Equal((LearningRateSchedule.Cosine, 0.01, 0.5), (e.Training.LearningRateSchedule, e.Training.MinLearningRateFraction, e.Training.MirrorProbability));
        // Same data section, so the cpu data sets serve it without regeneration.
        Assert.Equal(ExperimentJson.SectionHash(cpu, ExperimentSection.Data), ExperimentJson.SectionHash(e, ExperimentSection.Data));
        Assert.Equal([Mode.TE], e.Data.Modes);
    }

    [Fact]
    public void Optional_training_fields_at_their_defaults_keep_the_section_hash()
    {
        Experiment cpu = ExperimentLoader.Load(ExperimentFiles.PathOf("cpu.json"));
        using var temp = new TempFolder();
        Experiment explicitDefaults = ExperimentLoader.Load(temp.Write("defaults.json", Extending("cpu.json",
            """{"training": {"learning_rate_schedule": "constant", "min_learning_rate_fraction": 0, "mirror_probability": 0}}""")));
        Experiment mirrored = ExperimentLoader.Load(temp.Write("mirror.json", Extending("cpu.json", """{"training": {"mirror_probability": 0.5}}""")));

        Assert.Equal((LearningRateSchedule.Constant, 0.0, 0.0), (cpu.Training.LearningRateSchedule, cpu.Training.MinLearningRateFraction, cpu.Training.MirrorProbability));
        Assert.Equal(ExperimentJson.SectionHash(cpu, ExperimentSection.Training), ExperimentJson.SectionHash(explicitDefaults, ExperimentSection.Training));
        Assert.DoesNotContain("mirror_probability", ExperimentJson.Canonical(cpu), StringComparison.Ordinal);
        Assert.NotEqual(ExperimentJson.SectionHash(cpu, ExperimentSection.Training), ExperimentJson.SectionHash(mirrored, ExperimentSection.Training));
    }

    [Fact]
    public void Input_frequency_order_is_ascending_unless_given_and_left_out_of_the_hash_when_ascending()
    {
        Experiment cpu = ExperimentLoader.Load(ExperimentFiles.PathOf("cpu.json"));
        using var temp = new TempFolder();
        Experiment ascending = ExperimentLoader.Load(temp.Write("a.json", Extending("cpu.json", """{"network": {"input_frequency_order": "ascending"}}""")));
        Experiment descending = ExperimentLoader.Load(temp.Write("d.json", Extending("cpu.json", """{"network": {"input_frequency_order": "descending"}}""")));

        Assert.Equal(FrequencyOrder.Ascending, cpu.Network.InputFrequencyOrder);
        Assert.Equal(FrequencyOrder.Descending, descending.Network.InputFrequencyOrder);
        Assert.Equal(ExperimentJson.SectionHash(cpu, ExperimentSection.Network), ExperimentJson.SectionHash(ascending, ExperimentSection.Network));
        Assert.DoesNotContain("input_frequency_order", ExperimentJson.Canonical(cpu), StringComparison.Ordinal);
        Assert.NotEqual(ExperimentJson.SectionHash(cpu, ExperimentSection.Network), ExperimentJson.SectionHash(descending, ExperimentSection.Network));
    }

    private static string Extending(string baseFile, string overrides)
    {
        var document = JsonNode.Parse(overrides)!.AsObject();
        document["extends"] = ExperimentFiles.PathOf(baseFile);
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
