namespace Cutter.Domain;

/// <summary>How far a run goes. DryRun: read-only phases, stops before SG_1. Simulate: every phase, writes rolled back. Live: commits.</summary>
public enum RunMode
{
    DryRun,
    Simulate,
    Live,
}
