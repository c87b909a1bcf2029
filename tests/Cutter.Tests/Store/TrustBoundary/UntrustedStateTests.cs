using Cutter.Domain;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>state.json is untrusted input: a resume checks it against the store's run row and decisions first.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UntrustedStateTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("\"mode\": \"Live\"", "\"mode\": \"Simulate\"", "mode is simulate in state.json, live in the store")]
    [InlineData("\"candidate_count\": ", "\"candidate_count\": 1", "candidate_count is 1")]
    public async Task A_state_json_edited_at_SG_2_stops_the_resume_with_state_mismatch_naming_the_field(string field, string edited, string finding)
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var atSg2 = await harness.RunToSg2Async();
        var runId = RunId.Parse(atSg2.RunId);
        var sg2 = await harness.ApproveAsync(atSg2.Gates[Cutter.Governance.Approvals.ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        var path = harness.Services.Sidecar.StatePath(runId);
        var text = await File.ReadAllTextAsync(path);
        var at = text.IndexOf(field, StringComparison.Ordinal);
        Assert.True(at >= 0, $"state.json has no {field}");
        var end = text.IndexOfAny([',', '\n'], at + field.Length);
        await File.WriteAllTextAsync(path, text[..at] + edited + text[end..]);
        var hashes = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(runId, sg2));

        Assert.Equal(StopCodes.StateMismatch, stop.Code);
        Assert.StartsWith("state.json disagrees with the store: " + finding, stop.Detail, StringComparison.Ordinal);
        Assert.Equal(hashes, await harness.TableHashesAsync());
    }
}
