using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class ExecutionAuthorizationCheckTests
{
    private static readonly PrecheckContext Context = PrecheckContexts.For(new OrchestratorSettings());

    [Fact]
    public async Task Without_an_engine_verdict_the_check_is_deferred_to_phase_6_and_not_counted_as_passed()
    {
        var result = await new ExecutionAuthorizationCheck().RunAsync(Context, CancellationToken.None);

        Assert.Equal(PrecheckResult.NotApplicable(ExecutionAuthorizationCheck.CheckName, "checked at phase 6 against the run's ruling"), result);
    }

    [Fact]
    public async Task Engine_with_nothing_to_judge_defers_too()
    {
        var result = await new ExecutionAuthorizationCheck((_, _) => Task.FromResult<AuthorizationFinding?>(null)).RunAsync(Context, CancellationToken.None);

        Assert.Equal(ExecutionAuthorizationCheck.DeferredReason, result.Reason);
        Assert.Equal(PrecheckVerdict.NotApplicable, result.Verdict);
        Assert.Equal(Cutter.Domain.Checks.CheckOutcome.NotApplicable, result.Outcome);
    }

    [Fact]
    public async Task Engine_verdict_of_invalid_fails_with_its_reason()
    {
        var check = new ExecutionAuthorizationCheck((_, _) => Task.FromResult<AuthorizationFinding?>(new AuthorizationFinding(false, "ruling file /etc/cutter/ruling.md is missing")));

        var result = await check.RunAsync(Context, CancellationToken.None);

        Assert.Equal(PrecheckResult.Fail(ExecutionAuthorizationCheck.CheckName, "ruling file /etc/cutter/ruling.md is missing"), result with { StopCode = StopCodes.PrecheckFailed });
        Assert.Equal(StopCodes.RulingInvalid, result.StopCode);
    }

    [Fact]
    public async Task Engine_verdict_of_valid_passes_with_its_reason()
    {
        var check = new ExecutionAuthorizationCheck((_, _) => Task.FromResult<AuthorizationFinding?>(new AuthorizationFinding(true, "ruling signed by sovereign, valid 4 h more")));

        var result = await check.RunAsync(Context, CancellationToken.None);

        Assert.Equal(PrecheckResult.Pass(ExecutionAuthorizationCheck.CheckName, "ruling signed by sovereign, valid 4 h more"), result);
    }
}
