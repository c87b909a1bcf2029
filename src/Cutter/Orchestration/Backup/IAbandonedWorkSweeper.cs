namespace Cutter.Orchestration.Backup;

/// <summary>
/// Removes what killed runs left of phase 5's scratch work (plain dumps in private temp folders, restore-proof scratch
/// databases) at the next start; only artefacts provably Cutter's and of a dead process are touched.
/// </summary>
internal interface IAbandonedWorkSweeper
{
    /// <summary>What was removed, one human-readable line each (for the log).</summary>
    Task<IReadOnlyList<string>> SweepAbandonedAsync(CancellationToken cancellationToken);
}
