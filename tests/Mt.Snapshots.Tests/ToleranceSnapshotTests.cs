using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Sdk;

namespace Mt.Snapshots.Tests;

/// <summary>The tolerance comparer: numbers may move within their tolerance, not beyond; text and shape must not move.</summary>
public sealed class ToleranceSnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mt-snapshot-tests-" + Guid.NewGuid().ToString("N"));

    public ToleranceSnapshotTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "__snapshots__"));
        var stored = new JObject { ["name"] = "a", ["values"] = new JArray(1.0, 2.0, 100.0) };
        File.WriteAllText(Path.Combine(_folder, "__snapshots__", "t.snap"), stored.ToString(Formatting.Indented));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Match(string name, params double[] values) =>
        ToleranceSnapshot.Match(new JObject { ["name"] = name, ["values"] = new JArray(values) }, "t", _ => new Tolerance(1e-3, 1e-2), _folder);

    [Fact]
    public void NumbersWithinToleranceMatch() => Match("a", 1.0009, 2 - 1e-3, 100.9);

    /// <summary>Numbers inside objects inside arrays (the shape of the ci metrics) are compared with the tolerance too.</summary>
    [Fact]
    public void NumbersInNestedObjectsWithinToleranceMatch()
    {
        JObject Nested(double x) => new() { ["levels"] = new JArray(new JObject { ["level"] = 0.02, ["mean"] = x }) };
        File.WriteAllText(Path.Combine(_folder, "__snapshots__", "nested.snap"), Nested(0.8020174775244507).ToString(Formatting.Indented));
        ToleranceSnapshot.Match(Nested(0.8020174775244499), "nested", _ => new Tolerance(1e-9, 1e-7), _folder);
        Assert.Throws<XunitException>(() => ToleranceSnapshot.Match(Nested(0.81), "nested", _ => new Tolerance(1e-9, 1e-7), _folder));
    }

    [Fact]
    public void ANumberBeyondToleranceFailsNamingIt()
    {
        var ex = Assert.Throws<XunitException>(() => Match("a", 1, 2, 101.2));
        Assert.StartsWith("1 numbers of snapshot t moved beyond their tolerance: values[2]: 101.2, snapshot 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAndShapeAreComparedExactly()
    {
        Assert.ThrowsAny<Exception>(() => Match("b", 1, 2, 100));
        Assert.ThrowsAny<Exception>(() => Match("a", 1, 2));
    }

    [Fact]
    public void AMissingSnapshotFailsInStrictModeAndIsCreatedOtherwise()
    {
        void MatchAbsent() => ToleranceSnapshot.Match(new JObject { ["x"] = 1 }, "absent", _ => new Tolerance(0, 0), _folder);
        if (ToleranceSnapshot.StrictMode)
        {
            var ex = Assert.Throws<XunitException>(MatchAbsent);
            Assert.Contains("is missing (strict mode)", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            MatchAbsent();
            Assert.True(File.Exists(Path.Combine(_folder, "__snapshots__", "absent.snap")));
        }
    }
}
