using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>A document's rows no finished run accounts for, and its enacted units.</summary>
internal sealed record DocumentLeftovers(long DraftUnits, long PendingVersions, long EnactedUnits)
{
    public bool Any => DraftUnits > 0 || PendingVersions > 0;
}

/// <summary>A version a run wrote for an existing unit, read back: the unit's address, and the version's number, sha, heading and parent address.</summary>
internal sealed record AmendedVersionRow(string Address, int VersionNo, string ContentSha256, string? Heading, string? ParentAddress);

/// <summary>
/// The statements of an amendment run (<see cref="AmendmentStatements"/>), on a connection and transaction the caller
/// owns, as <see cref="RunStore"/> does for every run.
/// </summary>
internal static class AmendmentStore
{
    /// <summary>The document's enacted units with their current versions, in (ordinal, iu_id) order, read raw.</summary>
    public static async Task<IReadOnlyList<EnactedUnit>> ReadEnactedAsync(NpgsqlConnection c, NpgsqlTransaction? tx, long documentId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.EnactedState, c, tx);
        command.Parameters.AddWithValue("document_id", documentId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var units = new List<EnactedUnit>();
        while (await reader.ReadAsync(ct))
        {
            units.Add(EnactedUnit.Of(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8)));
        }
        return units;
    }

    public static async Task<DocumentLeftovers> ReadLeftoversAsync(NpgsqlConnection c, NpgsqlTransaction? tx, long documentId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.Leftovers, c, tx);
        command.Parameters.AddWithValue("document_id", documentId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DocumentLeftovers(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Phase 10 of an amendment, first: the removed and moved-away units become retired by this run.</summary>
    public static async Task<int> RetireAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, IReadOnlyList<EnactedUnit> units, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.Retire, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("iu_ids", units.Select(u => u.UnitId).ToArray());
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> SupersedeAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, IReadOnlyList<EnactedUnit> units, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.Supersede, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("iu_ids", units.Select(u => u.UnitId).ToArray());
        command.Parameters.AddWithValue("version_nos", units.Select(u => u.VersionNo).ToArray());
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> EnactDraftsAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.Enact, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> LogAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, Guid reviewDecisionId, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.LogAmendment, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("review_decision_id", reviewDecisionId);
        command.Parameters.AddWithValue("at", at);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyList<AmendedVersionRow>> ReadAmendedVersionsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.AmendedVersions, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<AmendedVersionRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AmendedVersionRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return rows;
    }

    /// <summary>The run's units that succeed another: (address, the succeeded unit's address), by address.</summary>
    public static async Task<IReadOnlyList<(string Address, string Succeeds)>> ReadSuccessionsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AmendmentStatements.Successions, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }
}
