using Cutter.Configuration;
using Cutter.Cutting;
using Cutter.Governance.Backup;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.Backup;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Prechecks;
using Cutter.Orchestration.State;
using Cutter.Store;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>Where the store is and how each lane logs in; the composition root resolves these from the environment.</summary>
public sealed record StoreAccess(string ExecConnectionString, string VerifyConnectionString, string? AdminConnectionString)
{
    public string For(Lane lane) => lane == Lane.Exec ? ExecConnectionString : VerifyConnectionString;

    public override string ToString() => "StoreAccess (connection strings hidden)";

    public static StoreAccess FromEnvironment(Func<string, string?> read)
    {
        var endpoint = StoreEndpoint.FromEnvironment(read);
        return new StoreAccess(
            endpoint.ConnectionString(LaneCredentials.FromEnvironment(Lane.Exec, read), "cutter-exec"),
            endpoint.ConnectionString(LaneCredentials.FromEnvironment(Lane.Verify, read), "cutter-verify"),
            read(EnvironmentNames.AdminConnectionString) is { Length: > 0 } admin ? admin : null);
    }
}

/// <summary>Builds a runner from configuration: the one place the production collaborators are chosen.</summary>
public static class OrchestratorFactory
{
    public static OrchestratorServices Create(
        OrchestratorSettings settings,
        StoreAccess store,
        Func<string, string?> readEnvironment,
        TimeProvider time,
        ILogger logger,
        IProgress<PhaseProgress>? progress = null,
        IKnowledgeBase? kb = null,
        IRunObserver? observer = null)
    {
        if (string.IsNullOrWhiteSpace(settings.AllowedSignersFile)) throw new Domain.InvalidInputException("orchestrator.allowed_signers_file", "is not configured");
        kb ??= KnowledgeBaseSelection.Open(settings, readEnvironment, logger);
        var connector = new LaneConnector(store.For);
        var allowedSigners = AllowedSigners.Load(settings.AllowedSignersFile);
        var gates = new SignedApprovalGate(kb, allowedSigners, new StoreDecisionRegistry(connector), time);
        var backup = new LazyBackupEngine(() => new GovernedBackupEngine(BackupOptions.From(settings, readEnvironment), store.VerifyConnectionString, store.AdminConnectionString, time));
        return new OrchestratorServices(
            settings,
            new SidecarStore(settings.SidecarRoot),
            kb,
            new MarkdownUnitDiscoverer(CuttingOptions.From(settings)),
            connector,
            gates,
            backup,
            StandardPrechecks.ForRunner(settings, connector, readEnvironment, time),
            time,
            logger,
            progress,
            observer);
    }

    /// <summary>Backup options are read when phase 5 runs, so a DryRun needs no backup key.</summary>
    private sealed class LazyBackupEngine(Func<IBackupEngine> create) : IBackupEngine, IOverlapAwareBackupEngine, IAbandonedWorkSweeper
    {
        public Task<BackupRecord> BackupAsync(Domain.RunId runId, string runFolder, IReadOnlyList<DocumentSnapshot> liveSnapshot, CancellationToken cancellationToken) =>
            create().BackupAsync(runId, runFolder, liveSnapshot, cancellationToken);

        public Task<BackupRecord> BackupAsync(Domain.RunId runId, string runFolder, Snapshot snapshot, CancellationToken cancellationToken) =>
            create() is IOverlapAwareBackupEngine aware
                ? aware.BackupAsync(runId, runFolder, snapshot, cancellationToken)
                : BackupAsync(runId, runFolder, snapshot.Documents, cancellationToken);

        /// <summary>Without backup configuration (a DryRun host) only the temp folders are swept: there is no scratch server to look at.</summary>
        public async Task<IReadOnlyList<string>> SweepAbandonedAsync(CancellationToken cancellationToken)
        {
            IBackupEngine engine;
            try
            {
                engine = create();
            }
            catch (Domain.InvalidInputException)
            {
                return GovernedBackupEngine.SweepTempFolders();
            }
            return engine is IAbandonedWorkSweeper sweeper ? await sweeper.SweepAbandonedAsync(cancellationToken) : [];
        }
    }
}
