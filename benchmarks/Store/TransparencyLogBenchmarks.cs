using BenchmarkDotNet.Attributes;
using Cutter.Cutting;
using Cutter.Rehearsal.Disposable;
using Cutter.Store;
using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// What: the transparency log's cost on enact (phase 10: the set-based UPDATE of N units, N lifecycle_log rows in
/// one INSERT … SELECT, the SG_2 decision and the ledger row), with the log's statement triggers (migration 0010) and
/// with the same triggers dropped, in the same run. Each iteration gets a fresh store with phases 6-8 done outside
/// the measured region; "log off" drops the log's triggers as the owner before the measured enact. Target: log on
/// within 1.15x of log off (issue 16).
/// </summary>
[Config(typeof(LogCostBenchmarkConfig))]
public class TransparencyLogBenchmarks
{
    private static readonly string[] LogTriggers =
    [
        "lifecycle_log_log_begin ON cutter_core.lifecycle_log", "lifecycle_log_log_entry ON cutter_core.lifecycle_log",
        "review_decision_log_begin ON cutter_governance.review_decision", "review_decision_log_entry ON cutter_governance.review_decision",
        "phase_ledger_log_begin ON cutter_governance.phase_ledger", "phase_ledger_log_entry ON cutter_governance.phase_ledger",
        "run_log_insert ON cutter_governance.run", "run_log_update ON cutter_governance.run",
    ];

    private DisposableStoreServer _server = null!;
    private CandidateSet _plan = null!;
    private StoreDatabase? _store;
    private LiveWriteHarness? _harness;
    private string _sidecar = "";

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkSizes.Units.Where(n => n >= 10_000 || BenchmarkSizes.SmallestOnly);

    [GlobalSetup]
    public void Setup()
    {
        _server = DisposableStoreServer.StartAsync(BenchmarkServer.Options).GetAwaiter().GetResult();
        _plan = SyntheticDocument.Create(N);
        _sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
    }

    [IterationSetup(Target = nameof(EnactWithLog))]
    public void DraftWithLog() => Draft(dropLog: false);

    [IterationSetup(Target = nameof(EnactWithoutLog))]
    public void DraftWithoutLog() => Draft(dropLog: true);

    private void Draft(bool dropLog)
    {
        _store = _server.NewStoreAsync().GetAwaiter().GetResult();
        _harness = LiveWriteHarness.PrepareAsync(_store, _plan, _sidecar).GetAwaiter().GetResult();
        _harness.WriteDraftAsync().GetAwaiter().GetResult();
        if (!dropLog) return;
        using var connection = new NpgsqlConnection(_store.OwnerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(string.Concat(LogTriggers.Select(t => $"DROP TRIGGER {t};")), connection);
        command.ExecuteNonQuery();
    }

    [IterationCleanup]
    public void DropStore()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_sidecar, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "enact, log off")]
    public Task<long> EnactWithoutLog() => _harness!.EnactAsync();

    [Benchmark(Description = "enact, log on")]
    public Task<long> EnactWithLog() => _harness!.EnactAsync();
}
