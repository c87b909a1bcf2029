using Cutter.Domain;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Tests.Support;
using Cutter.Governance.Approvals;
using Xunit;

namespace Cutter.Tests.Orchestration;

[Collection(PostgresCollection.Name)]
public sealed class LiveRunTests(PostgresFixture postgres)
{
    private const int TargetUnits = 51; // KB-2186 (ICX-CHARTER-2026) cuts to 51 units

    [Fact]
    public async Task A_live_run_passes_both_gates_and_ends_closeout_reported_with_exact_rows()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres, proveRestore: true);

        var paused = await harness.CutTargetAsync();
        Assert.Equal(RunStatus.AwaitingSg1, paused.Status);
        Assert.Equal(TargetUnits, paused.CandidateCount);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.run"));

        var atSg2 = await harness.RunToSg2AsyncFrom(paused);
        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag"));

        var sg2 = await harness.ApproveAsync(atSg2.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        var done = await harness.Runner.ResumeAsync(RunId.Parse(atSg2.RunId), sg2);

        Assert.Equal(RunStatus.CloseoutReported, done.Status);
        Assert.Equal(RunStatus.CloseoutReported, done.FinalState);
        Assert.All(done.Phases, p => Assert.Equal(PhaseResult.Passed, p.Result));
        var run = done.RunId;
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{run}' AND lifecycle_state = 'enacted'"));
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.unit_version WHERE run_id = '{run}'"));
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{run}'"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.review_decision WHERE run_id = '{run}'"));
        Assert.Equal(11L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = '{run}'"));
        Assert.Equal("closeout_reported", await Sql.ScalarAsync<string>(harness.Owner, $"SELECT state FROM cutter_governance.run WHERE run_id = '{run}'"));
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag"));
        Assert.Equal(60L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_core.information_unit u JOIN cutter_core.document d USING (document_id) WHERE d.code = 'ICX-CONST'"));
        Assert.NotNull(done.CloseoutKbId);
        Assert.True(done.Backup!.RestoreProven);
        Assert.Equal(["started", "paused", "resumed", "paused", "resumed", "finished"],
            harness.Services.Sidecar.ReadIndex().Where(e => e.RunId == run).Select(e => e.Event).ToArray());
    }

    [Fact]
    public async Task A_dry_run_runs_phases_1_to_4_and_leaves_the_store_byte_identical()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var before = await harness.TableHashesAsync();

        var state = await harness.CutTargetAsync(RunMode.DryRun);

        Assert.Equal(RunStatus.DryRunComplete, state.Status);
        Assert.Equal([PhaseResult.Passed, PhaseResult.Passed, PhaseResult.Passed, PhaseResult.Passed, PhaseResult.Skipped, PhaseResult.Skipped, PhaseResult.Skipped, PhaseResult.Skipped, PhaseResult.Skipped, PhaseResult.Skipped, PhaseResult.Skipped], state.Phases.Select(p => p.Result).ToArray());
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_simulation_runs_every_phase_reports_what_live_would_write_and_leaves_the_store_byte_identical()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var before = await harness.TableHashesAsync();

        var state = await harness.CutTargetAsync(RunMode.Simulate);

        Assert.Equal(RunStatus.Simulated, state.Status);
        Assert.All(state.Phases, p => Assert.Equal(PhaseResult.Passed, p.Result));
        Assert.Equal(new SimulationRecord(TargetUnits, TargetUnits, TargetUnits, 2), state.Simulation);
        Assert.Equal(before, await harness.TableHashesAsync());
    }
}
