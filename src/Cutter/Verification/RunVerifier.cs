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
        VerifyAsync(state, verifyConnectionString, expectedGrantMatrixSha, VerifierSettings.None, kb, sidecar, time, allowedSigners: null, checks, cancellationToken);

    /// <summary>As above, with the schema pin (<c>orchestrator.expected_schema_sha</c> and its reviewed listing).</summary>
    /// <param name="allowedSigners">What the run's stored decisions are re-verified against (check <c>decisions_evidence_verifies</c>); without it that check fails.</param>
    internal static async Task<VerificationReport> VerifyAsync(
        RunState state,
        string verifyConnectionString,
        string expectedGrantMatrixSha,
        VerifierSettings verifierSettings,
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

        // One walk of the audit chains: the audit_chains_intact check judges it and the report signs its heads. A
        // damaged store (a dropped table or function, a revoked grant) is a failed check, never a crash.
        ChainReport chains;
        LogWalkResult? log = null;
        try
        {
            (log, var heads, var findings) = await ChainVerifier.WalkAsync(connection, sidecar.IndexPath, null, cancellationToken);
            chains = ChainVerifier.Report(heads, findings);
        }
        catch (Exception ex) when (IsStoreDamage(ex))
        {
            chains = new ChainReport([], new ChainBreak("audit chains", "(walk)", $"could not be walked: {ex.Message}", null, null));
        }
        // One read of the content tables, hashed in C#: the content checks judge it.
        Store.Scan.StoreScan? scan = null;
        string? scanError = null;
        try
        {
            scan = await Store.Scan.StoreScanReader.ReadAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (IsStoreDamage(ex))
        {
            scanError = ex.Message;
        }
        Orchestration.Audit.EvidenceReport? evidence = null;
        string? evidenceError = null;
        try
        {
            evidence = allowedSigners is null ? null
                : await Orchestration.Audit.EvidenceVerifier.VerifyAsync(connection, allowedSigners, cancellationToken, RunId.Parse(state.RunId));
        }
        catch (Exception ex) when (IsStoreDamage(ex))
        {
            evidenceError = ex.Message;
        }
        var context = new VerificationContext(state, connection, expectedGrantMatrixSha, kb, sidecar, chains)
        {
            Evidence = evidence,
            EvidenceError = evidenceError,
            Log = log,
            Settings = verifierSettings,
            Scan = scan,
            ScanError = scanError,
        };
        var results = new List<CheckResult>();
        foreach (var check in checks ?? VerificationChecks.For(state))
        {
            results.Add(await RunOneAsync(check, context, cancellationToken));
        }
        string liveGrantSha;
        try
        {
            liveGrantSha = (await GrantMatrix.ReadAsync(connection, cancellationToken)).Sha.ToString();
        }
        catch (Exception ex) when (IsStoreDamage(ex))
        {
            liveGrantSha = $"unreadable: {ex.Message}";
        }

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

    /// <summary>
    /// What a damaged store or sidecar throws: a missing table or function, a revoked grant, an absent row a read
    /// expected (<see cref="InvalidOperationException"/>, <see cref="InvalidCastException"/>), unreadable files.
    /// </summary>
    private static bool IsStoreDamage(Exception ex) =>
        ex is NpgsqlException or CutterException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException
            or InvalidOperationException or InvalidCastException or FormatException or KeyNotFoundException;

    private static Task<CheckResult> RunOneAsync(IVerificationCheck check, VerificationContext context, CancellationToken cancellationToken) =>
        CheckRun.RunAsync(check, context,
            IsStoreDamage,
            ex => new CheckResult(check.Name, check.Proves, $"the check could not run: {ex.Message}", CheckVerdict.Fail),
            cancellationToken);
}
