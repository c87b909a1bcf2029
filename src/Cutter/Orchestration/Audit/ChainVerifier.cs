using Cutter.Domain.Hashing;
using System.Text.Json;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// Walks every audit chain in order and reports the first break. Store chains are recomputed by the server with the
/// row-text functions of migration 0006 (the one definition of the canonical form); the runs index is recomputed
/// here with <see cref="SidecarStore.IndexLineText"/>. Read-only: runs on the verify lane.
/// It lives beside the run state it reads (the runs index), above Store, so Store never reaches up into Orchestration.
/// </summary>
internal static class ChainVerifier
{
    public const string RunsIndexChain = "runs-index.jsonl";

    /// <summary>Verifies the store's chains and, when a path is given, the runs index; the first break wins.</summary>
    public static async Task<ChainReport> VerifyAsync(NpgsqlConnection connection, string? runsIndexPath, CancellationToken cancellationToken = default)
    {
        var heads = new List<ChainHead>();
        ChainBreak? firstBreak = null;
        foreach (var table in ChainedTable.All)
        {
            var (head, broken) = await VerifyTableAsync(connection, table, cancellationToken);
            heads.Add(head);
            firstBreak ??= broken;
        }
        if (runsIndexPath is not null)
        {
            var (head, broken) = VerifyRunsIndex(runsIndexPath);
            heads.Add(head);
            firstBreak ??= broken;
        }
        return new ChainReport(heads, firstBreak);
    }

    public static async Task<(ChainHead Head, ChainBreak? Break)> VerifyTableAsync(NpgsqlConnection connection, ChainedTable table, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(table.LinksSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var walk = new ChainWalk(table.Table);
        while (await reader.ReadAsync(cancellationToken))
        {
            walk.Step(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        return (walk.Head, walk.Break);
    }

    /// <summary>
    /// Whether the chain named <paramref name="chain"/> (a table of <see cref="ChainedTable.All"/> or the runs index)
    /// still holds a link with <paramref name="rowHash"/>. A head recorded in a signed document that is no longer
    /// in its chain means history was rewritten (or the newest rows removed), however well the chain now links.
    /// </summary>
    public static async Task<bool> ContainsLinkAsync(NpgsqlConnection connection, string? runsIndexPath, string chain, string rowHash, CancellationToken cancellationToken = default)
    {
        if (chain == RunsIndexChain)
        {
            return runsIndexPath is not null && File.Exists(runsIndexPath)
                && File.ReadLines(runsIndexPath).Any(line => line.Length > 0 && JsonSerializer.Deserialize<RunIndexEntry>(line, SidecarStore.Json)?.RowHash == rowHash);
        }
        var table = ChainedTable.All.FirstOrDefault(t => t.Table == chain)
            ?? throw new Domain.InvalidInputException("chain", $"'{chain}' is not an audit chain ({string.Join(", ", ChainedTable.All.Select(t => t.Table).Append(RunsIndexChain))})");
        await using var command = new NpgsqlCommand(table.ContainsLinkSql, connection);
        command.Parameters.AddWithValue("row_hash", rowHash);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Verifies the runs index file line by line; a missing file is an empty chain.</summary>
    public static (ChainHead Head, ChainBreak? Break) VerifyRunsIndex(string path)
    {
        var walk = new ChainWalk(RunsIndexChain);
        if (!File.Exists(path)) return (walk.Head, null);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0) continue;
            RunIndexEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<RunIndexEntry>(line, SidecarStore.Json);
            }
            catch (JsonException ex)
            {
                walk.Fail($"line {lineNo}", $"not a runs-index entry ({ex.Message})", null, line);
                break;
            }
            if (entry is null)
            {
                walk.Fail($"line {lineNo}", "empty entry", null, line);
                break;
            }
            var recomputed = ChainHashing.Link(SidecarStore.IndexLineText(entry), entry.PrevHash);
            walk.Step($"line {lineNo} ({entry.Event} {entry.RunId})", entry.PrevHash, entry.RowHash, recomputed);
        }
        return (walk.Head, walk.Break);
    }
}
