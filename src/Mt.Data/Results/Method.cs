namespace Mt.Data.Results;

/// <summary>The methods the project compares, one vocabulary for folders, metrics, tables and figures. In JSON each
/// is its snake_case name (<c>network</c>, <c>nlcg_halfspace</c>, ...).</summary>
public enum Method
{
    /// <summary>The U-Net's prediction.</summary>
    Network,

    /// <summary>The U-Net on the test models that NLCG inverted (when the experiment inverts only the first few), so that
    /// the methods are compared on the same models.</summary>
    NetworkOnInverted,

    /// <summary>NLCG from a uniform half-space.</summary>
    NlcgHalfspace,

    /// <summary>NLCG started from (and regularised towards) the network's prediction.</summary>
    Hybrid,

    /// <summary>The network's prediction when its data misfit is within the inversion's target (with a margin),
    /// otherwise NLCG from it (the hybrid run), on the models NLCG inverted.</summary>
    Auto,

    /// <summary>The baseline every method must beat: the same constant section for every test model, the mean log10
    /// resistivity over all cells of all training models.</summary>
    TrainingMean,
}

/// <summary>The starting models of an experiment's NLCG runs.</summary>
public enum NlcgStart
{
    /// <summary>The experiment's uniform half-space (folder <c>halfspace</c>).</summary>
    Halfspace,

    /// <summary>The network's prediction (folder <c>hybrid</c>).</summary>
    Hybrid,
}

/// <summary>Names of <see cref="Method"/> and <see cref="NlcgStart"/> values.</summary>
public static class Methods
{
    /// <summary>All methods in table order.</summary>
    public static IReadOnlyList<Method> All { get; } = Enum.GetValues<Method>();

    /// <summary>The key of a method in metrics.json (snake_case).</summary>
    public static string Key(this Method method) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(method.ToString());

    /// <summary>The method's name in tables.</summary>
    public static string Title(this Method method) => method switch
    {
        Method.Network => "U-Net",
        Method.NetworkOnInverted => "U-Net (the models NLCG inverted)",
        Method.NlcgHalfspace => "NLCG from a half-space",
        Method.Hybrid => "Hybrid (NLCG from the U-Net)",
        Method.Auto => "Auto (U-Net, NLCG from it when it misfits the data)",
        Method.TrainingMean => "Baseline: the training models' mean everywhere",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
    };

    /// <summary>The method of the NLCG runs from <paramref name="start"/>.</summary>
    public static Method ToMethod(this NlcgStart start) => start == NlcgStart.Hybrid ? Method.Hybrid : Method.NlcgHalfspace;

    /// <summary>The folder name of the runs from <paramref name="start"/>: <c>halfspace</c> or <c>hybrid</c>.</summary>
    public static string Folder(this NlcgStart start) => start.ToString().ToLowerInvariant();
}
