using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Store;
using Cutter.Store.Audit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// Writes the runner's signed checkpoints (docs/audit.md): after every live phase that moved the log's head, and at
/// closeout. The head is read, not walked (O(entries of the run), not O(history)); the verifier recomputes it.
/// Signs with <c>orchestrator.runner_key</c>; without one no checkpoint is written (and <c>cutter audit verify</c>
/// then reports the log's tail as uncovered).
/// </summary>
internal sealed class CheckpointWriter(OrchestratorServices services)
{
    public const string CloseoutNamespace = "cutter-closeout";

    private const string HeadSql = "SELECT tree_size, root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1";

    // Counted up to the head's tree size, not over the whole table: other runs' phases append entries between the
    // two reads, and a checkpoint must sign counts of the same prefix whose root it signs.
    // Only the entries after the newest checkpoint ($1) are counted when that checkpoint is of this log (its root is the
    // root at its tree size): its counts plus these are the prefix's, so a checkpoint costs O(entries since the last one),
    // not O(log) (a batch writes thousands of checkpoints). $1 = 0 counts the whole prefix.
    private const string CountsSql = """
        SELECT table_name, sum(row_count)::bigint FROM cutter_governance.log_entry
        WHERE operation <> 'genesis' AND tree_size > $1 AND tree_size <= $2 GROUP BY table_name
        """;

    private const string RootAtSql = "SELECT root_hash FROM cutter_governance.log_entry WHERE tree_size = $1";

    private CheckpointStore Checkpoints => new(services.Settings.SidecarRoot, services.Kb);

    /// <summary>Writes a checkpoint for <paramref name="event"/>, unless <paramref name="onlyIfMoved"/> and the newest one already covers the head.</summary>
    public async Task<LogCheckpoint?> WriteAsync(RunId runId, string @event, bool onlyIfMoved, CancellationToken cancellationToken)
    {
        var key = LoadKey();
        if (key is null) return null;
        LogCheckpoint checkpoint;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            var (size, root) = await ReadHeadAsync(connection, cancellationToken);
            if (root is null) return null;
            var kept = Checkpoints.ReadNewest();
            var newest = kept?.Checkpoint;
            if (onlyIfMoved && newest is not null && newest.TreeSize == size && newest.Root == root)
            {
                return null;
            }
            // Its counts are built on only if this key signed exactly these bytes (the SSHSIG Ed25519 signature is
            // deterministic, so signing them again must give the same text): an edited sidecar file is not carried forward.
            if (kept?.Signature is not { } keptSignature || key.Sign(kept.Raw, LogCheckpoint.SignatureNamespace).ToArmored().Trim() != keptSignature.Trim())
            {
                newest = null;
            }
            checkpoint = new LogCheckpoint(runId.ToString(), @event, size, root, await ReadCountsAsync(connection, size, newest, cancellationToken),
                (await GrantMatrix.ReadAsync(connection, cancellationToken)).Sha.ToString(), null, services.Time.GetUtcNow());
        }
        var raw = checkpoint.Render();
        var signature = key.Sign(raw, LogCheckpoint.SignatureNamespace).ToArmored();
        var (file, id) = await Checkpoints.AppendAsync(raw, signature, $"{runId}/checkpoint-{@event}-{checkpoint.TreeSize}", cancellationToken);
        services.Logger.LogInformation("run {RunId}: log checkpoint {Event}: tree size {Size}, root {Root} ({File}, {KbId})",
            runId, @event, checkpoint.TreeSize, checkpoint.Root, file, id);
        return checkpoint;
    }

    /// <summary>Signs the closeout doc's exact bytes (namespace cutter-closeout) and stores the signature beside it in the KB.</summary>
    public async Task SignCloseoutAsync(KbDocId closeout, CancellationToken cancellationToken)
    {
        var key = LoadKey();
        if (key is null) return;
        var document = await services.Kb.GetAsync(closeout, cancellationToken);
        await services.Kb.PutSignatureAsync(closeout, key.Sign(document.Raw, CloseoutNamespace).ToArmored(), cancellationToken);
    }

    private SshSigningKey? LoadKey()
    {
        var path = services.Settings.RunnerKey;
        if (string.IsNullOrWhiteSpace(path))
        {
            services.Logger.LogWarning("orchestrator.runner_key is not set: no signed log checkpoint is written (docs/audit.md)");
            return null;
        }
        if (!File.Exists(path)) throw new InvalidInputException("orchestrator.runner_key", $"'{path}' does not exist");
        return SshSigningKey.Load(path);
    }

    public static async Task<(long Size, string? Root)> ReadHeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(HeadSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, null);
    }

    private static async Task<IReadOnlyDictionary<string, long>> ReadCountsAsync(NpgsqlConnection connection, long treeSize, LogCheckpoint? newest,
        CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var after = 0L;
        if (newest is not null && newest.TreeSize <= treeSize && await RootAtAsync(connection, newest.TreeSize, cancellationToken) == newest.Root)
        {
            foreach (var (table, count) in newest.Counts) counts[table] = count;
            after = newest.TreeSize;
        }
        await using var command = new NpgsqlCommand(CountsSql, connection);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(treeSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
        return counts;
    }

    private static async Task<string?> RootAtAsync(NpgsqlConnection connection, long treeSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RootAtSql, connection);
        command.Parameters.AddWithValue(treeSize);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
