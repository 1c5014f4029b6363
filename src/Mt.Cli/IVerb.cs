using System.CommandLine;

namespace Mt.Cli;

/// <summary>One verb of <c>mt</c> (forward, later generate, train, ...): its command-line syntax and what it does.
/// Error reporting and exit codes are handled by <see cref="CliApp"/>.</summary>
internal interface IVerb
{
    /// <summary>The command: name, description and options, without an action.</summary>
    Command Command { get; }

    /// <summary>Runs the verb on parsed arguments and returns the exit code. Throws <see cref="UsageException"/> or
    /// <see cref="Mt.Data.IO.DataFileException"/> for bad input; nothing may be left half-written.</summary>
    int Execute(ParseResult parseResult, TextWriter stdout);
}
