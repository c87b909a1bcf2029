using Cutter.Orchestration.State;
using Cutter.Store.Audit;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// What the run report shows: the run's state, the audit chain heads, and, once `cutter verify` ran, its checks.
/// The runner writes the report at closeout without checks; verification rewrites it with them.
/// </summary>
internal sealed record RunReportModel(RunState State, IReadOnlyList<ChainHead> AuditHeads, RunReportVerification? Verification);

/// <summary>The post-run verification as the run report shows it (Verification maps its report into this).</summary>
internal sealed record RunReportVerification(bool Passed, DateTimeOffset FinishedUtc, IReadOnlyList<RunReportCheck> Checks);

internal sealed record RunReportCheck(string Name, string Expected, string Actual, bool Passed);
