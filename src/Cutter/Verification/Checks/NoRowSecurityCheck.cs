using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// No governed table has row-level security enabled, forced or carrying a policy. Every other check reads through the
/// verify lane; a policy could hide rows from it (a review decision, a lifecycle row) and leave every count agreeing.
/// The schema pin sees a policy too; this check names it even when no pin is configured.
/// </summary>
internal sealed class NoRowSecurityCheck : IVerificationCheck
{
    public string Name => VerificationChecks.NoRowSecurity;
    public string Proves => "no row of a governed table is hidden from the verify lane by a row-level-security policy";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var findings = await RowSecurity.ReadAsync(context.VerifyConnection, cancellationToken);
        return CheckResult.Of(Name, "no governed table with row security enabled, forced or a policy",
            findings.Count == 0 ? "none" : string.Join("; ", findings), findings.Count == 0);
    }
}
