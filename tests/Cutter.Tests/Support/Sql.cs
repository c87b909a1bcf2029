using Npgsql;

namespace Cutter.Tests.Support;

/// <summary>Small helpers for tests that poke the store directly.</summary>
public static class Sql
{
    public static async Task<int> ExecAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the statement and returns the SQLSTATE it failed with; fails the test when it succeeds.</summary>
    public static async Task<PostgresException> FailsAsync(string connectionString, string sql)
    {
        try
        {
            await ExecAsync(connectionString, sql);
        }
        catch (PostgresException ex)
        {
            return ex;
        }
        throw new Xunit.Sdk.XunitException($"expected the statement to fail, but it succeeded: {sql}");
    }
}
