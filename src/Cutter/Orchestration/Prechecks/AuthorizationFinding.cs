namespace Cutter.Orchestration.Prechecks;

/// <summary>What the governance engine says about the execution authorization at preflight; null means "nothing to judge yet".</summary>
internal sealed record AuthorizationFinding(bool Valid, string Reason);
