namespace Mt.Cli;

/// <summary>Process exit codes of <c>mt</c>.</summary>
public static class ExitCode
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal failure.</summary>
    public const int InternalFailure = 1;

    /// <summary>Bad usage or bad input (options, files).</summary>
    public const int BadInput = 2;

    /// <summary>The inputs were fine but the computation failed in a way the message explains (e.g. training diverged).</summary>
    public const int RunFailed = 3;
}
