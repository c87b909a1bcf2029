using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.Reports.Html;
using Cutter.Orchestration.State;

namespace Cutter.Verification;

/// <summary>The result of verifying one run: the report and where its signed files were written.</summary>
internal sealed record VerificationOutcome(VerificationReport Report, VerificationArtifacts Artifacts);

/// <summary>
/// The whole post-run gate from configuration: load the run's state.json, verify it on the verify lane, and write the
/// next numbered signed report into the run's sidecar folder (earlier reports are kept and checked, never replaced),
/// and the run report page, now with the checks. `cutter verify`, `cutter rehearse` and the verification project all call this.
/// </summary>
internal static class RunVerification
{
    public static async Task<VerificationOutcome> VerifyAndWriteAsync(
        OrchestratorSettings settings,
        string verifyConnectionString,
        RunId runId,
        TimeProvider time,
        IKnowledgeBase? kb = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(settings.VerifierKey))
        {
            throw new InvalidInputException("orchestrator.verifier_key", "is not configured; the verification report must be signed by the verifier's key");
        }
        if (!File.Exists(settings.VerifierKey))
        {
            throw new InvalidInputException("orchestrator.verifier_key", $"'{settings.VerifierKey}' does not exist");
        }
        if (kb is null && string.IsNullOrWhiteSpace(settings.KbRoot)) throw new InvalidInputException("orchestrator.kb_root", "is not configured");
        var key = SshSigningKey.Load(settings.VerifierKey);
        var sidecar = new SidecarStore(settings.SidecarRoot);
        var state = sidecar.Load(runId);
        kb ??= new FolderKnowledgeBase(settings.KbRoot, settings.MaxDocumentBytes);

        var report = await RunVerifier.VerifyAsync(state, verifyConnectionString, settings.ExpectedGrantMatrixSha, VerifierSettings.From(settings), kb, sidecar, time,
            Governance.Signatures.AllowedSigners.Load(settings.AllowedSignersFile), cancellationToken: cancellationToken);
        var outcome = VerificationReportWriter.Write(report, state, sidecar.RunFolder(runId), key);
        await RunPages.WriteRunReportAsync(sidecar.RunFolder(runId), RunReportOf(state, report));
        return outcome;
    }

    /// <summary>The run report page's view of a verification: every check with expected and actual, and the heads it saw.</summary>
    internal static RunReportModel RunReportOf(RunState state, VerificationReport report) => new(
        state,
        report.AuditChains?.Heads ?? [],
        new RunReportVerification(report.Passed, report.FinishedUtc,
            report.Checks.Select(c => new RunReportCheck(c.Name, c.Expected, c.Actual, c.Passed)).ToList()));
}
