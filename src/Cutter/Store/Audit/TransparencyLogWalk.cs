using System.Globalization;
using Npgsql;

namespace Cutter.Store.Audit;

/// <summary>
/// Recomputes the whole log from raw rows read through the verify lane (docs/audit.md): every row's text, every
/// entry's leaf, every root, the frozen chain-v1 prefix and the heads entry 1 pinned. Only plain SELECTs of stored
/// columns: no function of the store (which its owner could replace) computes anything the walk trusts.
/// </summary>
internal sealed class TransparencyLogWalk
{
    private const long ProgressEvery = 100_000;

    private readonly NpgsqlConnection _connection;
    private readonly Action<long>? _progress;
    private readonly List<LogFinding> _findings = [];
    private readonly List<ChainHead> _frozenHeads = [];
    private long _rowsRead;

    private TransparencyLogWalk(NpgsqlConnection connection, Action<long>? progress)
    {
        _connection = connection;
        _progress = progress;
    }

    /// <summary>Walks everything; <paramref name="progress"/> hears the rows read so far every 100,000 rows.</summary>
    public static async Task<LogWalkResult> RunAsync(NpgsqlConnection connection, Action<long>? progress, CancellationToken cancellationToken)
    {
        var walk = new TransparencyLogWalk(connection, progress);
        var entries = await walk.ReadEntriesAsync(cancellationToken);
        var authorizations = await walk.ReadAuthorizationsAsync(cancellationToken);
        var redactions = await walk.ReadRedactionsAsync(cancellationToken);
        foreach (var table in LoggedTable.Chained)
        {
            await walk.WalkChainedAsync(table, entries, redactions, authorizations, cancellationToken);
        }
        foreach (var table in LoggedTable.Imaged)
        {
            await walk.WalkImagedAsync(table, entries, cancellationToken);
        }
        walk.CheckGenesis(entries);
        return new LogWalkResult(entries, walk._frozenHeads, walk._rowsRead, walk._findings);
    }

    private void Find(string name, string where, string problem, string? expected = null, string? found = null) =>
        _findings.Add(new LogFinding(name, where, problem, expected, found));

    private void Read()
    {
        _rowsRead++;
        if (_progress is not null && _rowsRead % ProgressEvery == 0) _progress(_rowsRead);
    }

    private async Task<List<LogEntry>> ReadEntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>();
        await using var command = new NpgsqlCommand(LogEntry.Sql, _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? root = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = new LogEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.GetString(9));
            if (entry.TreeSize != entries.Count + 1)
            {
                Find(LogFindings.RootBroken, entry.Where, "tree sizes do not count up by one: an entry was removed or inserted",
                    (entries.Count + 1).ToString(CultureInfo.InvariantCulture), entry.TreeSize.ToString(CultureInfo.InvariantCulture));
            }
            // The chain of roots is recomputed from the stored leaves; whether each leaf matches its rows is checked per table.
            root = LogHashing.Root(root, entries.Count + 1, entry.LeafHash);
            entry.RecomputedRoot = root;
            if (!string.Equals(root, entry.RootHash, StringComparison.Ordinal))
            {
                Find(LogFindings.RootBroken, entry.Where, "root_hash does not follow from the previous root and this entry's leaf", root, entry.RootHash);
            }
            entries.Add(entry);
        }
        return entries;
    }

    private async Task<Dictionary<Guid, Guid>> ReadAuthorizationsAsync(CancellationToken cancellationToken)
    {
        var runs = new Dictionary<Guid, Guid>();
        await using var command = new NpgsqlCommand("SELECT authorization_id, run_id FROM cutter_governance.revert_authorization", _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) runs[reader.GetGuid(0)] = reader.GetGuid(1);
        return runs;
    }

    /// <summary>Redacted rows by the entry they belonged to, in key order (log_id), with their run and authorization.</summary>
    private async Task<Dictionary<long, List<(long Key, string Text, Guid Run, Guid Authorization)>>> ReadRedactionsAsync(CancellationToken cancellationToken)
    {
        var byEntry = new Dictionary<long, List<(long, string, Guid, Guid)>>();
        await using var command = new NpgsqlCommand("""
            SELECT entry_seq, row_key, row_text, run_id, authorization_id FROM cutter_governance.log_redaction
            WHERE table_name = 'cutter_core.lifecycle_log'
            """, _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!long.TryParse(reader.GetString(1), NumberStyles.None, CultureInfo.InvariantCulture, out var key)) continue;
            var entry = reader.GetInt64(0);
            if (!byEntry.TryGetValue(entry, out var list)) byEntry[entry] = list = [];
            list.Add((key, reader.GetString(2), reader.GetGuid(3), reader.GetGuid(4)));
        }
        foreach (var list in byEntry.Values) list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return byEntry;
    }

    private async Task<List<(long ChainSeq, string? Prev, string Hash, Guid Run, Guid Authorization)>> ReadChainRedactionsAsync(string table, CancellationToken cancellationToken)
    {
        var links = new List<(long, string?, string, Guid, Guid)>();
        await using var command = new NpgsqlCommand("""
            SELECT chain_seq, prev_hash, row_hash, run_id, authorization_id FROM cutter_governance.chain_redaction
            WHERE table_name = @table ORDER BY chain_seq
            """, _connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetGuid(4)));
        }
        return links;
    }

    private async Task WalkChainedAsync(LoggedTable table, List<LogEntry> entries, Dictionary<long, List<(long Key, string Text, Guid Run, Guid Authorization)>> redactions,
        Dictionary<Guid, Guid> authorizations, CancellationToken cancellationToken)
    {
        var bySeq = entries.Where(e => e.Table == table.Table && e.Operation == "insert").ToDictionary(e => e.EntrySeq);
        var visited = new HashSet<long>();
        var tableRedactions = table == LoggedTable.Lifecycle ? redactions : [];
        var chain = new ChainWalk(table.Table);
        var chainRedactions = new Queue<(long ChainSeq, string? Prev, string Hash, Guid Run, Guid Authorization)>(await ReadChainRedactionsAsync(table.Table, cancellationToken));
        EntryCheck? open = null;

        await using (var command = new NpgsqlCommand(table.RowsSql, _connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Read();
                var rowName = reader.GetString(4);
                var text = LogText.Row(reader, LoggedTable.RowsSqlFirstColumn);
                if (reader.IsDBNull(0))
                {
                    if (reader.IsDBNull(1))
                    {
                        Find(LogFindings.RowOutsideLog, $"{table.Table}: {rowName}", "the row belongs to no log entry and to no chain-v1 link: it was written with the log's triggers disabled");
                        continue;
                    }
                    var chainSeq = reader.GetInt64(1);
                    while (chainRedactions.Count > 0 && chainRedactions.Peek().ChainSeq < chainSeq) StepRedactedLink(chain, chainRedactions.Dequeue(), authorizations);
                    var recomputed = ChainHashing.Link(chainSeq.ToString(CultureInfo.InvariantCulture) + "\t" + text, reader.IsDBNull(2) ? null : reader.GetString(2));
                    chain.Step(rowName, reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), recomputed);
                    continue;
                }
                var entrySeq = reader.GetInt64(0);
                if (open?.Entry.EntrySeq != entrySeq)
                {
                    open?.Close(this);
                    open = null;
                    if (!bySeq.TryGetValue(entrySeq, out var entry))
                    {
                        Find(LogFindings.RowOutsideLog, $"{table.Table}: {rowName}", $"the row names entry {entrySeq}, which is not an entry of {table.Table}");
                        continue;
                    }
                    visited.Add(entrySeq);
                    open = new EntryCheck(entry, tableRedactions.GetValueOrDefault(entrySeq), authorizations);
                }
                open.Add(this, table == LoggedTable.Lifecycle ? reader.GetInt64(LoggedTable.RowsSqlFirstColumn) : 0, text);
            }
        }
        open?.Close(this);
        while (chainRedactions.Count > 0) StepRedactedLink(chain, chainRedactions.Dequeue(), authorizations);
        if (chain.Break is { } broken) Find(LogFindings.FrozenChainBroken, $"{broken.Chain}: {broken.RowKey}", broken.Problem, broken.Expected, broken.Found);
        _frozenHeads.Add(chain.Head);

        foreach (var entry in bySeq.Values.Where(e => !visited.Contains(e.EntrySeq)))
        {
            // Every row of the entry is gone: it verifies only if a governed revert kept every one of them.
            var check = new EntryCheck(entry, tableRedactions.GetValueOrDefault(entry.EntrySeq), authorizations);
            check.Close(this);
        }
    }

    private static void StepRedactedLink(ChainWalk chain, (long ChainSeq, string? Prev, string Hash, Guid Run, Guid Authorization) link, Dictionary<Guid, Guid> authorizations)
    {
        var authorized = authorizations.TryGetValue(link.Authorization, out var run) && run == link.Run;
        chain.Step($"redacted chain_seq {link.ChainSeq} (run {link.Run}, revert authorization {link.Authorization})", link.Prev, link.Hash, authorized ? link.Hash : null);
    }

    /// <summary>The rows of one entry as they stream by, merged with the rows a governed revert removed from it.</summary>
    private sealed class EntryCheck(LogEntry entry, List<(long Key, string Text, Guid Run, Guid Authorization)>? redacted, Dictionary<Guid, Guid> authorizations)
    {
        private readonly LogHashing.Leaf _leaf = new(entry.Table, entry.EntrySeq, entry.RowCount);
        private int _nextRedacted;
        private long _rows;

        public LogEntry Entry => entry;

        public void Add(TransparencyLogWalk walk, long key, string text)
        {
            while (redacted is not null && _nextRedacted < redacted.Count && redacted[_nextRedacted].Key < key) AddRedacted(walk);
            _leaf.Append(text);
            _rows++;
        }

        private void AddRedacted(TransparencyLogWalk walk)
        {
            var row = redacted![_nextRedacted++];
            if (!(authorizations.TryGetValue(row.Authorization, out var run) && run == row.Run))
            {
                walk.Find(LogFindings.RedactionUnauthorized, $"{entry.Where}: redacted log_id {row.Key}",
                    $"names revert authorization {row.Authorization}, which is not an authorization of run {row.Run}");
            }
            _leaf.Append(row.Text);
            _rows++;
        }

        public void Close(TransparencyLogWalk walk)
        {
            while (redacted is not null && _nextRedacted < redacted.Count) AddRedacted(walk);
            var leaf = _leaf.Finish();
            _leaf.Dispose();
            var counts = $"{entry.RowCount} rows listed, {_rows} found";
            if (_rows < entry.RowCount)
            {
                walk.Find(LogFindings.RowsDeleted, entry.Where, $"{counts}: rows were deleted outside a governed revert", entry.LeafHash, leaf);
            }
            else if (_rows > entry.RowCount)
            {
                walk.Find(LogFindings.RowOutsideLog, entry.Where, $"{counts}: rows were added to the entry outside the log", entry.LeafHash, leaf);
            }
            else if (!string.Equals(leaf, entry.LeafHash, StringComparison.Ordinal))
            {
                walk.Find(LogFindings.RowAltered, entry.Where, "the entry's rows no longer hash to its leaf: a row was edited", entry.LeafHash, leaf);
            }
        }
    }

    /// <summary>Run rows and redactions: each entry's images hash to its leaf, and each current row is its key's newest image.</summary>
    private async Task WalkImagedAsync(LoggedTable table, List<LogEntry> entries, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<string, (string Image, LogEntry Entry)>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Table == table.Table))
        {
            var images = entry.RowImages ?? "";
            var leaf = LogHashing.LeafOfImages(entry.Table, entry.EntrySeq, entry.RowCount, images);
            if (!string.Equals(leaf, entry.LeafHash, StringComparison.Ordinal))
            {
                Find(LogFindings.RowAltered, entry.Where, "the entry's row images no longer hash to its leaf", entry.LeafHash, leaf);
            }
            foreach (var line in LogHashing.ImageLines(images)) newest[ImageKey(table, line)] = (line, entry);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // run_kind exists from 0011 on: a store before it has no such rows (and a log entry of a missing table is a deleted row below).
        if (await TableExistsAsync(table, cancellationToken))
        {
            await ReadImagedRowsAsync(table, newest, seen, cancellationToken);
        }
        foreach (var (key, logged) in newest.Where(n => !seen.Contains(n.Key)))
        {
            Find(LogFindings.RowsDeleted, $"{table.Table}: {key}", $"the row logged in {logged.Entry.Where} is gone");
        }
    }

    private async Task<bool> TableExistsAsync(LoggedTable table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", _connection);
        command.Parameters.AddWithValue("table", table.Table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ReadImagedRowsAsync(LoggedTable table, Dictionary<string, (string Image, LogEntry Entry)> newest, HashSet<string> seen, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(table.ImagedRowsSql, _connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Read();
                var text = LogText.Row(reader, 1);
                var key = ImageKey(table, text);
                seen.Add(key);
                if (!newest.TryGetValue(key, out var logged))
                {
                    Find(LogFindings.RowOutsideLog, $"{table.Table}: {reader.GetString(0)}", "the row is in no log entry: it was written with the log's triggers disabled");
                }
                else if (!string.Equals(logged.Image, text, StringComparison.Ordinal))
                {
                    Find(LogFindings.RowAltered, $"{table.Table}: {reader.GetString(0)}", $"the row differs from its newest image in {logged.Entry.Where}", logged.Image, text);
                }
            }
        }
    }

    private static string ImageKey(LoggedTable table, string line) => string.Join('\t', line.Split('\t').Take(table.ImageKeyFields));

    /// <summary>Entry 1 pins the chain-v1 prefix: each chain's head as it was at migration must still be the head of its frozen chain.</summary>
    private void CheckGenesis(List<LogEntry> entries)
    {
        var genesis = entries.FirstOrDefault(e => e.Operation == "genesis");
        if (genesis is null)
        {
            if (entries.Count > 0) Find(LogFindings.RootBroken, entries[0].Where, "the log does not start with the genesis entry that pins the chain-v1 prefix");
            return;
        }
        var images = genesis.RowImages ?? "";
        var leaf = LogHashing.LeafOfImages(genesis.Table, genesis.EntrySeq, genesis.RowCount, images);
        if (!string.Equals(leaf, genesis.LeafHash, StringComparison.Ordinal))
        {
            Find(LogFindings.FrozenChainBroken, genesis.Where, "the pinned chain-v1 heads no longer hash to the genesis leaf", genesis.LeafHash, leaf);
        }
        foreach (var line in LogHashing.ImageLines(images))
        {
            var fields = line.Split('\t');
            if (fields.Length != 3) continue;
            var pinned = fields[2] == "\\N" ? null : fields[2];
            var head = _frozenHeads.FirstOrDefault(h => h.Chain == fields[0]);
            if (head is not null && !string.Equals(head.Head, pinned, StringComparison.Ordinal))
            {
                Find(LogFindings.FrozenChainBroken, $"{fields[0]} (chain-v1)", "the frozen chain no longer ends in the head the genesis entry pinned", pinned, head.Head);
            }
        }
    }
}
