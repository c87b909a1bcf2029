using Npgsql;

namespace Cutter.Tests.Support;

/// <summary>A content hash per table of the store, to prove a run left it byte-identical (row order does not matter).</summary>
public static class StoreTableHashes
{
    private const string Tables = """
        SELECT table_schema || '.' || table_name FROM information_schema.tables
        WHERE table_schema IN ('cutter_core', 'cutter_governance') AND table_type = 'BASE TABLE' ORDER BY 1
        """;

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(Tables, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // Names come from the catalog above, never from input.
            await using var hash = new NpgsqlCommand($"SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), 'empty') FROM {name} t", connection);
            hashes[name] = (string)(await hash.ExecuteScalarAsync())!;
        }
        return hashes;
    }
}
