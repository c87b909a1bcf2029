using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class BackupKeyCheckTests
{
    private static Task<PrecheckResult> RunAsync(GpgTestKeyring keyring, string? fingerprint)
    {
        var environment = fingerprint is null ? new Dictionary<string, string>() : new() { [EnvironmentNames.BackupGpgFingerprint] = fingerprint };
        return new BackupKeyCheck(keyring.ContainsAsync).RunAsync(PrecheckContexts.For(new OrchestratorSettings(), environment: environment), CancellationToken.None);
    }

    [Fact]
    public async Task Key_in_the_keyring_passes()
    {
        await using var keyring = await GpgTestKeyring.CreateAsync();

        var result = await RunAsync(keyring, keyring.Fingerprint);

        Assert.Equal(PrecheckResult.Pass(BackupKeyCheck.CheckName, $"backup key {keyring.Fingerprint} is in the keyring"), result);
    }

    [Fact]
    public async Task Fingerprint_pasted_in_groups_and_lower_case_is_normalised()
    {
        await using var keyring = await GpgTestKeyring.CreateAsync();
        var grouped = string.Join(' ', keyring.Fingerprint.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

        var result = await RunAsync(keyring, grouped);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
    }

    [Fact]
    public async Task Key_absent_from_the_keyring_fails_naming_it()
    {
        await using var keyring = await GpgTestKeyring.CreateAsync();
        var other = new string(keyring.Fingerprint.Reverse().ToArray());

        var result = await RunAsync(keyring, other);

        Assert.Equal(PrecheckResult.Fail(BackupKeyCheck.CheckName, $"backup key {other} (BACKUP_GPG_FPR) is not in the keyring"), result);
    }

    [Theory]
    [InlineData(null, "BACKUP_GPG_FPR is not set")]
    [InlineData("", "BACKUP_GPG_FPR is not set")]
    [InlineData("backup@example.org", "BACKUP_GPG_FPR 'backup@example.org' is not an OpenPGP fingerprint (40 or 64 hex characters)")]
    public async Task Absent_or_malformed_variable_fails(string? value, string expected)
    {
        await using var keyring = await GpgTestKeyring.CreateAsync();

        var result = await RunAsync(keyring, value);

        Assert.Equal(PrecheckResult.Fail(BackupKeyCheck.CheckName, expected), result);
    }
}
