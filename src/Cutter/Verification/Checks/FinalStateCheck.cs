using Cutter.Orchestration.State;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary><c>final_state == closeout_reported</c> in state.json, and the run table says the same.</summary>
internal sealed class FinalStateCheck : IVerificationCheck
{
    public string Name => VerificationChecks.FinalState;
    public string Proves => "the run finished through closeout, by its own record and by the database's";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var want = RunStatus.CloseoutReported.WireName();
        var run = await VerificationReads.ReadRunAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        var fromState = context.State.FinalState?.WireName() ?? "(none)";
        var fromStore = run?.State ?? "(no run row)";
        return CheckResult.Of(Name, $"state.json final_state {want}; run table state {want}",
            $"state.json final_state {fromState}; run table state {fromStore}", fromState == want && fromStore == want);
    }
}
