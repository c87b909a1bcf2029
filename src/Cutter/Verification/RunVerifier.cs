using Cutter.Domain;
using Cutter.Domain.Checks;
using Cutter.Knowledge;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Verification;

/// <summary>
/// Runs every post-run check against one run and returns the report. It opens one connection, on the verify lane,
/// and refuses it if the login can write. A check that throws fails with the error as its actual value; the others still run.
/// </summary>
public static class RunVerifier
{
    public static Task<VerificationReport> VerifyAsync(
        RunState state,
        string verifyConnectionString,
        string expectedGrantMatrixSha,
        IKnowledgeBase kb,
        SidecarStore sidecar,
        TimeProvider time,
        IReadOnlyList<IVerificationCheck>? checks = null,
        CancellationToken cancellationToken = default) =>
        VerifyAsync(state, verifyConnectionString, expectedGrantMatrixSha, kb, sidecar, time, allowedSigners: null, checks, cancellationToken);

    /// <param name="allowedSigners">What the run's stored decisions are re-verified against (check <c>decisions_evidence_verifies</c>); without it that check fails.</param>
    internal static async Task<VerificationReport> VerifyAsync(
        RunState state,
        string verifyConnectionString,
        string expectedGrantMatrixSha,
        IKnowledgeBase kb,
        SidecarStore sidecar,
        TimeProvider time,
        Governance.Signatures.AllowedSigners? allowedSigners,
        IReadOnlyList<IVerificationCheck>? checks = null,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        await using var connection = new NpgsqlConnection(verifyConnectionString);
        await connection.OpenAsync(cancellationToken);
        var identity = await VerificationReads.ReadIdentityAsync(connection, cancellationToken);
        if (await VerificationReads.SessionCanWriteAsync(connection, cancellationToken))
        {
            throw new ReadOnlyLaneRequiredException(identity.CurrentUser);
        }

        // One walk of the audit chains: the audit_chains_intact check judges it and the report signs its heads.
        var chains = await ChainVerifier.VerifyAsync(connection, sidecar.IndexPath, cancellationToken);
        var evidence = allowedSigners is null ? null
            : await Orchestration.Audit.EvidenceVerifier.VerifyAsync(connection, allowedSigners, cancellationToken, RunId.Parse(state.RunId));
        var context = new VerificationContext(state, connection, expectedGrantMatrixSha, kb, sidecar, chains) { Evidence = evidence };
        var results = new List<CheckResult>();
        foreach (var check in checks ?? VerificationChecks.For(state))
        {
            results.Add(await RunOneAsync(check, context, cancellationToken));
        }
        var liveGrantSha = (await GrantMatrix.ReadAsync(connection, cancellationToken)).Sha.ToString();

        return new VerificationReport
        {
            RunId = state.RunId,
            Document = new ReportDocumentRef(state.Document.KbId, state.Document.Code, state.Document.Title, state.PayloadSha, state.CandidateCount),
            Database = identity,
            GrantMatrix = new ReportGrantMatrix(expectedGrantMatrixSha, liveGrantSha),
            Checks = results,
            Passed = results.All(r => r.Passed),
            Tool = ToolIdentity.Current,
            StartedUtc = started,
            FinishedUtc = time.GetUtcNow(),
            AuditChains = new ReportAuditChains(chains.Heads, chains.FirstBreak?.ToString()),
        };
    }

    private static Task<CheckResult> RunOneAsync(IVerificationCheck check, VerificationContext context, CancellationToken cancellationToken) =>
        CheckRun.RunAsync(check, context,
            ex => ex is NpgsqlException or CutterException or IOException or System.Text.Json.JsonException,
            ex => new CheckResult(check.Name, check.Proves, $"the check could not run: {ex.Message}", CheckVerdict.Fail),
            cancellationToken);
}
