using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Seeding;
using Cutter.Tests.Support;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>A seeded store, KB and keys on the shared test server, and a runner over them with a fake clock.</summary>
public sealed class RunnerHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly IKnowledgeBase? _kb;

    private RunnerHarness(TempFolder folder, RehearsalEnvironment environment, FakeTimeProvider time, IKnowledgeBase? kb)
    {
        _folder = folder;
        _kb = kb;
        Environment = environment;
        Time = time;
        Services = OrchestratorFactory.Create(environment.Settings, environment.Access, environment.ReadEnvironment, time, NullLogger.Instance, kb: kb);
        Runner = new OrchestratorRunner(Services);
    }

    internal RehearsalEnvironment Environment { get; }
    public FakeTimeProvider Time { get; }
    public OrchestratorServices Services { get; private set; }
    public OrchestratorRunner Runner { get; private set; }
    public string Owner => Environment.Store.OwnerConnectionString;

    public string ExecConnection() => Environment.Store.ExecConnectionString;

    /// <param name="knowledgeBase">Builds the KB the runner uses from the prepared environment (default: the folder KB under its kb_root).</param>
    /// <param name="proveRestore">Whether phase 5 restores the backup into a scratch database: only for tests about that proof.</param>
    internal static async Task<RunnerHarness> CreateAsync(PostgresFixture postgres, Func<RehearsalEnvironment, IKnowledgeBase>? knowledgeBase = null, bool proveRestore = false)
    {
        var folder = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var environment = await RehearsalEnvironment.CreateOnAsync(postgres.Server, ownsServer: false, folder.Path, NullLogger.Instance, time);
        if (!proveRestore) await environment.SkipRestoreProofAsync();
        return new RunnerHarness(folder, environment, time, knowledgeBase?.Invoke(environment));
    }

    /// <summary>Rebuilds the services after a settings or environment change.</summary>
    public void Rebuild(Func<string, string?>? readEnvironment = null)
    {
        Services = OrchestratorFactory.Create(Environment.Settings, Environment.Access, readEnvironment ?? Environment.ReadEnvironment, Time, NullLogger.Instance, kb: _kb);
        Runner = new OrchestratorRunner(Services);
    }

    public Task<Cutter.Orchestration.State.RunState> CutTargetAsync(RunMode mode = RunMode.Live) =>
        Runner.CutAsync(SampleRegistry.TargetId, mode, "tester");

    public async Task<KbDocId> ApproveAsync(string? requestKbId, string? keyPath = null, string? signer = null)
    {
        var key = SshSigningKey.Load(keyPath ?? Environment.Approver.PrivateKeyPath);
        return await new ApprovalAuthoring(Time).ApproveAsync(Services.Kb, KbDocId.Parse(requestKbId), key, signer ?? Environment.Approver.Principal, "test approval\n");
    }

    /// <summary>Signs the SG_1 request and the execution ruling request of a run paused at SG_1.</summary>
    public async Task<(KbDocId Sg1, KbDocId Ruling)> ApproveSg1AndRulingAsync(Cutter.Orchestration.State.RunState paused) =>
        (await ApproveAsync(paused.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId), await ApproveAsync(paused.RulingRequestKbId));

    /// <summary>Cut live, approve SG_1 and the ruling, resume to the SG_2 pause.</summary>
    public async Task<Cutter.Orchestration.State.RunState> RunToSg2Async() => await RunToSg2AsyncFrom(await CutTargetAsync());

    /// <summary>From the SG_1 pause: approve SG_1 and the ruling, resume to the SG_2 pause.</summary>
    public async Task<Cutter.Orchestration.State.RunState> RunToSg2AsyncFrom(Cutter.Orchestration.State.RunState state)
    {
        var (sg1, ruling) = await ApproveSg1AndRulingAsync(state);
        return await Runner.ResumeAsync(RunId.Parse(state.RunId), sg1, ruling);
    }

    public Task<IReadOnlyDictionary<string, string>> TableHashesAsync() => StoreTableHashes.ReadAsync(Owner);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Environment.DisposeAsync();
        _folder.Dispose();
    }
}
