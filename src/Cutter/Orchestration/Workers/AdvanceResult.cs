namespace Cutter.Orchestration.Workers;

/// <summary>What one step forward of a document did: where it left the run, a line for people, and the STOP when it stopped.</summary>
internal sealed record AdvanceResult(WorkOutcome Outcome, string Detail, string? StopCode = null);
