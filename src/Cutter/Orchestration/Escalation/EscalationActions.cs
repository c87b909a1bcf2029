namespace Cutter.Orchestration.Escalation;

/// <summary>What an SG_3 approval may authorize.</summary>
internal static class EscalationActions
{
    /// <summary>Undo a finished run's writes for its target document.</summary>
    public const string Revert = "revert";

    /// <summary>Restore the pre-run state after a torn or partial write, and end the run.</summary>
    public const string Compensate = "compensate";
}
