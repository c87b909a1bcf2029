using Npgsql;

namespace Cutter.Store;

/// <summary>Another run whose phases overlapped a run in time, and the document it writes.</summary>
internal sealed record OverlappingRun(Guid RunId, string DocumentKbId, string DocumentCode);

/// <summary>
/// The runs that may have written while a run was between its pre-run snapshot and its last phase: every other run
/// with a phase-ledger row finished at or after <c>@since</c> and a row started no later than the run's own last
/// ledger row (or now, for a run that has not finished). Their documents and decisions are theirs to verify, not this run's.
/// </summary>
internal static class OverlappingRuns
{
    public const string Sql = """
        SELECT o.run_id, d.kb_id, d.code
        FROM (SELECT run_id, min(started_at) AS first_start, max(finished_at) AS last_finish
              FROM cutter_governance.phase_ledger WHERE run_id <> @run_id GROUP BY run_id) o
        JOIN cutter_governance.run r ON r.run_id = o.run_id
        JOIN cutter_core.document d ON d.document_id = r.document_id
        WHERE o.last_finish >= @since
          AND o.first_start <= coalesce((SELECT max(finished_at) FROM cutter_governance.phase_ledger WHERE run_id = @run_id), now())
        ORDER BY d.kb_id, o.run_id
        """;

    public const string DecisionsSinceSql = """
        SELECT count(*) FROM cutter_governance.review_decision WHERE run_id = ANY(@run_ids) AND recorded_at >= @since
        """;

    public static async Task<IReadOnlyList<OverlappingRun>> ReadAsync(string connectionString, Guid runId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, runId, since, cancellationToken);
    }

    public static async Task<IReadOnlyList<OverlappingRun>> ReadAsync(NpgsqlConnection connection, Guid runId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<OverlappingRun>();
        while (await reader.ReadAsync(cancellationToken)) runs.Add(new OverlappingRun(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        return runs;
    }

    /// <summary>The review decisions <paramref name="runs"/> recorded since <paramref name="since"/>.</summary>
    public static async Task<long> CountDecisionsSinceAsync(NpgsqlConnection connection, IReadOnlyList<OverlappingRun> runs, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (runs.Count == 0) return 0;
        await using var command = new NpgsqlCommand(DecisionsSinceSql, connection);
        command.Parameters.AddWithValue("run_ids", runs.Select(r => r.RunId).ToArray());
        command.Parameters.AddWithValue("since", since);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
