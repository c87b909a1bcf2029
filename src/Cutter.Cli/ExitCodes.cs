namespace Cutter.Cli;

/// <summary>Process exit codes. Documented in docs/exit-codes.md; never renumber.</summary>
public static class ExitCodes
{
    /// <summary>Done, or paused at a gate waiting for an approval.</summary>
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
}
