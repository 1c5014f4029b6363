using Mt.Data.Experiments;
using Mt.Data.IO;

namespace Mt.Data.Provenance;

/// <summary>
/// One stage of the experiment graph: what its output depends on. <see cref="Sections"/> are the experiment sections it
/// reads; <see cref="Code"/> the assemblies (file names without <c>.dll</c>) whose code computes it. The build graph's
/// stamp of the stage (<c>mt stamp --stage NAME</c>) and the stage record the stage writes (<see cref="StageRecorder"/>)
/// both come from here, so the two cannot drift apart.
/// </summary>
/// <param name="Name">The stage's name in the build graph and in <c>mt stamp --stage</c>.</param>
/// <param name="Sections">Experiment sections the stage depends on.</param>
/// <param name="Code">Assemblies whose code computes the stage's output.</param>
public sealed record StageDefinition(string Name, IReadOnlyList<ExperimentSection> Sections, IReadOnlyList<string> Code)
{
    /// <summary>The SHA-256 of each of the stage's sections of <paramref name="experiment"/>, by section name.</summary>
    public IReadOnlyDictionary<string, string> Parameters(Experiment experiment) => StageParameters.Of(experiment, [.. Sections]);

    /// <summary>The SHA-256 of each of the stage's assemblies in <paramref name="folder"/> (by file name, sorted);
    /// throws <see cref="FileNotFoundException"/> naming the first that is missing.</summary>
    public IReadOnlyDictionary<string, string> CodeHashes(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in Code)
        {
            string path = Path.Combine(folder, name + ".dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"no assembly {name}.dll in {folder} (the code of stage {Name})", path);
            hashes[name + ".dll"] = FileHash.Sha256(path);
        }
        return hashes;
    }

    /// <summary>The stage's stamp: the hash of its sections, then one line <c>NAME.dll=SHA256</c> per assembly.</summary>
    public string Stamp(Experiment experiment, string codeFolder) =>
        ExperimentJson.StageHash(experiment, [.. Sections]) + "\n" + string.Concat(CodeHashes(codeFolder).Select(h => $"{h.Key}={h.Value}\n"));
}

/// <summary>Every stage of the experiment graph (build/Build.proj runs them in this order), in one place.</summary>
public static class Stages
{
    private const string Forward = "Mt.Forward", Data = "Mt.Data", Learning = "Mt.Learning", Inversion = "Mt.Inversion",
        Evaluation = "Mt.Evaluation", Reporting = "Mt.Reporting", Torch = "TorchSharp";

    /// <summary>Training and test sets (and their noisy copies); records name the split: generate-train, generate-test.</summary>
    public static readonly StageDefinition GenerateData = new("data", [ExperimentSection.Data], [Forward, Data]);

    /// <summary>The training-set figure.</summary>
    public static readonly StageDefinition TrainingSetFigure = new("training-set-figure", [ExperimentSection.Data], [Reporting, Data]);

    /// <summary>Training the U-Net.</summary>
    public static readonly StageDefinition Train = new("train", [ExperimentSection.Network, ExperimentSection.Training], [Learning, Data, Torch]);

    /// <summary>The physics check's threshold: the data RMS of the network's predictions of its validation samples
    /// (<c>physics-check.json</c> in the training folder).</summary>
    public static readonly StageDefinition PhysicsCheck = new("physics-check", [ExperimentSection.Network, ExperimentSection.Training], [Learning, Forward, Data, Torch]);

    /// <summary>The network's predictions of the test sets, each with its data RMS and in_distribution flag (the physics check).</summary>
    public static readonly StageDefinition Predict = new("predict", [ExperimentSection.Network], [Learning, Forward, Data, Torch]);

    /// <summary>NLCG inversions of the test models.</summary>
    public static readonly StageDefinition Invert = new("invert", [ExperimentSection.Inversion, ExperimentSection.Evaluation], [Inversion, Forward, Data]);

    /// <summary>Metrics of every method.</summary>
    public static readonly StageDefinition Evaluate = new("evaluate", [ExperimentSection.Evaluation, ExperimentSection.Inversion], [Evaluation, Forward, Data]);

    /// <summary>The experiment's figures.</summary>
    public static readonly StageDefinition Figures = new("figures", [ExperimentSection.Data, ExperimentSection.Inversion], [Reporting, Forward, Data]);

    /// <summary>The deep ensemble's calibration (members trained as <see cref="Train"/> with other seeds).</summary>
    public static readonly StageDefinition Ensemble = new("ensemble", [ExperimentSection.Network, ExperimentSection.Training, ExperimentSection.Ensemble], [Learning, Data, Torch]);

    /// <summary>The geology families' figure (not part of ReproducePaper).</summary>
    public static readonly StageDefinition GeologyFigure = new("geology-figure", [ExperimentSection.Data], [Reporting, Data]);

    /// <summary>The real line: preparation, NLCG, the network and the hybrid.</summary>
    public static readonly StageDefinition Field = new("field", [ExperimentSection.Data, ExperimentSection.Network, ExperimentSection.Inversion],
        ["Mt.Workflows", Inversion, Learning, Reporting, Forward, Data, Torch]);

    /// <summary>All stages, in graph order.</summary>
    public static IReadOnlyList<StageDefinition> All { get; } = [GenerateData, TrainingSetFigure, Train, PhysicsCheck, Predict, Invert, Evaluate, Figures, Ensemble, GeologyFigure, Field];

    /// <summary>The stage named <paramref name="name"/>, or null.</summary>
    public static StageDefinition? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
