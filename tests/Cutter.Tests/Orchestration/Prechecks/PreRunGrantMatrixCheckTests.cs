using Cutter.Rehearsal.Disposable;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

[Collection(PostgresCollection.Name)]
public sealed class PreRunGrantMatrixCheckTests(PostgresFixture postgres)
{
    private static Task<PrecheckResult> RunAsync(string? verifyConnectionString, string pinnedSha) =>
        new PreRunGrantMatrixCheck().RunAsync(
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

        var result = await RunAsync(store.VerifyConnectionString, pinned.ToString());

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

        var result = await RunAsync(store.VerifyConnectionString, pinned.ToString());

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal(StopCodes.GrantMatrixMismatch, result.StopCode);
        Assert.Equal($"live grant matrix sha {live} differs from expected_grant_matrix_sha {pinned}", result.Reason);
    }

    [Fact]
    public async Task A_pin_written_before_hashes_carried_tags_is_read_as_grants_v1_and_still_passes()
    {
        await using var store = await postgres.NewStoreAsync();
        var pinned = (await OwnerMatrixAsync(store)).Sha;

        var result = await RunAsync(store.VerifyConnectionString, pinned.Hex);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.StartsWith($"grant matrix sha sha256:grants-v1:{pinned.Hex} matches the pin (", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pin_in_a_form_this_Cutter_does_not_compute_is_refused_not_reported_as_a_mismatch()
    {
        await using var store = await postgres.NewStoreAsync();
        var pinned = (await OwnerMatrixAsync(store)).Sha;

        var result = await RunAsync(store.VerifyConnectionString, $"sha256:grants-v2:{pinned.Hex}");

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal(StopCodes.HashFormMismatch, result.StopCode);
        Assert.Equal("orchestrator.expected_grant_matrix_sha: the pin was made in sha256:grants-v2, which this Cutter does not compute (it makes sha256:grants-v1); re-pin from `cutter db grant-matrix`", result.Reason);
    }

    [Theory]
    [InlineData("", "orchestrator.expected_grant_matrix_sha is not set")]
    [InlineData("45d25e38", "orchestrator.expected_grant_matrix_sha: '45d25e38' is neither <form>:<64 hex> (such as sha256:grants-v1:...) nor 64 hex characters")]
    [InlineData("sha256:payload-v1:45d25e3845d25e3845d25e3845d25e3845d25e3845d25e3845d25e3845d25e38", "orchestrator.expected_grant_matrix_sha: 'sha256:payload-v1:45d25e3845d25e3845d25e3845d25e3845d25e3845d25e3845d25e3845d25e38' is a payload hash, not a grants hash")]
    public async Task Missing_or_malformed_pin_fails_without_touching_the_store(string pinned, string expected)
    {
        var result = await RunAsync(null, pinned);

        Assert.Equal(PrecheckResult.Fail(PreRunGrantMatrixCheck.CheckName, expected), result);
    }
}
