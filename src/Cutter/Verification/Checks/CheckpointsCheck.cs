using System.Globalization;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Audit;
using Cutter.Store.Audit;

namespace Cutter.Verification.Checks;

/// <summary>
/// The signed statements kept outside the store hold the log the walk recomputed (docs/audit.md, "Checkpoints"):
/// every checkpoint in the sidecar and the KB verifies against allowed_signers (namespace <c>cutter-checkpoint</c>),
/// the log recomputed to its tree size ends in its root with its row counts (a rewrite, a re-link or a cut of history
/// fails here), both places hold the same checkpoints, a valid checkpoint covers the run's newest entry (rows appended
/// to the run afterwards, even through the normal insert path, fail here), and the run's closeout doc carries a valid
/// runner signature (namespace <c>cutter-closeout</c>). The findings are named as <c>cutter audit verify</c> names them.
/// </summary>
internal sealed class CheckpointsCheck : IVerificationCheck
{
    public string Name => VerificationChecks.Checkpoints;
    public string Proves => "the log still agrees with every checkpoint the runner signed, and a signed checkpoint covers the whole run";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        const string expected = "every checkpoint (sidecar and KB) signed by an allowed runner key, consistent with the recomputed log at its tree size, "
            + "kept in both places; the newest covers the run's last entry; the run's closeout doc signed by an allowed runner key";
        if (string.IsNullOrWhiteSpace(context.Settings.AllowedSignersFile))
        {
            return CheckResult.Of(Name, expected, "orchestrator.allowed_signers_file is not configured: no checkpoint can be verified", false);
        }
        if (context.Log is not { } log) return CheckResult.Of(Name, expected, "the transparency log could not be walked (see audit_chains_intact)", false);

        var signers = AllowedSigners.Load(context.Settings.AllowedSignersFile);
        var store = new CheckpointStore(context.Sidecar.Root, context.Kb);
        var (findings, covered) = await CheckpointAudit.CheckCheckpointsAsync(log, store, signers, cancellationToken);
        var problems = findings.Select(f => f.ToString()).ToList();

        var runLast = log.Entries.Where(e => e.RunId == context.RunId.Value).Select(e => e.TreeSize).DefaultIfEmpty(0).Max();
        if (runLast == 0) problems.Add($"the log holds no entry of run {context.RunId}");
        else if (runLast > covered)
        {
            problems.Add($"{LogFindings.TailUncovered}: run {context.RunId}'s entries reach tree size {runLast}, the newest valid checkpoint covers "
                + (covered == 0 ? "none" : covered.ToString(CultureInfo.InvariantCulture)));
        }

        var closeout = "";
        if (context.State.CloseoutKbId is not { } closeoutId) problems.Add("state.json names no closeout doc");
        else
        {
            var document = await context.Kb.GetAsync(KbDocId.Parse(closeoutId), cancellationToken);
            if (CheckpointAudit.CloseoutSignatureFinding(document, $"closeout doc {closeoutId}", signers) is { } finding) problems.Add(finding.ToString());
            closeout = $"closeout doc {closeoutId} signed";
        }

        var actual = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"{store.ReadSidecar().Count} checkpoint(s) verify and agree with the log; the newest covers tree size {covered} of {log.TreeSize}, the run's last entry is {runLast}; {closeout}")
            : string.Join("; ", problems);
        return CheckResult.Of(Name, expected, actual, problems.Count == 0);
    }
}
