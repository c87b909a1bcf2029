using Cutter.Domain.Checks;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// One check that must pass immediately before a run. Reads only configuration, the host and the store (read-only
/// lane). Its <see cref="ICheck{TContext,TResult}.Name"/> is also the key of <c>orchestrator.precheck_waivers</c>.
/// </summary>
internal interface IPrecheck : ICheck<PrecheckContext, PrecheckResult>;
