namespace Cutter.Cli;

/// <summary>Process exit codes. Documented in docs/exit-codes.md; never renumber.</summary>
public static class ExitCodes
{
    /// <summary>Done: the command finished what it was asked to do.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug); run again with --verbose for the stack trace.</summary>
    public const int Failure = 1;
    /// <summary>The command line or an input is wrong (missing, not a regular file, malformed, too deeply nested); nothing was written.</summary>
    public const int UsageError = 2;
    /// <summary>A STOP condition fired; the run is halted until an operator acts.</summary>
    public const int Stopped = 3;
    /// <summary>A check (precheck, verification, scan, audit) ran and found failures.</summary>
    public const int ChecksFailed = 4;
    /// <summary>A service Cutter needs (the database) could not be reached or refused the login.</summary>
    public const int Unavailable = 5;
    /// <summary>The operating system refused a read or write (permission denied, symbolic-link loop, disk full).</summary>
    public const int IoError = 6;
    /// <summary>
    /// Paused at a gate: the run (or an SG_3 request) waits for a signed approval; the output names the request to
    /// approve. Distinct from <see cref="Ok"/> for the reason Terraform's -detailed-exitcode is: a script must not take
    /// "waiting for a human" for "done".
    /// </summary>
    public const int AwaitingApproval = 7;

    /// <summary>The code's name as docs/exit-codes.md and the JSON error documents spell it.</summary>
    public static string KindOf(int exitCode) => exitCode switch
    {
        Ok => "ok",
        Failure => "failure",
        UsageError => "usage_error",
        Stopped => "stopped",
        ChecksFailed => "checks_failed",
        Unavailable => "unavailable",
        IoError => "io_error",
        AwaitingApproval => "awaiting_approval",
        _ => "unknown",
    };
}
