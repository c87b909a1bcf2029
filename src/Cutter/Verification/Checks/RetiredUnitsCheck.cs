namespace Cutter.Verification.Checks;

/// <summary>
/// Every unit the amendment removed or moved away is retired by this run (state retired, retired_run_id the run) with
/// its enacted -> retired lifecycle row, never deleted, and the run retired nothing else.
/// </summary>
internal sealed class RetiredUnitsCheck : IVerificationCheck
{
    public string Name => VerificationChecks.RetiredUnits;
    public string Proves => "removed and moved-away units are retired by the run, each with its lifecycle row, and nothing else is";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var audit = await AmendmentAudit.ReadAsync(context, cancellationToken);
        var retired = audit.Diff.Changes.Count(change => change.Operation is Cutting.Amendments.AmendmentOperation.Removed or Cutting.Amendments.AmendmentOperation.Moved);
        var findings = audit.RetireFindings();
        return CheckResult.Of(Name, $"{retired} units retired by the run (removed, and moved away), each with an enacted -> retired lifecycle row",
            findings.Count == 0 ? $"{retired} units retired by the run, each with its lifecycle row" : string.Join("; ", findings), findings.Count == 0);
    }
}
