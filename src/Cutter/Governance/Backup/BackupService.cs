using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Store;
using Npgsql;

namespace Cutter.Governance.Backup;

/// <summary>
/// Phase 5's backup: a narrow <c>pg_dump -Fc</c> of the store's schemas only, encrypted to the configured gpg
/// recipient, hashed. The plain dump exists only in a private (0700) temporary folder while gpg encrypts it and is
/// deleted on every path; only the encrypted file lands in the backup folder.
/// </summary>
internal sealed class BackupService
{
    /// <summary>The schemas the store owns; nothing else on the server is dumped.</summary>
    public static IReadOnlyList<string> StoreSchemas { get; } = ["cutter_core", "cutter_governance"];

    private readonly BackupOptions _options;
    private readonly TimeProvider _time;

    public BackupService(BackupOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Dumps the store at <paramref name="connectionString"/>, encrypts it to <paramref name="fileStem"/>.dump.gpg and returns what state.json records.</summary>
    public Task<BackupArtifact> CreateAsync(string connectionString, string fileStem, CancellationToken ct = default) =>
        CreateAsync(connectionString, fileStem, HashForms.Footprint, ct);

    /// <summary>
    /// The same, with the footprints taken in <paramref name="footprintForm"/> (the form of the snapshot they are compared
    /// with). gpg writes <c>&lt;file&gt;.partial</c> (a leftover of a killed attempt with that name is overwritten: no one
    /// else writes Cutter's partial names); <paramref name="beforePublish"/> sees the finished file's path and sha before
    /// it is renamed to its final name, so a caller can record it and recognize the file as its own after a crash.
    /// </summary>
    public async Task<BackupArtifact> CreateAsync(string connectionString, string fileStem, HashForm footprintForm, CancellationToken ct = default,
        Action<string, VersionedHash>? beforePublish = null)
    {
        if (string.IsNullOrWhiteSpace(fileStem) || fileStem.IndexOfAny(['/', '\\']) >= 0 || fileStem.StartsWith('.'))
        {
            throw new InvalidInputException("backup file name", $"'{fileStem}' must be a plain file name");
        }
        var pgDump = PostgresBinaries.Require("pg_dump", _options.PgBinDir);
        await GpgKeyring.RequireEncryptionKeyAsync(_options.GpgFingerprint, _options.GpgHome, ct);
        FolderWrites.Guard(BackupDirKey, _options.BackupDirectory, () => Directory.CreateDirectory(_options.BackupDirectory));
        var encryptedPath = Path.Combine(_options.BackupDirectory, fileStem + ".dump.gpg");
        var partialPath = encryptedPath + PartialSuffix;
        if (File.Exists(encryptedPath)) throw ExistingBackup(encryptedPath);

        // The footprints and the dump are one snapshot: a repeatable-read transaction exports it, reads the footprints,
        // and stays open while pg_dump --snapshot imports it, so the recorded footprints are exactly what was dumped.
        await using var survey = new NpgsqlConnection(connectionString);
        await survey.OpenAsync(ct);
        await using var snapshotTransaction = await survey.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", survey, snapshotTransaction))
        {
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        }
        var footprints = await DocumentSurvey.ReadAsync(survey, footprintForm, ct, snapshotTransaction);
        var takenUtc = _time.GetUtcNow();
        using var scratch = PrivateTempDirectory.Create();
        var plainPath = Path.Combine(scratch.Path, "store.dump");

        var connection = PgConnectionArguments.From(connectionString);
        var schemaArgs = StoreSchemas.SelectMany(s => new[] { "--schema", s });
        var dump = await ProcessRunner.RunAsync(pgDump, ["--format=custom", "--file", plainPath, "--snapshot", snapshot, .. schemaArgs, .. connection.Arguments], connection.Environment, cancellationToken: ct);
        await snapshotTransaction.CommitAsync(ct);
        if (!dump.Succeeded) throw new BackupException("pg_dump", $"exit {dump.ExitCode}: {dump.ErrorSummary}");

        var gpg = new GpgTool(_options.GpgHome);
        var encrypt = await gpg.RunAsync(
            ["--yes", "--trust-model", "always", "-z", "0", "--recipient", _options.GpgFingerprint, "--output", partialPath, "--encrypt", plainPath], ct);
        if (!encrypt.Succeeded)
        {
            FolderWrites.DeleteQuietly(partialPath);
            // A read-only, full or vanished backup folder is the operator's to fix, then resume (docs/stop-codes.md).
            if (FolderFault(_options.BackupDirectory) is { } fault) throw FolderWrites.Stop(BackupDirKey, _options.BackupDirectory, fault);
            throw new BackupException("gpg encrypt", $"exit {encrypt.ExitCode}: {encrypt.ErrorSummary}");
        }

        VersionedHash sha;
        await using (var stream = File.OpenRead(partialPath)) sha = VersionedHash.OfStream(HashForms.Bytes, stream);
        beforePublish?.Invoke(encryptedPath, sha);
        // No overwrite: a file that appeared under the final name meanwhile is someone else's and stays.
        if (File.Exists(encryptedPath))
        {
            FolderWrites.DeleteQuietly(partialPath);
            throw ExistingBackup(encryptedPath);
        }
        FolderWrites.Guard(BackupDirKey, encryptedPath, () => File.Move(partialPath, encryptedPath, overwrite: false), () => File.Delete(partialPath));
        return new BackupArtifact(encryptedPath, sha, new FileInfo(encryptedPath).Length, _options.GpgFingerprint, takenUtc, footprints);
    }

    private static InvalidInputException ExistingBackup(string path) => new("backup file", $"'{path}' already exists; a backup is never overwritten");

    public const string BackupDirKey = "orchestrator.backup_dir";
    public const string PartialSuffix = ".partial";

    /// <summary>Why <paramref name="folder"/> refuses a small write now (a probe file, removed), or null when it takes it.</summary>
    private static Exception? FolderFault(string folder)
    {
        var probe = Path.Combine(folder, ".cutter-write-probe-" + Environment.ProcessId);
        try
        {
            File.WriteAllBytes(probe, new byte[4096]);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (FolderWrites.IsFolderFault(ex))
        {
            FolderWrites.DeleteQuietly(probe);
            return ex;
        }
    }
}
