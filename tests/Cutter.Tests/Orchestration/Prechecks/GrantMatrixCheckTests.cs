using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

[Collection(PostgresCollection.Name)]
public sealed class GrantMatrixCheckTests(PostgresFixture postgres)
{
    private static Task<PrecheckResult> RunAsync(string? verifyConnectionString, string pinnedSha) =>
        new GrantMatrixCheck().RunAsync(
            PrecheckContexts.For(new OrchestratorSettings { ExpectedGrantMatrixSha = pinnedSha }, verifyConnectionString: verifyConnectionString),
            CancellationToken.None);

    private static async Task<GrantMatrix> OwnerMatrixAsync(StoreDatabase store)
    {
        await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
        await connection.OpenAsync();
        return await GrantMatrix.ReadAsync(connection);
    }

    [Fact]
    public async Task Pinned_sha_of_a_fresh_install_passes()
    {
        await using var store = await postgres.NewStoreAsync();
        var pinned = (await OwnerMatrixAsync(store)).Sha;

        var result = await RunAsync(store.VerifyConnectionString, pinned.Value);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal(pinned, Assert.IsType<GrantMatrix>(result.Evidence).Sha);
        Assert.StartsWith($"grant matrix sha {pinned} matches the pin (", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_extra_grant_fails_showing_both_shas()
    {
        await using var store = await postgres.NewStoreAsync();
        var pinned = (await OwnerMatrixAsync(store)).Sha;
        await Sql.ExecAsync(store.OwnerConnectionString, "GRANT INSERT ON cutter_core.document TO cutter_verify");
        var live = (await OwnerMatrixAsync(store)).Sha;

        var result = await RunAsync(store.VerifyConnectionString, pinned.Value);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal(StopCodes.GrantMatrixMismatch, result.StopCode);
        Assert.Equal($"live grant matrix sha {live} differs from expected_grant_matrix_sha {pinned}", result.Reason);
    }

    [Theory]
    [InlineData("", "orchestrator.expected_grant_matrix_sha is not set")]
    [InlineData("45d25e38", "orchestrator.expected_grant_matrix_sha: '45d25e38' is not 64 lower-case hex characters")]
    public async Task Missing_or_malformed_pin_fails_without_touching_the_store(string pinned, string expected)
    {
        var result = await RunAsync(null, pinned);

        Assert.Equal(PrecheckResult.Fail(GrantMatrixCheck.CheckName, expected), result);
    }
}
