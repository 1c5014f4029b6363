namespace Mt.Cli;

/// <summary>Bad usage or input detected by a verb; its message is the one line shown after <c>mt VERB: error: </c>
/// and should name the option or file at fault.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A run that failed for a reason the user can act on (not bad input, not a bug): its message is the one line
/// shown after <c>mt VERB: error: </c>.</summary>
internal sealed class RunFailedException(string message, Exception? inner = null) : Exception(message, inner);
