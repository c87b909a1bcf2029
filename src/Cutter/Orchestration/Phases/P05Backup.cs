using Cutter.Domain;
using Cutter.Orchestration.Backup;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 5: a narrow pg_dump of the store, gpg-encrypted to BACKUP_GPG_FPR, proven restorable when configured.</summary>
internal sealed class P05Backup : IPhase
{
    public int Number => 5;
    public string Name => "backup";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var snapshot = context.State.PreRunSnapshot
            ?? throw new CutterException("phase 5 needs the pre-run snapshot of phase 4");
        var backup = context.Services.Backup is IOverlapAwareBackupEngine aware
            ? await aware.BackupAsync(context.RunId, context.RunFolder, snapshot, cancellationToken)
            : await context.Services.Backup.BackupAsync(context.RunId, context.RunFolder, snapshot.Documents, cancellationToken);
        context.Services.Observer?.At(new RunPoint(RunPointKind.AfterDump, Number));
        if (context.Services.Settings.RequireRestoreProof && !backup.RestoreProven)
        {
            throw new StopException(StopCodes.BackupFailed, $"the backup {backup.File} was not proven restorable: {backup.RestoreProofDetail}", context.RunId, Number);
        }
        context.State.Backup = backup;
        return new PhaseOutcome(0, $"backup {Path.GetFileName(backup.File)} ({backup.Bytes} bytes, sha256 {backup.Sha256}), "
            + (backup.RestoreProven ? "restore proven" : "restore proof not required here"));
    }
}
