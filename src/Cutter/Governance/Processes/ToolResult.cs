namespace Cutter.Governance.Processes;

/// <summary>What an external tool did: its exit code and captured output.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
