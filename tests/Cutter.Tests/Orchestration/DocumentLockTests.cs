using Cutter.Rehearsal.Disposable;
using System.Text.Json;
using Cutter.Domain;
using Cutter.Orchestration;
using Cutter.Orchestration.Locks;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>The advisory lock is the authority; a lock file is taken over only when its holder is provably gone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentLockTests(PostgresFixture postgres)
{
    private static readonly KbDocId Document = KbDocId.Parse("KB-2186");

    /// <summary>Plants a lock file for KB-2186 naming a holder of a run that is nowhere else.</summary>
    internal static LockHolder WriteHolder(string locksDir, string host, int pid, DateTimeOffset leaseExpires)
    {
        var holder = new LockHolder(host, pid, Guid.NewGuid().ToString(), leaseExpires.AddMinutes(-10), leaseExpires);
        Directory.CreateDirectory(locksDir);
        File.WriteAllBytes(DocumentLock.LockFilePath(locksDir, Document), JsonSerializer.SerializeToUtf8Bytes(holder, SidecarStore.Json));
        return holder;
    }

    private static async Task<(DocumentLock? Lock, StopException? Stop, List<string> Takeovers)> TryAcquireAsync(StoreDatabase store, string locksDir, TimeProvider time)
    {
        var takeovers = new List<string>();
        await using var connector = new LaneConnector(store.ConnectionString);
        try
        {
            var held = await DocumentLock.AcquireAsync(locksDir, connector, Document, RunId.New(), time, NullLogger.Instance, takeovers.Add, CancellationToken.None);
            return (held, null, takeovers);
        }
        catch (StopException stop)
        {
            return (null, stop, takeovers);
        }
    }

    [Fact]
    public async Task A_lock_file_from_another_host_with_an_expired_lease_and_a_free_advisory_lock_is_taken_over()
    {
        await using var store = await postgres.NewStoreAsync();
        using var locks = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        WriteHolder(locks.Path, "another-host", 4242, time.GetUtcNow().AddMinutes(-1));

        var (held, stop, takeovers) = await TryAcquireAsync(store, locks.Path, time);

        Assert.Null(stop);
        Assert.StartsWith("took over the lock on KB-2186 from run ", Assert.Single(takeovers), StringComparison.Ordinal);
        Assert.Contains("pid 4242 on another-host", takeovers[0], StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId, DocumentLock.ReadHolder(DocumentLock.LockFilePath(locks.Path, Document))!.ProcessId);
        await held!.DisposeAsync();
        Assert.False(File.Exists(DocumentLock.LockFilePath(locks.Path, Document)));
    }

    [Fact]
    public async Task A_lock_file_from_another_host_whose_lease_is_still_running_is_not_taken_over()
    {
        await using var store = await postgres.NewStoreAsync();
        using var locks = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        WriteHolder(locks.Path, "another-host", 4242, time.GetUtcNow().AddMinutes(3));

        var (held, stop, takeovers) = await TryAcquireAsync(store, locks.Path, time);

        Assert.Null(held);
        Assert.Equal(StopCodes.DocumentLocked, stop!.Code);
        Assert.StartsWith("KB-2186 lock file names a holder that may still be alive: run ", stop.Detail, StringComparison.Ordinal);
        Assert.Empty(takeovers);
    }

    [Fact]
    public async Task A_lock_file_of_a_dead_process_on_this_host_is_taken_over_before_its_lease_ends()
    {
        await using var store = await postgres.NewStoreAsync();
        using var locks = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        WriteHolder(locks.Path, Environment.MachineName, int.MaxValue - 3, time.GetUtcNow().AddMinutes(4));

        var (held, stop, takeovers) = await TryAcquireAsync(store, locks.Path, time);

        Assert.Null(stop);
        Assert.Single(takeovers);
        await held!.DisposeAsync();
    }

    [Fact]
    public async Task A_live_advisory_lock_is_never_displaced_whatever_the_lock_file_says()
    {
        await using var store = await postgres.NewStoreAsync();
        using var locks = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        WriteHolder(locks.Path, "another-host", 4242, time.GetUtcNow().AddHours(-1));
        await using var holder = new NpgsqlConnection(store.OwnerConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('cutter-document:' || 'KB-2186', 0))", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var (held, stop, takeovers) = await TryAcquireAsync(store, locks.Path, time);

        Assert.Null(held);
        Assert.Equal(StopCodes.DocumentLocked, stop!.Code);
        Assert.StartsWith("KB-2186 is held by another process: run ", stop.Detail, StringComparison.Ordinal);
        Assert.Empty(takeovers);
    }

    [Fact]
    public async Task A_cut_that_gets_the_lock_only_after_another_cut_paused_at_SG_1_is_refused_naming_it()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        RunState? other = null;
        // Between this cut's check for unfinished runs and its lock, a second cut runs to SG_1 and releases the lock.
        var late = new OrchestratorRunner(harness.Services with
        {
            Store = new BeforeLockConnector(harness.Services.Store, async () => other = await harness.CutTargetAsync()),
        });

        var stop = await Assert.ThrowsAsync<StopException>(() => late.CutAsync(Document, RunMode.Live, "tester"));

        Assert.Equal(StopCodes.DocumentLocked, stop.Code);
        Assert.Equal($"KB-2186 is held by an unfinished live run: {other!.RunId} (awaiting_SG_1)", stop.Detail);
        Assert.Equal(other.RunId, Assert.Single(harness.Services.Sidecar.LoadAll()).RunId);
        Assert.False(File.Exists(DocumentLock.LockFilePath(harness.Environment.Settings.GlobalLocksDir, Document)));
    }

    /// <summary>Runs <paramref name="beforeLock"/> once, just before the cut opens the connection its document lock is taken on (the first exec-lane connection after its verify-lane check).</summary>
    private sealed class BeforeLockConnector(IStoreConnector inner, Func<Task> beforeLock) : IStoreConnector
    {
        private bool _checked, _done;

        public async Task<NpgsqlConnection> OpenAsync(Lane lane, CancellationToken cancellationToken)
        {
            if (lane == Lane.Verify) _checked = true;
            else if (_checked && !_done)
            {
                _done = true;
                await beforeLock();
            }
            return await inner.OpenAsync(lane, cancellationToken);
        }
    }

    [Fact]
    public async Task Releasing_the_lock_frees_the_advisory_lock_even_on_a_pooled_connection()
    {
        await using var store = await postgres.NewStoreAsync();
        using var locks = new TempFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (first, _, _) = await TryAcquireAsync(store, locks.Path, time);
        await first!.DisposeAsync();

        var (second, stop, _) = await TryAcquireAsync(store, locks.Path, time);

        Assert.Null(stop);
        await second!.DisposeAsync();
    }
}
