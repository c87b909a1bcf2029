namespace Cutter.Cli;

/// <summary>Process exit codes. Documented in docs/cli.md; never renumber.</summary>
public static class ExitCodes
{
    /// <summary>Done, or paused at a gate waiting for an approval.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug or an environment fault); see the log.</summary>
    public const int Failure = 1;
    /// <summary>The command line or an input file is wrong; nothing was written.</summary>
    public const int UsageError = 2;
    /// <summary>A STOP condition fired; the run is halted until an operator acts.</summary>
    public const int Stopped = 3;
    /// <summary>A check (precheck, verification, scan, audit) ran and found failures.</summary>
    public const int ChecksFailed = 4;
}
