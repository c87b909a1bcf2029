using Cutter.Domain;

namespace Cutter.Governance.Backup;

/// <summary>A backup, its encryption or its restore proof could not be done; the message names the step and the tool's own words.</summary>
internal sealed class BackupException : CutterException
{
    public BackupException(string step, string detail) : base($"backup {step} failed: {detail}") => Step = step;

    public string Step { get; }
}
