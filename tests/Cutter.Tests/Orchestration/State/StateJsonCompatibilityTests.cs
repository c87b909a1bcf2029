using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Orchestration.State;

/// <summary>
/// The typed run state reads the state.json files written while status, mode, phase result and gate were strings
/// (Corpus/StateJson, written by that code) and writes them back byte for byte; an unknown name is refused, naming it.
/// </summary>
public sealed class StateJsonCompatibilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("live-stopped-at-phase-10.json")]
    [InlineData("dry-run-complete.json")]
    [InlineData("simulate-with-sg3-request.json")]
    public void A_state_file_written_before_typed_state_is_written_back_byte_for_byte(string fixture)
    {
        var original = File.ReadAllBytes(FixturePath(fixture));
        var (sidecar, runId) = Place(original);

        var state = sidecar.Load(runId);
        var rewritten = new SidecarStore(Path.Combine(_folder.Path, "rewritten"));
        rewritten.Save(state);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(original), File.ReadAllText(rewritten.StatePath(runId)));
    }

    [Fact]
    public void A_state_file_written_before_typed_state_reads_as_the_typed_values_it_names()
    {
        var (sidecar, runId) = Place(File.ReadAllBytes(FixturePath("live-stopped-at-phase-10.json")));

        var state = sidecar.Load(runId);

        Assert.Equal(RunMode.Live, state.Mode);
        Assert.Equal(RunStatus.Stopped, state.Status);
        Assert.Null(state.FinalState);
        Assert.Equal([.. Enumerable.Repeat(PhaseResult.Passed, 9), PhaseResult.Stopped, PhaseResult.Pending], state.Phases.Select(p => p.Result).ToArray());
        Assert.Equal([ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz], state.Gates.Keys.Order().ToArray());
        Assert.Equal(ApprovalGate.Sg2LifecycleAuthz, state.Gates[ApprovalGate.Sg2LifecycleAuthz].Gate);
        Assert.Equal("KB-1300", state.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId);
    }

    [Fact]
    public void Final_state_and_every_other_mode_and_result_read_back()
    {
        var (sidecar, runId) = Place(File.ReadAllBytes(FixturePath("simulate-with-sg3-request.json")));

        var state = sidecar.Load(runId);

        Assert.Equal(RunMode.Simulate, state.Mode);
        Assert.Equal(RunStatus.CloseoutReported, state.FinalState);
        Assert.Equal([PhaseResult.Passed, PhaseResult.Passed, PhaseResult.Running, .. Enumerable.Repeat(PhaseResult.Pending, 8)], state.Phases.Select(p => p.Result).ToArray());
        Assert.Equal(ApprovalGate.Sg3EscalationAuthz, state.Gates.Keys.Single());
    }

    [Theory]
    [InlineData("\"status\": \"stopped\"", "\"status\": \"paused\"", "'paused' is not a known RunStatus", "$.status")]
    [InlineData("\"mode\": \"Live\"", "\"mode\": \"live\"", "'live' is not a known RunMode", "$.mode")]
    [InlineData("\"result\": \"stopped\"", "\"result\": \"failed\"", "'failed' is not a known PhaseResult", "$.phases[9].result")]
    [InlineData("\"SG_2_lifecycle_authz\": {", "\"SG_9_other\": {", "'SG_9_other' is not a known ApprovalGate", "$.gates")]
    public void An_unknown_name_is_refused_with_the_field_and_the_value(string good, string bad, string because, string field)
    {
        var text = File.ReadAllText(FixturePath("live-stopped-at-phase-10.json"));
        Assert.Contains(good, text);
        var (sidecar, runId) = Place(System.Text.Encoding.UTF8.GetBytes(text.Replace(good, bad, StringComparison.Ordinal)));

        var error = Assert.Throws<CutterException>(() => sidecar.Load(runId));

        Assert.StartsWith($"{sidecar.StatePath(runId)} is not a valid state file: {because} (expected one of ", error.Message);
        Assert.Contains($"(at {field}", error.Message);
    }

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", "StateJson", name);

    /// <summary>Puts a state file where a sidecar root keeps it, under the run id it names.</summary>
    private (SidecarStore Sidecar, RunId RunId) Place(byte[] stateJson)
    {
        var runId = RunId.Parse(System.Text.Json.JsonDocument.Parse(stateJson).RootElement.GetProperty("run_id").GetString()!);
        var sidecar = new SidecarStore(Path.Combine(_folder.Path, "original"));
        Directory.CreateDirectory(sidecar.RunFolder(runId));
        File.WriteAllBytes(sidecar.StatePath(runId), stateJson);
        return (sidecar, runId);
    }
}
