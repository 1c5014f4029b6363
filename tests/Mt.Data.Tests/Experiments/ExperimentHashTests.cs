using Mt.Data.Experiments;
using Mt.Data.Geology;

namespace Mt.Data.Tests.Experiments;

public sealed class ExperimentHashTests
{
    private static readonly Experiment Paper = ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json"));

    /// <summary>One small change inside each section.</summary>
    private static Experiment Mutate(Experiment e, ExperimentSection section) => section switch
    {
        ExperimentSection.Data => e with { Data = e.Data with { Geology = e.Data.Geology with { ShapeKinds = [ShapeKind.Ellipse] } } },
        ExperimentSection.Network => e with { Network = e.Network with { Depth = e.Network.Depth + 1 } },
        ExperimentSection.Training => e with { Training = e.Training with { LearningRate = e.Training.LearningRate * 2 } },
        ExperimentSection.Inversion => e with { Inversion = e.Inversion with { ErrorFloors = e.Inversion.ErrorFloors with { PhaseDeg = 2 } } },
        ExperimentSection.Evaluation => e with { Evaluation = e.Evaluation with { NoiseLevels = [0.05] } },
        ExperimentSection.Ensemble => e with { Ensemble = e.Ensemble with { Members = 5 } },
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    public static TheoryData<ExperimentSection> Sections => new(Enum.GetValues<ExperimentSection>());

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_hash_changes_when_and_only_when_that_section_changes(ExperimentSection changed)
    {
        Experiment mutated = Mutate(Paper, changed);

        foreach (ExperimentSection section in Enum.GetValues<ExperimentSection>())
        {
            bool same = ExperimentJson.SectionHash(Paper, section) == ExperimentJson.SectionHash(mutated, section);
            Assert.True(same == (section != changed), $"{section} hash {(same ? "kept" : "changed")} when {changed} changed");
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Stage_hash_depends_only_on_its_sections(ExperimentSection changed)
    {
        Experiment mutated = Mutate(Paper, changed);
        ExperimentSection[] others = Enum.GetValues<ExperimentSection>().Where(s => s != changed).ToArray();

        Assert.Equal(ExperimentJson.StageHash(Paper, others), ExperimentJson.StageHash(mutated, others));
        Assert.NotEqual(ExperimentJson.StageHash(Paper, [changed, .. others]), ExperimentJson.StageHash(mutated, [.. others, changed]));
    }

    [Fact]
    public void Description_and_reloading_do_not_change_any_hash()
    {
        Experiment reloaded = ExperimentLoader.Load(ExperimentFiles.PathOf("paper.json")) with { Description = "another text" };

        Assert.All(Enum.GetValues<ExperimentSection>(),
            s => Assert.Equal(ExperimentJson.SectionHash(Paper, s), ExperimentJson.SectionHash(reloaded, s)));
        Assert.Matches("^[0-9a-f]{64}$", ExperimentJson.SectionHash(Paper, ExperimentSection.Data));
    }
}
