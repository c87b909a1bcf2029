using System.Text.Json;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// Verifies the audit trail: the store's transparency log (recomputed in C# from raw rows by
/// <see cref="TransparencyLogWalk"/>, with the frozen chain-v1 prefix of rows written before migration 0010) and the
/// runs index (recomputed here with <see cref="SidecarStore.IndexLineText"/>). Read-only: runs on the verify lane.
/// It lives beside the run state it reads (the runs index), above Store, so Store never reaches up into Orchestration.
/// </summary>
internal static class ChainVerifier
{
    public const string RunsIndexChain = "runs-index.jsonl";

    /// <summary>The log's head as a chain head: rows = tree size, head = root.</summary>
    public const string LogChain = "transparency-log";

    /// <summary>Walks the log and the runs index; the heads are the log's (tree size, root), the frozen chains' and the index's.</summary>
    public static async Task<ChainReport> VerifyAsync(NpgsqlConnection connection, string? runsIndexPath, CancellationToken cancellationToken = default)
    {
        var (_, heads, findings) = await WalkAsync(connection, runsIndexPath, null, cancellationToken);
        return Report(heads, findings);
    }

    /// <summary>A walk's heads and its first finding, as the signed report records them.</summary>
    public static ChainReport Report(IReadOnlyList<ChainHead> heads, IReadOnlyList<LogFinding> findings)
    {
        var first = findings.FirstOrDefault();
        return new ChainReport(heads, first is null ? null : new ChainBreak(first.Name, first.Where, first.Problem, first.Expected, first.Found));
    }

    /// <summary>The whole walk: the log, its heads and every finding (the runs index's break included).</summary>
    public static async Task<(LogWalkResult Log, IReadOnlyList<ChainHead> Heads, List<LogFinding> Findings)> WalkAsync(
        NpgsqlConnection connection, string? runsIndexPath, Action<long>? progress, CancellationToken cancellationToken)
    {
        var log = await TransparencyLogWalk.RunAsync(connection, progress, cancellationToken);
        var heads = new List<ChainHead> { new(LogChain, log.TreeSize, log.Root) };
        heads.AddRange(log.FrozenHeads.Select(h => h with { Chain = h.Chain + " (chain-v1)" }));
        var findings = log.Findings.ToList();
        if (runsIndexPath is not null)
        {
            var (head, broken) = VerifyRunsIndex(runsIndexPath);
            heads.Add(head);
            if (broken is not null) findings.Add(new LogFinding(RunsIndexChain, broken.RowKey, broken.Problem, broken.Expected, broken.Found));
        }
        return (log, heads, findings);
    }

    /// <summary>
    /// The heads as they are now, read rather than walked (closeout costs O(run), not O(history)): the log's newest
    /// entry and the runs index's last line. The walk in verification recomputes what they stand for.
    /// </summary>
    public static async Task<IReadOnlyList<ChainHead>> ReadHeadsAsync(NpgsqlConnection connection, string? runsIndexPath, CancellationToken cancellationToken = default)
    {
        var (size, root) = await CheckpointWriter.ReadHeadAsync(connection, cancellationToken);
        var heads = new List<ChainHead> { new(LogChain, size, root) };
        if (runsIndexPath is not null) heads.Add(VerifyRunsIndex(runsIndexPath).Head);
        return heads;
    }

    /// <summary>
    /// Whether the chain named <paramref name="chain"/> (the log, or the runs index) still holds <paramref name="rowHash"/>
    /// (a root of the log, or a link of the index). A head recorded in a signed document that is no longer there means
    /// history was rewritten (or the newest entries removed), however well the rest now links.
    /// </summary>
    public static async Task<bool> ContainsLinkAsync(NpgsqlConnection connection, string? runsIndexPath, string chain, string rowHash, CancellationToken cancellationToken = default)
    {
        if (chain == RunsIndexChain)
        {
            return runsIndexPath is not null && File.Exists(runsIndexPath)
                && File.ReadLines(runsIndexPath).Any(line => line.Length > 0 && JsonSerializer.Deserialize<RunIndexEntry>(line, SidecarStore.Json)?.RowHash == rowHash);
        }
        if (chain != LogChain)
        {
            throw new Domain.InvalidInputException("chain", $"'{chain}' is not an audit chain ({LogChain}, {RunsIndexChain})");
        }
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM cutter_governance.log_entry WHERE root_hash = @row_hash)", connection);
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
