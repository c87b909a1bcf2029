using Npgsql;

namespace Cutter.Store;

/// <summary>
/// Sets a lane role's password as the owner, as a SCRAM-SHA-256 verifier computed here (<see cref="ScramVerifier"/>): the
/// server never sees the plaintext, so no server log line can hold it. The verifier travels as a bind parameter, never in SQL text.
/// </summary>
internal static class LanePasswords
{
    public static async Task SetAsync(string ownerConnectionString, Lane lane, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var set = new NpgsqlCommand("SELECT set_config('cutter.lane_password', @password, true)", connection, transaction))
        {
            set.Parameters.AddWithValue("password", ScramVerifier.Compute(password));
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        // The role name comes from the Lane enum, never from input.
        var alter = $"DO $$ BEGIN EXECUTE format('ALTER ROLE {lane.RoleName()} PASSWORD %L', current_setting('cutter.lane_password')); END $$";
        await using (var command = new NpgsqlCommand(alter, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var clear = new NpgsqlCommand("SELECT set_config('cutter.lane_password', '', true)", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
