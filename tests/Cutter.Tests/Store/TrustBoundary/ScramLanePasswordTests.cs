using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>Lane passwords reach the server only as client-computed SCRAM-SHA-256 verifiers.</summary>
[Collection(StoreCollection.Name)]
public sealed class ScramLanePasswordTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_lane_password_is_stored_as_the_client_computed_verifier_and_the_lane_still_logs_in()
    {
        await using var store = await postgres.NewStoreAsync();
        var password = Guid.NewGuid().ToString("N");

        // Roles are cluster-wide: the fixture's password is put back for the tests that follow on this server.
        var fixturePassword = new NpgsqlConnectionStringBuilder(store.VerifyConnectionString).Password!;
        try
        {
            await LanePasswords.SetAsync(store.OwnerConnectionString, Lane.Verify, password);
            await AssertStoredAndUsableAsync(store.OwnerConnectionString, store.VerifyConnectionString, password);
        }
        finally
        {
            await LanePasswords.SetAsync(store.OwnerConnectionString, Lane.Verify, fixturePassword);
        }
    }

    private static async Task AssertStoredAndUsableAsync(string owner, string verify, string password)
    {
        var stored = await Sql.ScalarAsync<string>(owner, "SELECT rolpassword FROM pg_authid WHERE rolname = 'cutter_verify'");
        Assert.StartsWith("SCRAM-SHA-256$4096:", stored, StringComparison.Ordinal);
        // The same salt gives the same verifier: what the server holds is exactly what the client computed.
        var salt = Convert.FromBase64String(stored.Split('$')[1].Split(':')[1]);
        Assert.Equal(ScramVerifier.Compute(password, salt), stored);
        var login = new NpgsqlConnectionStringBuilder(verify) { Password = password, Pooling = false }.ConnectionString;
        Assert.Equal("cutter_verify", await Sql.ScalarAsync<string>(login, "SELECT current_user"));
        var wrong = new NpgsqlConnectionStringBuilder(login) { Password = password + "x" }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<string>(wrong, "SELECT 1"));
        Assert.Equal("28P01", refused.SqlState);
    }

    [Fact]
    public void Two_verifiers_of_one_password_differ_by_their_random_salt()
    {
        Assert.NotEqual(ScramVerifier.Compute("pencil"), ScramVerifier.Compute("pencil"));
        Assert.StartsWith(ScramVerifier.Prefix, ScramVerifier.Compute("pencil"), StringComparison.Ordinal);
    }
}
