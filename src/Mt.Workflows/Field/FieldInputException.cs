namespace Mt.Workflows.Field;

/// <summary>Input of a field workflow that the user can correct (a folder that does not exist, EDI files that cannot
/// be read, weights that do not fit): <see cref="Option"/> names the input without dashes (<c>edi</c>, <c>out</c>,
/// <c>weights</c>, <c>device</c>); a command line shows it as <c>--OPTION: MESSAGE</c>.</summary>
/// <param name="option">The logical option name, without dashes.</param>
/// <param name="message">What is wrong with it.</param>
public sealed class FieldInputException(string option, string message) : Exception(message)
{
    /// <summary>The logical option name, without dashes (e.g. <c>edi</c>).</summary>
    public string Option { get; } = option;
}
