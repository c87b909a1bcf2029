namespace Cutter.Verification.Checks;

/// <summary>
/// After the run (check <c>decisions_evidence_verifies</c>): every review decision the store holds for the run re-verifies
/// offline from its stored evidence (the approval's exact bytes and SSHSIG signature against allowed_signers, and the
/// binding of gate, run, decision id, signer, payload or state), and every deletion of the run's rows, and a reverted or
/// compensated end, rests on such an SG_3 decision (<see cref="Orchestration.Audit.EvidenceVerifier"/>). Each failure is
/// named. Without allowed_signers there is nothing to verify against, so the check fails rather than pass unseen.
/// </summary>
internal sealed class DecisionEvidenceCheck : IVerificationCheck
{
    public string Name => VerificationChecks.DecisionEvidence;
    public string Proves => "every decision of the run was signed by an allowed signer for exactly this gate, run and payload, and every deletion rests on one";

    public Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken) => Task.FromResult(context.Evidence switch
    {
        null when context.EvidenceError is { } error => CheckResult.Of(Name, "the run's decisions re-verified against allowed_signers", $"the decisions could not be read: {error}", false),
        null => CheckResult.Of(Name, "the run's decisions re-verified against allowed_signers", "not verified: no allowed_signers was given to the verifier", false),
        { Passed: true } evidence => CheckResult.Of(Name, "the run's decisions re-verified against allowed_signers", evidence.Summary, true),
        { } evidence => CheckResult.Of(Name, "the run's decisions re-verified against allowed_signers", string.Join("; ", evidence.Failures), false),
    });
}
