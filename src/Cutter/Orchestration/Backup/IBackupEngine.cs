using Cutter.Domain;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Backup;

/// <summary>Phase 5's engine: a narrow encrypted backup of the store, proven restorable when configured.</summary>
public interface IBackupEngine
{
    Task<BackupRecord> BackupAsync(RunId runId, string runFolder, IReadOnlyList<DocumentSnapshot> liveSnapshot, CancellationToken cancellationToken);
}
