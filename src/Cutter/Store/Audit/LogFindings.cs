namespace Cutter.Store.Audit;

/// <summary>The names of the log's findings (docs/audit.md says what each means and what it cannot see).</summary>
internal static class LogFindings
{
    /// <summary>A row's text no longer hashes to its entry's leaf: a row of the entry was edited (or added to it).</summary>
    public const string RowAltered = "log_row_altered";

    /// <summary>An entry lists more rows than the table holds for it, outside a governed revert: rows were deleted.</summary>
    public const string RowsDeleted = "log_rows_deleted";

    /// <summary>A row no entry covers (written with the log's triggers disabled), or that names an entry of another table.</summary>
    public const string RowOutsideLog = "log_row_outside_log";

    /// <summary>An entry's root does not follow from the previous root and its leaf, or the tree sizes do not count 1, 2, 3…</summary>
    public const string RootBroken = "log_root_broken";

    /// <summary>A redacted row names no revert authorization of its run.</summary>
    public const string RedactionUnauthorized = "log_redaction_unauthorized";

    /// <summary>The frozen chain-v1 prefix (rows written before 0010) no longer links, or no longer ends in the heads entry 1 pinned.</summary>
    public const string FrozenChainBroken = "log_frozen_chain_broken";

    /// <summary>A signed checkpoint's root is not the root the log now has at that tree size: history was rewritten or cut.</summary>
    public const string CheckpointInconsistent = "checkpoint_inconsistent";

    /// <summary>The log has entries beyond the newest signed checkpoint: rows appended after the last signed state.</summary>
    public const string TailUncovered = "log_tail_uncovered";

    /// <summary>A checkpoint whose signature does not verify against allowed_signers (edited, or signed by a key not allowed).</summary>
    public const string CheckpointSignature = "checkpoint_signature_invalid";

    /// <summary>A closeout doc without a valid runner signature (edited after signing, or signed by a key not allowed).</summary>
    public const string CloseoutSignature = "closeout_signature_invalid";

    /// <summary>A checkpoint kept in one place (sidecar or KB) is missing or different in the other.</summary>
    public const string CheckpointCopiesDiffer = "checkpoint_copies_differ";
}
