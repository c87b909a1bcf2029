namespace Cutter.Orchestration.Prechecks;

/// <summary>One check that must pass immediately before a run. Reads only configuration, the host and the store (read-only lane).</summary>
public interface IPrecheck
{
    /// <summary>Stable name, used in reports and in <c>orchestrator.precheck_waivers</c>.</summary>
    string Name { get; }

    Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken);
}
