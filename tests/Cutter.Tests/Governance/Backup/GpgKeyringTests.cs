using System.Security.Cryptography;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Backup;
using Xunit;

namespace Cutter.Tests.Governance.Backup;

public sealed class GpgKeyringTests(GpgTestHome gpg) : IClassFixture<GpgTestHome>
{
    [Fact]
    public async Task Present_encryption_key_is_accepted_and_named()
    {
        Assert.Equal(GpgTestHome.UserId, await GpgKeyring.RequireEncryptionKeyAsync(gpg.Fingerprint, gpg.Home));
    }

    [Fact]
    public async Task Absent_key_is_reported_with_its_fingerprint_and_keyring()
    {
        var absent = RandomNumberGenerator.GetHexString(40);

        var ex = await Assert.ThrowsAsync<BackupException>(() => GpgKeyring.RequireEncryptionKeyAsync(absent, gpg.Home));

        Assert.Equal("key check", ex.Step);
        Assert.Contains($"backup key {absent} is not in the keyring in {gpg.Home}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("DEADBEEF", "is not a full key fingerprint")]
    public void Backup_options_refuse_a_missing_or_short_fingerprint(string? fingerprint, string problem)
    {
        var ex = Assert.Throws<InvalidInputException>(() => BackupOptions.Create(fingerprint, "/tmp/backups"));

        Assert.Equal(EnvironmentNames.BackupGpgFingerprint, ex.Input);
        Assert.StartsWith(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_options_normalize_a_spaced_lower_case_fingerprint()
    {
        var hex = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var spaced = string.Join(' ', Enumerable.Range(0, 10).Select(i => hex.Substring(i * 4, 4)));

        Assert.Equal(hex.ToUpperInvariant(), BackupOptions.Create(spaced, "/tmp/backups").GpgFingerprint);
    }
}
