using Npgsql;

namespace Cutter.Store;

/// <summary>A governed table with row-level security switched on, forced, or carrying a policy.</summary>
internal sealed record RowSecurityFinding(string Table, bool Enabled, bool Forced, IReadOnlyList<string> Policies)
{
    public override string ToString() =>
        $"{Table}: row security {(Enabled ? "enabled" : "disabled")}{(Forced ? ", forced" : "")}"
        + (Policies.Count == 0 ? ", no policy" : $", policies {string.Join(", ", Policies)}");
}

/// <summary>
/// Row-level security on the governed tables, read from the catalogs. Cutter installs none: a policy could hide rows
/// from the verify lane (a decision, a lifecycle row) so that every count and hash still agrees, so any is a finding.
/// </summary>
internal static class RowSecurity
{
    public const string FindingsSql = """
        SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity,
               coalesce((SELECT array_agg(p.polname::text ORDER BY p.polname) FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid), ARRAY[]::text[])
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('cutter_core', 'cutter_governance') AND c.relkind IN ('r', 'p')
          AND (c.relrowsecurity OR c.relforcerowsecurity OR EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid))
        ORDER BY 1
        """;

    public static async Task<IReadOnlyList<RowSecurityFinding>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindingsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<RowSecurityFinding>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new RowSecurityFinding(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(3)));
        }
        return result;
    }
}
