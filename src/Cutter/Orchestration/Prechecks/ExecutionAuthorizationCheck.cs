namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The execution authorization (the signed, run-scoped, time-limited ruling that lets phase 6 flip the execution
/// flag). At preflight of a new run there is no run id for a ruling to be scoped to, so the binding check happens at
/// phase 6; this line says so as not applicable (nothing here could fail, so it is never counted as passed), unless
/// the governance engine (plugged in as <c>inspect</c>) already has a verdict, e.g. the configured ruling file is
/// missing or its signature is bad.
/// </summary>
internal sealed class ExecutionAuthorizationCheck(Func<PrecheckContext, CancellationToken, Task<AuthorizationFinding?>>? inspect = null) : IPrecheck
{
    public const string CheckName = "execution_authorization";
    public const string DeferredReason = "checked at phase 6 against the run's ruling";

    public string Name => CheckName;

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var finding = inspect is null ? null : await inspect(context, cancellationToken);
        return finding switch
        {
            null => PrecheckResult.NotApplicable(Name, DeferredReason),
            { Valid: true } => PrecheckResult.Pass(Name, finding.Reason),
            _ => PrecheckResult.Fail(Name, finding.Reason) with { StopCode = Domain.StopCodes.RulingInvalid },
        };
    }
}
