using System.Text.Json;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Xunit;

namespace Cutter.Tests.Orchestration.State;

/// <summary>
/// The names state.json, the run table and approval docs carry are exactly the ones docs/state-json.md lists: renaming
/// an enum member never changes them, and every member has one.
/// </summary>
public sealed class StateWireNamesTests
{
    [Fact]
    public void Every_run_status_has_its_documented_name() => Assert.Equal(
        ["running", "awaiting_SG_1", "awaiting_SG_2", "stopped", "dry_run_complete", "simulated", "closeout_reported", "compensated", "reverted"],
        WireNames<RunStatus>.All);

    [Fact]
    public void Every_phase_result_has_its_documented_name() =>
        Assert.Equal(["pending", "running", "passed", "stopped", "skipped"], WireNames<PhaseResult>.All);

    [Fact]
    public void Every_mode_is_its_member_name() => Assert.Equal(["DryRun", "Simulate", "Live"], WireNames<RunMode>.All);

    [Fact]
    public void Every_gate_has_its_documented_name() =>
        Assert.Equal(["SG_1_cut_authz", "SG_2_lifecycle_authz", "SG_3_escalation_authz"], WireNames<ApprovalGate>.All);

    [Fact]
    public void A_gate_is_written_by_its_name_as_a_value_and_as_a_map_key()
    {
        var gates = new Dictionary<ApprovalGate, GateRecord> { [ApprovalGate.Sg2LifecycleAuthz] = new() { Gate = ApprovalGate.Sg2LifecycleAuthz } };

        var json = JsonSerializer.Serialize(gates, SidecarStore.Json);

        Assert.Equal("{\n  \"SG_2_lifecycle_authz\": {\n    \"gate\": \"SG_2_lifecycle_authz\"\n  }\n}", json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_name_that_is_not_a_string_is_refused_naming_the_type()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RunStatus>("3", SidecarStore.Json));

        Assert.Equal("expected a RunStatus name as a string, found Number", error.Message);
    }
}
