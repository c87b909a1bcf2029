namespace Cutter.Store.Audit;

/// <summary>One row of cutter_governance.log_entry as stored, plus the root the verifier recomputed for it.</summary>
internal sealed record LogEntry(long EntrySeq, long TreeSize, string Table, string Operation, long RowCount,
    string? FirstKey, string? LastKey, string? RowImages, string LeafHash, string RootHash)
{
    /// <summary>The run all the entry's rows belong to, as the entry records it (null when they span runs or have none).</summary>
    public Guid? RunId { get; init; }

    public string RecomputedRoot { get; set; } = "";

    public string Where => $"entry {EntrySeq} (tree size {TreeSize}, {Table}, {RowCount} rows"
        + (FirstKey is null ? ")" : FirstKey == LastKey ? $", key {FirstKey})" : $", keys {FirstKey}..{LastKey})");

    public const string Sql = """
        SELECT entry_seq, tree_size, table_name, operation, row_count, first_key, last_key, row_images, leaf_hash, root_hash, run_id
        FROM cutter_governance.log_entry ORDER BY tree_size
        """;
}
