using System.Globalization;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.Reports;
using Cutter.Store.Audit;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// Holds the recomputed log against the signed statements kept outside the store (docs/audit.md): every checkpoint
/// in the sidecar and the KB must verify against allowed_signers, agree with the log at its tree size (a rewrite or a
/// cut fails here), and be kept in both places; the newest must cover the log's head (an append after it through the
/// normal insert path fails here); every closeout doc must carry a valid runner signature.
/// </summary>
internal static class CheckpointAudit
{
    public static async Task<IReadOnlyList<LogFinding>> CheckAsync(LogWalkResult log, CheckpointStore checkpoints, IKnowledgeBase kb,
        AllowedSigners allowedSigners, CancellationToken cancellationToken)
    {
        var (findings, covered) = await CheckCheckpointsAsync(log, checkpoints, allowedSigners, cancellationToken);

        // Entry 1 (genesis) is written by the migration, before any runner could sign: a log of it alone needs no checkpoint.
        var needed = log.Entries.Count(e => e.Operation != "genesis") == 0 ? 0 : log.TreeSize;
        if (needed > covered)
        {
            var uncovered = log.Entries.Skip((int)covered).ToList();
            findings.Add(new LogFinding(LogFindings.TailUncovered, $"entries at tree sizes {covered + 1}..{log.TreeSize}",
                covered == 0 ? "no signed checkpoint covers the log" : $"the newest signed checkpoint covers tree size {covered}; the entries after it ("
                + string.Join(", ", uncovered.GroupBy(e => e.Table).Select(g => $"{g.Key}: {g.Sum(e => e.RowCount)} rows")) + ") were appended after it",
                covered == 0 ? null : log.RootAt(covered), log.Root));
        }
        await CheckCloseoutsAsync(kb, allowedSigners, findings, cancellationToken);
        return findings;
    }

    /// <summary>
    /// Every checkpoint in the sidecar and the KB: signed by an allowed key, consistent with the log at its tree size,
    /// kept in both places. Returns the findings and the largest tree size a valid checkpoint covers (0 when none).
    /// </summary>
    public static async Task<(List<LogFinding> Findings, long Covered)> CheckCheckpointsAsync(LogWalkResult log, CheckpointStore checkpoints,
        AllowedSigners allowedSigners, CancellationToken cancellationToken)
    {
        var findings = new List<LogFinding>();
        var sidecar = checkpoints.ReadSidecar();
        var inKb = await checkpoints.ReadKbAsync(cancellationToken);
        long covered = 0;
        foreach (var kept in sidecar.Concat(inKb))
        {
            if (Check(kept, log, allowedSigners, findings) is { } size) covered = Math.Max(covered, size);
        }
        CompareCopies(sidecar, inKb, findings);
        return (findings, covered);
    }

    /// <summary>The finding for a closeout doc whose runner signature is missing or does not verify; null when it verifies.</summary>
    public static LogFinding? CloseoutSignatureFinding(KbDocument document, string where, AllowedSigners allowedSigners)
    {
        if (document.Signature is null) return new LogFinding(LogFindings.CloseoutSignature, where, "has no runner signature");
        try
        {
            SshSignatureVerifier.Verify(document.Raw, document.Signature, CheckpointWriter.CloseoutNamespace, allowedSigners);
            return null;
        }
        catch (SignatureVerificationException ex)
        {
            return new LogFinding(LogFindings.CloseoutSignature, where, $"its signature does not verify: {ex.Message}");
        }
    }

    /// <summary>Returns the tree size a valid checkpoint covers, or null when it does not count.</summary>
    private static long? Check(SignedCheckpoint kept, LogWalkResult log, AllowedSigners allowedSigners, List<LogFinding> findings)
    {
        if (kept.Checkpoint is not { } checkpoint)
        {
            findings.Add(new LogFinding(LogFindings.CheckpointSignature, kept.Source, $"not a readable checkpoint: {kept.ParseError}"));
            return null;
        }
        if (kept.Signature is null)
        {
            findings.Add(new LogFinding(LogFindings.CheckpointSignature, kept.Source, "has no signature"));
            return null;
        }
        try
        {
            SshSignatureVerifier.Verify(kept.Raw, kept.Signature, LogCheckpoint.SignatureNamespace, allowedSigners);
        }
        catch (SignatureVerificationException ex)
        {
            findings.Add(new LogFinding(LogFindings.CheckpointSignature, kept.Source, $"its signature does not verify: {ex.Message}"));
            return null;
        }
        var where = $"{kept.Source} (run {checkpoint.RunId}, {checkpoint.Event}, tree size {checkpoint.TreeSize.ToString(CultureInfo.InvariantCulture)})";
        var root = log.RootAt(checkpoint.TreeSize);
        if (root is null)
        {
            findings.Add(new LogFinding(LogFindings.CheckpointInconsistent, where,
                $"the log now has {log.TreeSize} entries, fewer than the checkpoint signed: entries were removed", checkpoint.Root, null));
        }
        else if (!string.Equals(root, checkpoint.Root, StringComparison.Ordinal))
        {
            findings.Add(new LogFinding(LogFindings.CheckpointInconsistent, where,
                "the log recomputed to this tree size does not end in the signed root: history before it was rewritten", checkpoint.Root, root));
        }
        else
        {
            var counts = log.CountsAt(checkpoint.TreeSize);
            var signed = string.Join(",", checkpoint.Counts.Select(c => $"{c.Key}={c.Value}"));
            var now = string.Join(",", counts.Select(c => $"{c.Key}={c.Value}"));
            if (signed != now)
            {
                findings.Add(new LogFinding(LogFindings.CheckpointInconsistent, where, "the rows per table the checkpoint signed differ from the log's", signed, now));
            }
        }
        return checkpoint.TreeSize;
    }

    private static void CompareCopies(IReadOnlyList<SignedCheckpoint> sidecar, IReadOnlyList<SignedCheckpoint> inKb, List<LogFinding> findings)
    {
        var kbBytes = inKb.Select(c => Convert.ToHexString(c.Raw)).ToHashSet(StringComparer.Ordinal);
        var sidecarBytes = sidecar.Select(c => Convert.ToHexString(c.Raw)).ToHashSet(StringComparer.Ordinal);
        foreach (var kept in sidecar.Where(c => !kbBytes.Contains(Convert.ToHexString(c.Raw))))
        {
            findings.Add(new LogFinding(LogFindings.CheckpointCopiesDiffer, kept.Source, "the KB holds no copy of this checkpoint"));
        }
        foreach (var kept in inKb.Where(c => !sidecarBytes.Contains(Convert.ToHexString(c.Raw))))
        {
            findings.Add(new LogFinding(LogFindings.CheckpointCopiesDiffer, kept.Source, "the sidecar holds no copy of this checkpoint"));
        }
    }

    private static async Task CheckCloseoutsAsync(IKnowledgeBase kb, AllowedSigners allowedSigners, List<LogFinding> findings, CancellationToken cancellationToken)
    {
        foreach (var id in await kb.ListAsync(cancellationToken))
        {
            var document = await kb.GetAsync(id, cancellationToken);
            if (!document.FrontMatter.TryGetValue("kind", out var kind) || kind != RunDocuments.CloseoutKind) continue;
            var where = $"closeout doc {id}" + (document.FrontMatter.TryGetValue("run_id", out var run) ? $" (run {run})" : "");
            if (CloseoutSignatureFinding(document, where, allowedSigners) is { } finding) findings.Add(finding);
        }
    }
}
