using Cutter.Domain;
using Cutter.Governance.Backup;
using Cutter.Orchestration.State;
using Cutter.Store;

namespace Cutter.Orchestration.Backup;

/// <summary>
/// Phase 5 on the governance engines: <see cref="BackupService"/> dumps through the read-only lane and encrypts;
/// when a scratch admin connection is configured, <see cref="RestoreProof"/> decrypts, restores into a scratch
/// database and compares per-document hashes with the pre-run snapshot.
/// </summary>
internal sealed class GovernedBackupEngine(BackupOptions options, string verifyConnectionString, string? scratchAdminConnectionString, TimeProvider time) : IBackupEngine
{
    public async Task<BackupRecord> BackupAsync(RunId runId, string runFolder, IReadOnlyList<DocumentSnapshot> liveSnapshot, CancellationToken cancellationToken)
    {
        BackupArtifact artifact;
        try
        {
            // The dump-time footprints are taken in the snapshot's form, so a run resumed under a newer Cutter compares like with like.
            var form = DocumentSurvey.FormOf(liveSnapshot.Select(s => s.ContentHash), "pre-run snapshot");
            artifact = await new BackupService(options, time).CreateAsync(verifyConnectionString, "cutter-" + runId, form, cancellationToken);
        }
        catch (BackupException ex)
        {
            throw new StopException(StopCodes.BackupFailed, ex.Message, runId, 5);
        }
        catch (InvalidInputException ex) when (ex.Input == "recorded footprint")
        {
            throw new StopException(StopCodes.HashFormMismatch, ex.Message, runId, 5);
        }

        var moved = liveSnapshot.Select(Footprint).Except(artifact.Footprints).Select(f => f.Code)
            .Concat(artifact.Footprints.Except(liveSnapshot.Select(Footprint)).Select(f => f.Code))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (moved.Length > 0)
        {
            throw new StopException(StopCodes.Drift, $"the store changed between the drift survey and the backup: {string.Join(", ", moved)}", runId, 5);
        }

        if (scratchAdminConnectionString is null)
        {
            return new BackupRecord(artifact.EncryptedPath, artifact.EncryptedSha256.ToString(), artifact.RecipientFingerprint, artifact.EncryptedBytes,
                RestoreProven: false, "no scratch server configured (DOT_CUTTER_ADMIN_CONNECTION); prove it where the private key lives");
        }
        RestoreProofResult proof;
        try
        {
            proof = await new RestoreProof(options).ProveAsync(artifact, scratchAdminConnectionString, artifact.Footprints, cancellationToken);
        }
        catch (BackupException ex)
        {
            throw new StopException(StopCodes.BackupFailed, "restore proof: " + ex.Message, runId, 5);
        }
        if (!proof.Matches)
        {
            throw new StopException(StopCodes.BackupFailed, "restore proof: " + string.Join("; ", proof.Differences), runId, 5);
        }
        return new BackupRecord(artifact.EncryptedPath, artifact.EncryptedSha256.ToString(), artifact.RecipientFingerprint, artifact.EncryptedBytes,
            RestoreProven: true, $"restored into a scratch database; {proof.Restored.Count} documents hash equal");
    }

    private static DocumentFootprint Footprint(DocumentSnapshot s) => s.ToFootprint();
}
