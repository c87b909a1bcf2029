using Cutter.Domain.Checks;
using Cutter.Orchestration.Prechecks;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Domain;

/// <summary>Prechecks and post-run verification checks are one abstraction: a named check with a shared outcome.</summary>
public class CheckAbstractionTests
{
    private static readonly Type[] CheckTypes = typeof(ICheck<,>).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICheck<,>)))
        .ToArray();

    [Fact]
    public void Both_suites_are_checks_of_the_one_abstraction()
    {
        Assert.Contains(typeof(ICheck<PrecheckContext, PrecheckResult>), typeof(IPrecheck).GetInterfaces());
        Assert.Contains(typeof(ICheck<VerificationContext, CheckResult>), typeof(IVerificationCheck).GetInterfaces());
        Assert.Contains(typeof(PreRunGrantMatrixCheck), CheckTypes);
        Assert.Contains(typeof(Cutter.Verification.Checks.PostRunGrantMatrixCheck), CheckTypes);
    }

    [Fact]
    public void No_two_check_classes_share_a_name()
    {
        var shared = CheckTypes.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();

        Assert.Empty(shared);
    }

    [Theory]
    [InlineData(PrecheckVerdict.Passed, CheckOutcome.Pass)]
    [InlineData(PrecheckVerdict.Failed, CheckOutcome.Fail)]
    [InlineData(PrecheckVerdict.Waived, CheckOutcome.NotApplicable)]
    public void A_precheck_verdict_maps_to_the_shared_outcome(PrecheckVerdict verdict, CheckOutcome outcome)
    {
        ICheckResult result = new PrecheckResult("host_identity", verdict, "why");

        Assert.Equal((outcome, "why"), (result.Outcome, result.Detail));
    }

    [Theory]
    [InlineData(CheckVerdict.Pass, CheckOutcome.Pass)]
    [InlineData(CheckVerdict.Fail, CheckOutcome.Fail)]
    public void A_verification_verdict_maps_to_the_shared_outcome(CheckVerdict verdict, CheckOutcome outcome)
    {
        ICheckResult result = new CheckResult("execution_flag_off", "false", "true", verdict);

        Assert.Equal((outcome, "expected false; found true"), (result.Outcome, result.Detail));
    }

    [Fact]
    public async Task A_check_that_throws_an_expected_error_becomes_its_failed_line()
    {
        var result = await CheckRun.RunAsync(new Throwing(new IOException("disk gone")), 0, ex => ex is IOException,
            ex => new PrecheckResult("throwing", PrecheckVerdict.Failed, $"could not run: {ex.Message}"), CancellationToken.None);

        Assert.Equal(new PrecheckResult("throwing", PrecheckVerdict.Failed, "could not run: disk gone"), result);
    }

    [Fact]
    public async Task An_unexpected_error_and_cancellation_propagate()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => CheckRun.RunAsync(new Throwing(new InvalidOperationException("bug")), 0,
            ex => ex is IOException, _ => PrecheckResult.Fail("throwing", "x"), CancellationToken.None));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => CheckRun.RunAsync(new Throwing(new OperationCanceledException(cancelled.Token)), 0,
            _ => true, _ => PrecheckResult.Fail("throwing", "x"), cancelled.Token));
    }

    private sealed class Throwing(Exception error) : ICheck<int, PrecheckResult>
    {
        public string Name => "throwing";

        public Task<PrecheckResult> RunAsync(int context, CancellationToken cancellationToken) => Task.FromException<PrecheckResult>(error);
    }
}
