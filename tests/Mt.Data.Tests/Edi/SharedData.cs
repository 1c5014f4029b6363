namespace Mt.Data.Tests.Edi;

/// <summary>
/// Locates the real Capricorn EDI files: <c>shared/data/capricorn-cp2</c> beside an ancestor of the test assembly's
/// folder, or the folder named by MT_SHARED_DATA (either the capricorn-cp2 folder itself or a shared/data folder
/// holding it). Tests that need it skip, saying so, when it is absent.
/// </summary>
internal static class SharedData
{
    public const string EnvironmentVariable = "MT_SHARED_DATA";

    private static readonly string[] Relative = ["shared", "data", "capricorn-cp2"];

    public static string? CapricornFolder { get; } = Find();

    public static string AbsentMessage { get; } =
        $"shared data folder {string.Join('/', Relative)} is absent (searched beside the ancestors of {AppContext.BaseDirectory}"
        + $" and ${EnvironmentVariable}='{Environment.GetEnvironmentVariable(EnvironmentVariable)}')";

    /// <summary>The folder, or skips the calling [SkippableFact]/[SkippableTheory] when it is absent.</summary>
    public static string RequireFolder()
    {
        Skip.If(CapricornFolder is null, AbsentMessage);
        return CapricornFolder!;
    }

    /// <summary>Theory rows: the EDI file names, or one placeholder row (whose test then skips) when the folder is absent.</summary>
    public static IEnumerable<object[]> FileNames =>
        CapricornFolder is null
            ? [["(shared data absent)"]]
            : Directory.EnumerateFiles(CapricornFolder, "*.*")
                .Where(p => p.EndsWith(".edi", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            string nested = Path.Combine(env, Relative[^1]);
            return Directory.Exists(nested) ? nested : Directory.Exists(env) ? env : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine([dir.FullName, .. Relative]);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
