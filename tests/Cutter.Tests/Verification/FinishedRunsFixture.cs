using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Orchestration;
using Cutter.Orchestration.Escalation;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// The store an auditor meets after some history (issue 16's tamper suite): three finished live runs of the
/// rehearsal target, the first two reverted under SG_3 so the next could run again. The log then holds three runs'
/// entries, two governed deletions and their redactions, and a signed checkpoint after every phase of each. Built
/// once (about 40 s); every test breaks its own copy (<see cref="RehearsedRunFixture.CopyAsync"/>: CREATE DATABASE
/// ... TEMPLATE and a copied sidecar), never re-running the CLI. The copies verify the third run.
/// </summary>
public sealed class FinishedRunsFixture : RehearsedRunFixture
{
    public const int Runs = 3;

    /// <summary>The runs in order; the last is the one the copies verify.</summary>
    public IReadOnlyList<RunId> RunIds { get; private set; } = [];

    private protected override async Task<RunState> RunAsync(RehearsalEnvironment environment)
    {
        var time = TimeProvider.System;
        var runs = new List<RunId>();
        await using var services = OrchestratorFactory.Create(environment.Settings, environment.Access, environment.ReadEnvironment, time, NullLogger.Instance);
        var escalation = new RunEscalation(services);
        var approver = SshSigningKey.Load(environment.Approver.PrivateKeyPath);
        RunState state = null!;
        for (var i = 1; i <= Runs; i++)
        {
            state = await RehearsalRun.RunAsync(environment, time, NullLogger.Instance);
            var runId = RunId.Parse(state.RunId);
            runs.Add(runId);
            if (i == Runs) break;
            var request = await escalation.RequestAsync(runId, EscalationActions.Revert, $"tamper suite: revert run {i} so run {i + 1} can cut the target again", CancellationToken.None);
            var approval = await new ApprovalAuthoring(time).ApproveAsync(services.Kb, request, approver, environment.Approver.Principal, "tamper suite approval\n");
            await escalation.ExecuteAsync(runId, EscalationActions.Revert, approval, CancellationToken.None);
        }
        RunIds = runs;
        return state;
    }
}

/// <summary>The tamper suites share one three-run store; each test breaks its own copy.</summary>
[CollectionDefinition(Name)]
public sealed class FinishedRunsCollection : ICollectionFixture<FinishedRunsFixture>
{
    public const string Name = "finished runs";
}
