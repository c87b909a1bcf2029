using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class HostIdentityCheckTests
{
    private static Task<PrecheckResult> RunAsync(string expected, string actual) =>
        new HostIdentityCheck().RunAsync(PrecheckContexts.For(new OrchestratorSettings { ExpectedHost = expected }, hostName: actual), CancellationToken.None);

    [Theory]
    [InlineData("runner-7", "runner-7")]
    [InlineData("RUNNER-7", "runner-7")]
    [InlineData("runner-7", "runner-7.cluster.example")]
    [InlineData("runner-7.cluster.example", "Runner-7.Cluster.Example")]
    public async Task Matching_host_passes(string expected, string actual)
    {
        var result = await RunAsync(expected, actual);

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal($"host '{actual}' matches expected_host '{expected}'", result.Reason);
    }

    [Fact]
    public async Task Other_host_fails_naming_both()
    {
        var result = await RunAsync("runner-7", "laptop-3");

        Assert.Equal(new PrecheckResult(HostIdentityCheck.CheckName, PrecheckVerdict.Failed, "this machine is 'laptop-3', expected_host is 'runner-7'"), result);
    }

    [Fact]
    public async Task Qualified_expected_host_fails_on_a_short_machine_name_with_a_hint()
    {
        var result = await RunAsync("runner-7.cluster.example", "runner-7");

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("this machine is 'runner-7', expected_host is 'runner-7.cluster.example' (expected_host is fully qualified but this machine's host name is short)", result.Reason);
    }

    [Fact]
    public async Task Same_short_name_in_another_domain_fails()
    {
        var result = await RunAsync("runner-7.cluster.example", "runner-7.other.example");

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
    }

    [Fact]
    public async Task Missing_expected_host_fails()
    {
        var result = await RunAsync("", "runner-7");

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal("orchestrator.expected_host is not set", result.Reason);
    }

    [Fact]
    public void Machine_host_name_is_what_the_kernel_reports()
    {
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/hostname").Trim(), HostIdentityCheck.MachineHostName());
    }
}
