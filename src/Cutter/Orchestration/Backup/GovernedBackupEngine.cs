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
internal sealed class GovernedBackupEngine(BackupOptions options, string verifyConnectionString, string? scratchAdminConnectionString, TimeProvider time)
    : IBackupEngine, IOverlapAwareBackupEngine, IAbandonedWorkSweeper
{
    /// <summary>Attempts after the first that a run may start over under before it asks for an operator.</summary>
    public const int MaxAttempts = 20;

    public Task<BackupRecord> BackupAsync(RunId runId, string runFolder, IReadOnlyList<DocumentSnapshot> liveSnapshot, CancellationToken cancellationToken) =>
        BackupAsync(runId, runFolder, liveSnapshot, null, cancellationToken);

    public Task<BackupRecord> BackupAsync(RunId runId, string runFolder, Snapshot snapshot, CancellationToken cancellationToken) =>
        BackupAsync(runId, runFolder, snapshot.Documents, snapshot.TakenUtc, cancellationToken);

    private async Task<BackupRecord> BackupAsync(RunId runId, string runFolder, IReadOnlyList<DocumentSnapshot> liveSnapshot, DateTimeOffset? snapshotTaken, CancellationToken cancellationToken)
    {
        BackupArtifact artifact;
        var attempts = new BackupAttempts(runFolder);
        try
        {
            // The dump-time footprints are taken in the snapshot's form, so a run resumed under a newer Cutter compares like with like.
            var form = DocumentSurvey.FormOf(liveSnapshot.Select(s => s.ContentHash), "pre-run snapshot");
            artifact = await new BackupService(options, time).CreateAsync(verifyConnectionString, NextStem(runId, attempts), form, cancellationToken, attempts.Record);
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
        if (moved.Length > 0 && snapshotTaken is { } since)
        {
            // Another document's run at the same time moves its own document: not this store's drift.
            var theirs = (await OverlappingRuns.ReadAsync(verifyConnectionString, runId.Value, since, cancellationToken)).Select(r => r.DocumentCode).ToHashSet(StringComparer.Ordinal);
            moved = moved.Where(code => !theirs.Contains(code)).ToArray();
        }
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

    /// <summary>
    /// The first attempt name whose file does not exist yet. A file this run finished before a crash (recorded sha
    /// unchanged) is passed over; any other file at an attempt's path is a stranger's, and the phase STOPs rather than touch it.
    /// </summary>
    private string NextStem(RunId runId, BackupAttempts attempts)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stem = BackupAttempts.Stem(runId, attempt);
            var path = Path.Combine(options.BackupDirectory, stem + ".dump.gpg");
            if (!File.Exists(path)) return stem;
            if (!attempts.IsOwn(path))
            {
                throw new StopException(StopCodes.BackupFailed,
                    $"'{path}' already exists and is not a backup this run finished (no matching sha in {attempts.RecordPath}); a backup is never overwritten: move it away, then resume", runId, 5);
            }
        }
        throw new StopException(StopCodes.BackupFailed, $"{MaxAttempts} earlier backup attempts of this run are in {options.BackupDirectory}; move them away, then resume", runId, 5);
    }

    /// <summary>The private temp folders (plain dumps) of dead processes, removed.</summary>
    public static IReadOnlyList<string> SweepTempFolders() =>
        PrivateTempDirectory.SweepAbandoned().Select(folder => $"temp folder {folder} (plain dump of a dead process)").ToArray();

    public async Task<IReadOnlyList<string>> SweepAbandonedAsync(CancellationToken cancellationToken)
    {
        var swept = SweepTempFolders().ToList();
        if (scratchAdminConnectionString is not null)
        {
            swept.AddRange((await RestoreProof.SweepAbandonedAsync(scratchAdminConnectionString, cancellationToken))
                .Select(database => $"scratch database {database} (restore proof of a dead process)"));
        }
        return swept;
    }
}
