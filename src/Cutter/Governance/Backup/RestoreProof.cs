using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Store;
using Npgsql;

namespace Cutter.Governance.Backup;

/// <summary>
/// Proves a backup restorable: checks the encrypted file's sha against the recorded one, decrypts it (this needs
/// the private key, so the proof may run where that key lives), <c>pg_restore</c>s it into a fresh scratch
/// database, surveys every document there with the store's own in-server hash (<see cref="DocumentSurvey"/>)
/// and compares with the expected footprints. The scratch database and the plain dump are removed on every path.
/// </summary>
internal sealed class RestoreProof
{
    private readonly string? _gpgHome;
    private readonly string? _pgBinDir;

    public RestoreProof(string? gpgHome, string? pgBinDir)
    {
        _gpgHome = gpgHome;
        _pgBinDir = pgBinDir;
    }

    public RestoreProof(BackupOptions options) : this(options.GpgHome, options.PgBinDir) { }

    /// <summary>Restores into a scratch database created through <paramref name="scratchAdminConnectionString"/> (needs CREATEDB) and compares with the live store.</summary>
    public async Task<RestoreProofResult> ProveAgainstLiveAsync(BackupArtifact backup, string scratchAdminConnectionString, string liveConnectionString, CancellationToken ct = default) =>
        await ProveAsync(backup, scratchAdminConnectionString, await DocumentSurvey.ReadAsync(liveConnectionString, DocumentSurvey.FormOf(backup.Footprints.Select(f => f.ContentHash), "backup footprints"), ct), ct);

    /// <summary>Restores into a scratch database and compares with <paramref name="expected"/> (e.g. the footprints recorded at dump time).</summary>
    public async Task<RestoreProofResult> ProveAsync(BackupArtifact backup, string scratchAdminConnectionString, IReadOnlyList<DocumentFootprint> expected, CancellationToken ct = default)
    {
        var pgRestore = PostgresBinaries.Require("pg_restore", _pgBinDir);
        await CheckFileShaAsync(backup, ct);

        using var scratch = PrivateTempDirectory.Create();
        var plainPath = Path.Combine(scratch.Path, "store.dump");
        var decrypt = await new GpgTool(_gpgHome).RunAsync(["--yes", "--output", plainPath, "--decrypt", backup.EncryptedPath], ct);
        if (!decrypt.Succeeded) throw new BackupException("gpg decrypt", $"exit {decrypt.ExitCode}: {decrypt.ErrorSummary}");

        var database = ScratchPrefix + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(scratchAdminConnectionString, $"CREATE DATABASE \"{database}\"", ct);
        try
        {
            // The owner, so a scratch database a killed process left behind is provably Cutter's and swept at the next start.
            await ExecuteAsync(scratchAdminConnectionString, $"COMMENT ON DATABASE \"{database}\" IS {Literal(OwnerCommentPrefix + ProcessOwner.Current.ToJson())}", ct);
            var connection = PgConnectionArguments.From(scratchAdminConnectionString, database);
            // Ownership and grants name the production roles; the proof is about content, so restore without them.
            var restore = await ProcessRunner.RunAsync(pgRestore, ["--exit-on-error", "--no-owner", "--no-acl", .. connection.Arguments, plainPath], connection.Environment, cancellationToken: ct);
            if (!restore.Succeeded) throw new BackupException("pg_restore", $"exit {restore.ExitCode}: {restore.ErrorSummary}");

            var scratchConnection = new NpgsqlConnectionStringBuilder(scratchAdminConnectionString) { Database = database, Pooling = false }.ConnectionString;
            var restored = await DocumentSurvey.ReadAsync(scratchConnection, DocumentSurvey.FormOf(expected.Select(f => f.ContentHash), "expected footprints"), ct);
            return new RestoreProofResult(restored, Compare(expected, restored));
        }
        finally
        {
            await ExecuteAsync(scratchAdminConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>Every document whose footprint differs, by KB id. Footprints of different forms are refused, not compared.</summary>
    public static IReadOnlyList<FootprintDifference> Compare(IReadOnlyList<DocumentFootprint> expected, IReadOnlyList<DocumentFootprint> restored)
    {
        var form = DocumentSurvey.FormOf(expected.Select(f => f.ContentHash), "expected footprints");
        if (restored.FirstOrDefault(f => f.ContentHash.Form != form) is { } other) throw new HashFormMismatchException("restore proof footprints", form, other.ContentHash.Form);
        var expectedById = expected.ToDictionary(f => f.KbId, StringComparer.Ordinal);
        var restoredById = restored.ToDictionary(f => f.KbId, StringComparer.Ordinal);
        return expectedById.Keys.Union(restoredById.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new FootprintDifference(id, expectedById.GetValueOrDefault(id), restoredById.GetValueOrDefault(id)))
            .Where(d => d.Expected != d.Restored)
            .ToArray();
    }

    private static async Task CheckFileShaAsync(BackupArtifact backup, CancellationToken ct)
    {
        if (!File.Exists(backup.EncryptedPath)) throw new BackupException("restore proof", $"backup file '{backup.EncryptedPath}' does not exist");
        VersionedHash actual;
        await using (var stream = File.OpenRead(backup.EncryptedPath)) actual = VersionedHash.OfStream(backup.EncryptedSha256.Form, stream);
        if (!actual.Matches(backup.EncryptedSha256, "backup file sha"))
        {
            throw new BackupException("restore proof", $"backup file '{backup.EncryptedPath}' has sha256 {actual}, but {backup.EncryptedSha256} was recorded: it changed since it was taken");
        }
    }

    public const string ScratchPrefix = "cutter_restore_";
    public const string OwnerCommentPrefix = "cutter restore proof, owner ";

    public const string ScratchDatabasesSql = """
        SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database
        WHERE starts_with(datname, 'cutter_restore_') ORDER BY datname
        """;

    /// <summary>
    /// Drops the scratch databases whose owner comment names a dead process on this host and returns their names. One
    /// without that comment (another tool's, or a live proof's) is not provably abandoned and stays.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SweepAbandonedAsync(string scratchAdminConnectionString, CancellationToken ct)
    {
        var abandoned = new List<string>();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(scratchAdminConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(ScratchDatabasesSql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var comment = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (comment is null || !comment.StartsWith(OwnerCommentPrefix, StringComparison.Ordinal)) continue;
                if (ProcessOwner.Parse(comment[OwnerCommentPrefix.Length..]) is { } owner && owner.IsGoneFromThisHost()) abandoned.Add(reader.GetString(0));
            }
        }
        foreach (var database in abandoned)
        {
            await ExecuteAsync(scratchAdminConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", ct);
        }
        return abandoned;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
