using System.Reflection;

namespace Mt.Data.IO;

/// <summary>The version of the code that runs: the informational version of this library (with the git commit when
/// built from a repository), recorded in data sets, journals and results.</summary>
public static class CodeVersion
{
    /// <summary>The version text, e.g. <c>1.0.0+fd68c451...</c>.</summary>
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
