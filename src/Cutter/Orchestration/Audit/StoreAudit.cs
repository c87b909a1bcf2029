using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// <c>cutter audit verify</c>'s whole check (docs/audit.md): the log recomputed from raw rows, the runs index, and
/// the signed checkpoints and closeout docs kept in the sidecar and the KB, against allowed_signers.
/// </summary>
internal static class StoreAudit
{
    public static async Task<AuditOutcome> RunAsync(OrchestratorSettings settings, NpgsqlConnection connection, IKnowledgeBase kb,
        Action<long>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.AllowedSignersFile))
        {
            throw new InvalidInputException("orchestrator.allowed_signers_file", "is not set: checkpoints cannot be verified without it");
        }
        if (string.IsNullOrWhiteSpace(settings.SidecarRoot))
        {
            throw new InvalidInputException("orchestrator.sidecar_root", "is not set: the sidecar's checkpoints and runs index cannot be read");
        }
        var signers = AllowedSigners.Load(settings.AllowedSignersFile);
        var (log, heads, findings) = await ChainVerifier.WalkAsync(connection, new SidecarStore(settings.SidecarRoot).IndexPath, progress, cancellationToken);
        findings.AddRange(await CheckpointAudit.CheckAsync(log, new CheckpointStore(settings.SidecarRoot, kb), kb, signers, cancellationToken));
        var evidence = await EvidenceVerifier.VerifyAsync(connection, signers, cancellationToken);
        return new AuditOutcome(heads, findings, evidence, log.RowsRead);
    }
}

/// <summary>
/// What <see cref="StoreAudit"/> found: the heads, every log finding by name, the re-verification of every stored
/// decision's evidence (docs/audit.md, "Trust boundary"), rows read. The store verifies when neither found anything.
/// </summary>
internal sealed record AuditOutcome(IReadOnlyList<ChainHead> Heads, IReadOnlyList<LogFinding> Findings, EvidenceReport Evidence, long RowsRead)
{
    public bool Verified => Findings.Count == 0 && Evidence.Passed;
}
