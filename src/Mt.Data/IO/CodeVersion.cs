namespace Mt.Data.IO;

/// <summary>The version of the code that runs, as recorded in data sets and results: the git commit of the work tree the
/// program was built in, with "+dirty" when its sources had uncommitted changes (<see cref="Provenance.Git"/>).</summary>
public static class CodeVersion
{
    /// <summary>The version text, e.g. <c>fd68c451...</c> or <c>fd68c451...+dirty</c>.</summary>
    public static string Current { get; } = Provenance.Git.OfThisProgram().Describe();
}
