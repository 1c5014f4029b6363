namespace Mt.Data.Tests.Experiments;

/// <summary>Locates the repository's experiments folder and provides a scratch folder for mutated files.</summary>
internal static class ExperimentFiles
{
    /// <summary>The repository's <c>experiments</c> folder, found by walking up from the test binaries.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Full path of a file in the experiments folder.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "experiments");
            if (File.Exists(Path.Combine(candidate, "paper.json"))) return candidate;
        }

        throw new DirectoryNotFoundException("no experiments/paper.json above " + AppContext.BaseDirectory);
    }
}
