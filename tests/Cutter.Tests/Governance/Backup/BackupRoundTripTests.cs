using Cutter.Rehearsal.Disposable;
using System.Text;
using Cutter.Domain;
using Cutter.Governance.Backup;
using Cutter.Store;
using Cutter.Tests.Store;
using Cutter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Governance.Backup;

/// <summary>Phase 5 for real: pg_dump, gpg encrypt, gpg decrypt, pg_restore into a scratch database, in-server hash compare.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BackupRoundTripTests(PostgresFixture postgres, GpgTestHome gpg) : IClassFixture<GpgTestHome>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private BackupService Service() => new(BackupOptions.Create(gpg.Fingerprint, gpg.BackupDirectory, gpg.Home), new FakeTimeProvider(Now));

    private RestoreProof Proof() => new(gpg.Home, null);

    private static async Task<StoreDatabase> SeededStoreAsync(PostgresFixture postgres)
    {
        var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        return store;
    }

    [Fact]
    public async Task Backup_is_encrypted_hashed_and_restores_to_identical_content_hashes()
    {
        await using var store = await SeededStoreAsync(postgres);
        var live = await DocumentSurvey.ReadAsync(store.OwnerConnectionString);

        var backup = await Service().CreateAsync(store.OwnerConnectionString, $"roundtrip-{Guid.NewGuid():N}");

        var bytes = await File.ReadAllBytesAsync(backup.EncryptedPath);
        Assert.Equal($"sha256:bytes-v1:{Sha256Hex.Of(bytes)}", backup.EncryptedSha256.ToString());
        Assert.Equal(bytes.LongLength, backup.EncryptedBytes);
        Assert.Equal(gpg.Fingerprint, backup.RecipientFingerprint);
        Assert.Equal(Now, backup.TakenUtc);
        Assert.Equal(live, backup.Footprints);
        // Encrypted: neither the custom-format magic nor the stored text is visible.
        Assert.False(bytes.AsSpan().StartsWith("PGDMP"u8));
        Assert.Equal(-1, Encoding.Latin1.GetString(bytes).IndexOf("Test document", StringComparison.Ordinal));

        var proof = await Proof().ProveAgainstLiveAsync(backup, postgres.Server.Server.AdminConnectionString, store.OwnerConnectionString);

        Assert.True(proof.Matches, string.Join("; ", proof.Differences));
        var restored = Assert.Single(proof.Restored);
        Assert.Equal(new DocumentFootprint("KB-9001", "TEST-DOC", 2, 2, 1, live[0].ContentHash), restored);
        proof.EnsureMatches();
    }

    [Fact]
    public async Task Live_row_changed_after_the_backup_is_reported_as_a_mismatch()
    {
        await using var store = await SeededStoreAsync(postgres);
        var backup = await Service().CreateAsync(store.OwnerConnectionString, $"changed-{Guid.NewGuid():N}");

        await Sql.ExecAsync(store.OwnerConnectionString,
            "INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id) " +
            $"SELECT document_id, 'art-3', 3, 'article', 'draft', '{Cutter.Tests.Store.StoreSeedSql.RunId}' FROM cutter_core.document");
        var proof = await Proof().ProveAgainstLiveAsync(backup, postgres.Server.Server.AdminConnectionString, store.OwnerConnectionString);

        var difference = Assert.Single(proof.Differences);
        Assert.Equal("KB-9001", difference.KbId);
        Assert.Equal(3, difference.Expected!.Units);
        Assert.Equal(2, difference.Restored!.Units);
        var stop = Assert.Throws<StopException>(() => proof.EnsureMatches());
        Assert.Equal(StopCodes.BackupFailed, stop.Code);
    }

    [Fact]
    public async Task Backup_of_other_content_passed_off_as_this_one_restores_to_a_mismatch()
    {
        await using var store = await SeededStoreAsync(postgres);
        await using var other = await postgres.NewStoreAsync();
        var expected = await DocumentSurvey.ReadAsync(store.OwnerConnectionString);

        // A valid, correctly hashed backup of another (empty) store, presented with this store's footprints.
        var substitute = await Service().CreateAsync(other.OwnerConnectionString, $"substitute-{Guid.NewGuid():N}");
        var proof = await Proof().ProveAsync(substitute with { Footprints = expected }, postgres.Server.Server.AdminConnectionString, expected);

        var difference = Assert.Single(proof.Differences);
        Assert.Equal("KB-9001", difference.KbId);
        Assert.Null(difference.Restored);
        Assert.Equal("KB-9001: expected but missing from the restore", difference.ToString());
    }

    [Fact]
    public async Task Backup_file_changed_after_it_was_taken_is_refused_before_decrypting()
    {
        await using var store = await SeededStoreAsync(postgres);
        var backup = await Service().CreateAsync(store.OwnerConnectionString, $"tampered-{Guid.NewGuid():N}");
        var bytes = await File.ReadAllBytesAsync(backup.EncryptedPath);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(backup.EncryptedPath, bytes);

        var ex = await Assert.ThrowsAsync<BackupException>(() => Proof().ProveAgainstLiveAsync(backup, postgres.Server.Server.AdminConnectionString, store.OwnerConnectionString));

        Assert.Equal("restore proof", ex.Step);
        Assert.Contains("changed since it was taken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_to_a_key_missing_from_the_keyring_writes_nothing()
    {
        await using var store = await postgres.NewStoreAsync();
        var absent = System.Security.Cryptography.RandomNumberGenerator.GetHexString(40);
        var directory = Path.Combine(gpg.Home, $"nothing-{Guid.NewGuid():N}");
        var service = new BackupService(BackupOptions.Create(absent, directory, gpg.Home), new FakeTimeProvider(Now));

        var ex = await Assert.ThrowsAsync<BackupException>(() => service.CreateAsync(store.OwnerConnectionString, "never"));

        Assert.Equal("key check", ex.Step);
        Assert.False(Directory.Exists(directory));
    }
}
