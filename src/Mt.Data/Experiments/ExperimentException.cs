namespace Mt.Data.Experiments;

/// <summary>One problem in an experiment file: the file, the JSON path of the offending value and the reason.</summary>
/// <param name="File">The experiment file as it was named when loaded.</param>
/// <param name="JsonPath">JSON path of the value, e.g. <c>$.training.batch_size</c>.</param>
/// <param name="Reason">What is wrong, e.g. <c>must be &gt;= 1, got 0</c>.</param>
public sealed record ExperimentError(string File, string JsonPath, string Reason)
{
    /// <summary>The error as <c>file: path: reason</c>.</summary>
    public override string ToString() => $"{File}: {JsonPath}: {Reason}";
}

/// <summary>An experiment file could not be read, merged, bound or validated; <see cref="Errors"/> says where and why.</summary>
public sealed class ExperimentException : Exception
{
    /// <summary>Creates the exception from one or more errors (one per line of the message).</summary>
    public ExperimentException(IReadOnlyList<ExperimentError> errors, Exception? inner = null)
        : base(string.Join(Environment.NewLine, errors), inner)
    {
        if (errors.Count == 0) throw new ArgumentException("an ExperimentException needs at least one error", nameof(errors));
        Errors = errors;
    }

    /// <summary>Creates the exception from a single error.</summary>
    public ExperimentException(string file, string jsonPath, string reason, Exception? inner = null)
        : this([new ExperimentError(file, jsonPath, reason)], inner)
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ExperimentError> Errors { get; }
}
