using Cutter.Domain;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Backup;

/// <summary>
/// Phase 5 with the pre-run snapshot's time: documents that runs overlapping this one wrote since the snapshot (other
/// documents, run at the same time) are theirs and no drift of this run's store (docs/concurrency.md).
/// </summary>
internal interface IOverlapAwareBackupEngine
{
    Task<BackupRecord> BackupAsync(RunId runId, string runFolder, Snapshot snapshot, CancellationToken cancellationToken);
}
