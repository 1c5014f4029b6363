using System.Diagnostics;

namespace Mt.Data.Provenance;

/// <summary>The git commit of a work tree and whether its sources have uncommitted changes.</summary>
/// <param name="Commit">The commit (full hash), or null when there is no git or no repository.</param>
/// <param name="Dirty">Whether tracked or new files outside <c>results/</c> differ from the commit (null when unknown).</param>
/// <param name="Note">Why the commit is unknown, when it is.</param>
public sealed record GitState(string? Commit, bool? Dirty, string? Note)
{
    /// <summary>"fd68c451..." or "fd68c451...+dirty", or "unknown (...)".</summary>
    public string Describe() => Commit is null ? $"unknown ({Note})" : Commit + (Dirty == true ? "+dirty" : "");
}

/// <summary>Asks git about a work tree (the <c>git</c> program; a missing program or repository is a note, not an
/// error). Results (<c>results/</c>) do not make the tree dirty: they are what the code produces.</summary>
public static class Git
{
    /// <summary>The state of the work tree holding <paramref name="folder"/>.</summary>
    public static GitState State(string folder)
    {
        (int code, string output, string error) = Run(folder, "rev-parse", "HEAD");
        if (code != 0) return new GitState(null, null, $"no git commit: {FirstLine(error)}");
        (int statusCode, string status, string statusError) = Run(folder, "status", "--porcelain", "--", ":/", ":(top,exclude)results");
        return new GitState(output.Trim(), statusCode == 0 ? status.Trim().Length > 0 : null,
            statusCode == 0 ? null : $"git status failed: {FirstLine(statusError)}");
    }

    /// <summary>The state of the work tree this program was built in (its folder, e.g. artifacts/mt, lies inside it),
    /// or of the current folder when the program lies elsewhere.</summary>
    public static GitState OfThisProgram()
    {
        GitState own = State(AppContext.BaseDirectory);
        return own.Commit is not null ? own : State(Directory.GetCurrentDirectory());
    }

    /// <summary>The text of <paramref name="path"/> (relative to the work tree's top) at HEAD, or null when git, the
    /// repository or the file at HEAD is missing.</summary>
    public static string? ShowAtHead(string folder, string path)
    {
        (int code, string output, _) = Run(folder, "show", $"HEAD:{path.Replace('\\', '/')}");
        return code == 0 ? output : null;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown reason";

    private static (int Code, string Output, string Error) Run(string folder, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            foreach (string a in args) start.ArgumentList.Add(a);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", "git timed out");
            }
            return (process.ExitCode, output, error.Result);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or DirectoryNotFoundException)
        {
            return (-1, "", $"git cannot be run: {ex.Message}");
        }
    }
}
