using Cutter.Domain;

namespace Cutter.Governance.Processes;

/// <summary>A required external binary (pg_dump, pg_restore, gpg, ...) could not be found or started.</summary>
public sealed class ToolNotFoundException : CutterException
{
    public ToolNotFoundException(string tool, string detail)
        : base($"required tool '{tool}' was not found or could not be started: {detail}") => Tool = tool;

    public string Tool { get; }
}
