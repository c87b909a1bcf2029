namespace Cutter.Cli;

/// <summary>What the operator sees for a failure: one line on stderr and the exit code.</summary>
internal sealed record CliError(int ExitCode, string Message);
