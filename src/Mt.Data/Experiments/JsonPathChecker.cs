using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Mt.Data.Experiments;

/// <summary>How a value must compare with a limit.</summary>
internal enum Relation
{
    AtLeast,
    Above,
    AtMost,
    Below,
}

/// <summary>
/// Collects validation errors at a JSON path. Member checks take the C# member access (e.g. <c>t.BatchSize</c>) and
/// name the JSON property from its last segment with the file naming policy (<c>batch_size</c>), so paths cannot drift
/// from the bound names.
/// </summary>
internal sealed class JsonPathChecker(List<ExperimentError> errors, string file, string path)
{
    /// <summary>The JSON path this checker reports at.</summary>
    public string Path => path;

    /// <summary>A checker for a member of this object, named by its C# access expression.</summary>
    public JsonPathChecker Member(object? member, [CallerArgumentExpression(nameof(member))] string expression = "")
    {
        _ = member;
        return new JsonPathChecker(errors, file, path + "." + JsonName(expression));
    }

    /// <summary>A checker for item <paramref name="index"/> of this array.</summary>
    public JsonPathChecker Item(int index) => new(errors, file, $"{path}[{index}]");

    /// <summary>Reports <paramref name="reason"/> at this path unless <paramref name="ok"/>; returns <paramref name="ok"/>.</summary>
    public bool Require(bool ok, string reason)
    {
        if (!ok) errors.Add(new ExperimentError(file, path, reason));
        return ok;
    }

    /// <summary>Checks that the value at this path compares with <paramref name="limit"/> as <paramref name="relation"/> says.</summary>
    public bool Here<T>(T value, Relation relation, T limit) where T : INumber<T>
    {
        (bool ok, string symbol) = relation switch
        {
            Relation.AtLeast => (value >= limit, ">="),
            Relation.Above => (value > limit, ">"),
            Relation.AtMost => (value <= limit, "<="),
            Relation.Below => (value < limit, "<"),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
        };
        return Require(ok, string.Create(CultureInfo.InvariantCulture, $"must be {symbol} {limit}, got {value}"));
    }

    /// <summary>Checks a member (named by its access expression) against <paramref name="limit"/>.</summary>
    public bool Check<T>(T value, Relation relation, T limit, [CallerArgumentExpression(nameof(value))] string expression = "")
        where T : INumber<T> =>
        Member(value, expression).Here(value, relation, limit);

    /// <summary>Checks that a range member has min &lt;= max; returns the checker of the range for further checks.</summary>
    public JsonPathChecker Ordered<T>(Experiments.Bounds<T> bounds, [CallerArgumentExpression(nameof(bounds))] string expression = "")
        where T : struct, INumber<T>
    {
        JsonPathChecker range = Member(bounds, expression);
        range.Member(bounds.Min, "Min").Here(bounds.Min, Relation.AtMost, bounds.Max);
        return range;
    }

    /// <summary>Checks that a list member is non-empty and has no repeated item.</summary>
    public JsonPathChecker NonEmptyDistinct<T>(IReadOnlyList<T> items, [CallerArgumentExpression(nameof(items))] string expression = "")
    {
        JsonPathChecker list = Member(items, expression);
        if (list.Require(items.Count > 0, "must not be empty"))
            list.Require(items.Distinct().Count() == items.Count, "must not repeat an item");
        return list;
    }

    private static string JsonName(string expression)
    {
        string member = expression[(expression.LastIndexOf('.') + 1)..].Trim();
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
    }
}
