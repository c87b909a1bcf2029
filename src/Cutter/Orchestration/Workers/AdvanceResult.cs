using Cutter.Domain;

namespace Cutter.Orchestration.Workers;

/// <summary>What one step forward of a document did: where it left the run, the run's id and a line for people.</summary>
internal sealed record AdvanceResult(WorkOutcome Outcome, RunId? RunId, string Detail);
