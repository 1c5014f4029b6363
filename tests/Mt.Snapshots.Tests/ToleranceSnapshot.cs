using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit.Sdk;

namespace Mt.Snapshots.Tests;

/// <summary>How far a number may move from its snapshot: |current - stored| &lt;= Absolute + Relative |stored|.</summary>
public sealed record Tolerance(double Absolute, double Relative)
{
    /// <summary>Whether <paramref name="current"/> is within the tolerance of <paramref name="stored"/>.</summary>
    public bool Accepts(double current, double stored) => Math.Abs(current - stored) <= Absolute + Relative * Math.Abs(stored);
}

/// <summary>
/// Snapshot matching with a tolerance for numbers, on top of Snapshooter.Xunit. The snapshot is the JSON Snapshooter
/// stores in <c>__snapshots__/NAME.snap</c> beside this project's sources. Every number of the current result is compared
/// with the stored one under the tolerance its JSON path gets; numbers within tolerance are replaced by the stored ones,
/// and the result then goes through <see cref="Snapshot.Match(object, SnapshotFullName, Func{MatchOptions, MatchOptions})"/>,
/// which compares everything else (keys, array lengths, text) exactly. A number outside its tolerance fails with the
/// path, both values and the tolerance, and Snapshooter leaves the current result in <c>__snapshots__/__mismatch__/</c>.
/// A missing snapshot is created, except in Snapshooter's strict mode (<c>SNAPSHOOTER_STRICT_MODE=true</c>, set by
/// <c>.ci/run</c>), where it fails.
/// </summary>
public static class ToleranceSnapshot
{
    /// <summary>Matches <paramref name="current"/> against the snapshot <paramref name="name"/>.</summary>
    public static void Match(JObject current, string name, Func<string, Tolerance> tolerance) =>
        Match(current, name, tolerance, ProjectFolder());

    /// <summary>Matches <paramref name="current"/> against the snapshot <paramref name="name"/> kept under
    /// <paramref name="folder"/>/__snapshots__.</summary>
    public static void Match(JObject current, string name, Func<string, Tolerance> tolerance, string folder)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(tolerance);
        var fullName = new SnapshotFullName(name + ".snap", folder);
        string stored = Path.Combine(fullName.FolderPath, "__snapshots__", fullName.Filename);
        if (!File.Exists(stored))
        {
            if (StrictMode)
                throw new XunitException($"snapshot {stored} is missing (strict mode): run the test without SNAPSHOOTER_STRICT_MODE to create it, review it and commit it");
            Snapshot.Match(current, fullName);
            return;
        }

        JToken expected = JToken.Parse(File.ReadAllText(stored));
        var failures = new List<string>();
        JToken merged = current.DeepClone();
        Compare(merged, expected, tolerance, failures);
        if (failures.Count > 0)
        {
            string detail = string.Join("; ", failures.Take(10)) + (failures.Count > 10 ? $"; and {failures.Count - 10} more" : "");
            try
            {
                Snapshot.Match(current, fullName); // leaves the current result in __snapshots__/__mismatch__/
            }
            catch (Exception)
            {
                // The numbers below are the message; Snapshooter's text diff of them adds nothing.
            }
            throw new XunitException($"{failures.Count} numbers of snapshot {name} moved beyond their tolerance: {detail}");
        }
        Snapshot.Match(merged, fullName);
    }

    /// <summary>Whether Snapshooter runs in strict mode (missing snapshots fail).</summary>
    public static bool StrictMode =>
        Environment.GetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces, in <paramref name="current"/>, each number within tolerance of its stored counterpart by the
    /// stored one, and records the others. Structure differences are left for Snapshooter to report.</summary>
    private static void Compare(JToken current, JToken stored, Func<string, Tolerance> tolerance, List<string> failures)
    {
        switch (current)
        {
            case JObject o when stored is JObject s:
                foreach (JProperty p in o.Properties())
                    if (s[p.Name] is { } storedValue) Compare(p.Value, storedValue, tolerance, failures);
                break;
            case JArray a when stored is JArray s && a.Count == s.Count:
                for (int i = 0; i < a.Count; i++) Compare(a[i], s[i], tolerance, failures);
                break;
            case JValue v when IsNumber(v) && stored is JValue s && IsNumber(s):
                double c = v.Value<double>(), e = s.Value<double>();
                Tolerance t = tolerance(v.Path);
                if (t.Accepts(c, e)) v.Value = s.Value; // in place: Replace does not reach a property's value here
                else failures.Add(FormattableString.Invariant($"{v.Path}: {c:R}, snapshot {e:R} (tolerance {t.Absolute:G3} + {t.Relative:G3} relative)"));
                break;
        }
    }

    private static bool IsNumber(JValue v) => v.Type is JTokenType.Float or JTokenType.Integer;

    /// <summary>This project's source folder, found above the test assembly (so snapshots are found whatever source
    /// paths the build recorded).</summary>
    public static string ProjectFolder() => RepoPath("tests", "Mt.Snapshots.Tests");

    /// <summary>A folder or file of the repository, found above the test assembly.</summary>
    public static string RepoPath(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(path) || File.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }
}
