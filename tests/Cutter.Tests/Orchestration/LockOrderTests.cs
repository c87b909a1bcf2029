using Cutter.Domain;
using Cutter.Orchestration;
using Cutter.Rehearsal.Disposable;
using Cutter.Store;
using Cutter.Store.Writes;
using Cutter.Tests.Knowledge.Http;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// The phase 6 / phase 10 deadlock of issue 23 and its cure (docs/concurrency.md): the old interleaving deadlocks on
/// the real server; through <see cref="PhaseTransaction"/> the same two transactions both commit, and a 40P01 that still
/// happens is retried as a whole transaction.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class LockOrderTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>
    /// Two documents with one run each: run A is at phase 10, run B at phase 6. Simulate runs, so the store's functions
    /// take their flags and decisions without rulings or signed evidence (what is tested here is the locking).
    /// </summary>
    private static async Task<(RunId A, RunId B)> SeedTwoRunsAsync(StoreDatabase store)
    {
        var (a, b) = (RunId.New(), RunId.New());
        await Sql.ExecAsync(store.OwnerConnectionString, """
            INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9301', 'LOCK-A', 'Document A'), ('KB-9302', 'LOCK-B', 'Document B');
            INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
            SELECT r.run_id, d.document_id, 'simulate', 'tester', repeat('a', 64), 0, 'running', now(), now()
            FROM (VALUES (@a, 'KB-9301'), (@b, 'KB-9302')) r (run_id, kb_id) JOIN cutter_core.document d ON d.kb_id = r.kb_id;
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES (@a, false, now()), (@b, false, now());
            """, ("a", a.Value), ("b", b.Value));
        return (a, b);
    }

    /// <summary>What phase 10 does first: raise the flag for its run. True when it got the flag.</summary>
    private static async Task<bool> RaiseFlagAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId run)
    {
        await RunStore.EnableFlagAsync(connection, transaction, run, "KB-9399", CancellationToken.None);
        return true;
    }

    /// <summary>What phase 10 does next: its review decision and its ledger row (two chain inserts).</summary>
    private static async Task EnactRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId run)
    {
        await RunStore.InsertReviewDecisionAsync(connection, transaction,
            new ReviewDecisionRow(Guid.NewGuid(), run, "SG_2_lifecycle_authz", "KB-9398", new string('d', 64), null, "tester", At), At, CancellationToken.None);
        await RunStore.InsertLedgerAsync(connection, transaction, run, 10, "enact", 0, At, At, CancellationToken.None);
    }

    /// <summary>What phase 6 does first: the ledger rows of phases 1-5 (the phase_ledger chain lock).</summary>
    private static async Task EarlierLedgerRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId run)
    {
        for (var phase = 1; phase <= 5; phase++)
        {
            await RunStore.InsertLedgerAsync(connection, transaction, run, phase, $"phase-{phase}", 0, At, At, CancellationToken.None);
        }
    }

    /// <summary>Waits until some session of the store waits on a lock (the other transaction asked for one it cannot have).</summary>
    private static async Task WaitForALockWaiterAsync(StoreDatabase store)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await Sql.ScalarAsync<long>(store.OwnerConnectionString,
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no session ever waited on a lock");
            await Task.Delay(20);
        }
    }

    private static async Task<NpgsqlConnection> OpenExecAsync(StoreDatabase store)
    {
        var connection = new NpgsqlConnection(store.ExecConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// The interleaving that deadlocked on the single flag row (issue 23) cannot close a cycle now that each run has a
    /// flag row of its own: phase 6 raises its own run's flag without waiting for phase 10, commits, and phase 10 goes on.
    /// </summary>
    [Fact]
    public async Task The_old_interleaving_no_longer_deadlocks_with_a_flag_row_per_run()
    {
        await using var store = await postgres.NewStoreAsync();
        var (a, b) = await SeedTwoRunsAsync(store);
        await using var phase10 = await OpenExecAsync(store);
        await using var phase6 = await OpenExecAsync(store);
        await using var tx10 = await phase10.BeginTransactionAsync();
        await using var tx6 = await phase6.BeginTransactionAsync();

        // Each holds its first lock: phase 10 the flag row, phase 6 the phase_ledger chain lock.
        Assert.True(await RaiseFlagAsync(phase10, tx10, a));
        await EarlierLedgerRowsAsync(phase6, tx6, b);
        // Phase 10 asks for phase 6's chain lock and waits; phase 6 raises its own flag (no wait) and commits.
        var enact = Task.Run(async () => { try { await EnactRowsAsync(phase10, tx10, a); return (string?)null; } catch (PostgresException ex) { return ex.SqlState; } });
        await WaitForALockWaiterAsync(store);
        Assert.True(await RaiseFlagAsync(phase6, tx6, b).WaitAsync(Patience));
        await tx6.CommitAsync();

        Assert.Null(await enact.WaitAsync(Patience));
        await tx10.CommitAsync();
        Assert.Equal(2L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.execution_flag WHERE enabled"));
    }

    [Fact]
    public async Task Through_the_lock_order_the_same_two_transactions_both_commit_without_a_deadlock()
    {
        await using var store = await postgres.NewStoreAsync();
        var (a, b) = await SeedTwoRunsAsync(store);
        await using var connector = new LaneConnector(store.ConnectionString);
        var phase10HoldsItsFirstLock = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (attempts10, attempts6) = (0, 0);

        var phase10 = Task.Run(() => PhaseTransaction.RunAsync(connector, NullLogger.Instance, a, 10, async (connection, transaction) =>
        {
            attempts10++;
            var raised = await RaiseFlagAsync(connection, transaction, a);
            phase10HoldsItsFirstLock.SetResult();
            // Phase 6 is now asking for its first lock; only then does phase 10 ask for its chain locks.
            await WaitForALockWaiterAsync(store);
            await EnactRowsAsync(connection, transaction, a);
            return raised;
        }, CancellationToken.None));
        await phase10HoldsItsFirstLock.Task.WaitAsync(Patience);
        var phase6 = Task.Run(() => PhaseTransaction.RunAsync(connector, NullLogger.Instance, b, 6, async (connection, transaction) =>
        {
            attempts6++;
            await EarlierLedgerRowsAsync(connection, transaction, b);
            return await RaiseFlagAsync(connection, transaction, b);
        }, CancellationToken.None));

        var raised = await Task.WhenAll(phase10, phase6).WaitAsync(Patience);

        // One attempt each: no 40P01 happened and was retried away. Phase 6 waited at its start (for the chain locks)
        // and then raised its own run's flag.
        Assert.Equal((1, 1), (attempts10, attempts6));
        Assert.Equal(new[] { true, true }, raised);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = @a", ("a", a.Value)));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = @b", ("b", b.Value)));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.execution_flag WHERE enabled"));
    }

    [Fact]
    public async Task A_transaction_that_is_the_victim_of_a_real_deadlock_is_run_again_and_commits()
    {
        await using var store = await postgres.NewStoreAsync();
        var (a, _) = await SeedTwoRunsAsync(store);
        await using var connector = new LaneConnector(store.ConnectionString);
        // The other side holds 4242/1 and never looks for a deadlock before the phase transaction does, so the
        // phase transaction (which waits last, closing the cycle) is always the victim.
        await using var other = new NpgsqlConnection(store.OwnerConnectionString);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var setup = new NpgsqlCommand("SET LOCAL deadlock_timeout = '60s'; SELECT pg_advisory_xact_lock(4242, 1)", other, otherTransaction))
        {
            await setup.ExecuteNonQueryAsync();
        }
        Task? otherWantsTheFlag = null;
        var attempts = 0;

        var phase = Task.Run(() => PhaseTransaction.RunAsync(connector, NullLogger.Instance, a, 10, async (connection, transaction) =>
        {
            if (++attempts == 1)
            {
                // This transaction holds the flag row (the lock order); the other asks for it, then this one asks for 4242/1.
                otherWantsTheFlag = Task.Run(async () =>
                {
                    await using var wants = new NpgsqlCommand("SELECT 1 FROM cutter_governance.execution_flag FOR UPDATE", other, otherTransaction);
                    await wants.ExecuteNonQueryAsync();
                    await otherTransaction.CommitAsync();
                });
                await WaitForALockWaiterAsync(store);
                await using var blocked = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4242, 1)", connection, transaction);
                await blocked.ExecuteNonQueryAsync();
            }
            return await RaiseFlagAsync(connection, transaction, a);
        }, CancellationToken.None));

        Assert.True(await phase.WaitAsync(Patience));
        await otherWantsTheFlag!.WaitAsync(Patience);
        Assert.Equal(2, attempts);
        Assert.Equal(a.Value, await Sql.ScalarAsync<Guid>(store.OwnerConnectionString, "SELECT run_id FROM cutter_governance.execution_flag WHERE enabled"));
    }

    [Fact]
    public async Task A_transaction_aborted_on_every_attempt_stops_the_run_with_store_contention()
    {
        await using var store = await postgres.NewStoreAsync();
        await using var connector = new LaneConnector(store.ConnectionString);
        var run = RunId.New();
        var log = new CapturingLogger();
        var attempts = 0;

        var stop = await Assert.ThrowsAsync<StopException>(() => PhaseTransaction.RunAsync<long>(connector, log, run, 7, async (connection, transaction) =>
        {
            attempts++;
            await using var fails = new NpgsqlCommand("DO $$BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = 'serialization_failure'; END$$", connection, transaction);
            await fails.ExecuteNonQueryAsync();
            return 0;
        }, CancellationToken.None));

        Assert.Equal(PhaseTransaction.MaxAttempts, attempts);
        Assert.Equal(StopCodes.StoreContention, stop.Code);
        Assert.Equal("STOP_STORE_CONTENTION: the phase 7 transaction was aborted 3 times, last with 40001 (provoked)", stop.Message);
        Assert.Collection(log.Lines,
            line => Assert.Matches($@"^Warning: run {run}: phase 7 transaction aborted with 40001 \(provoked\); attempt 2 of 3 in \d+ ms$", line),
            line => Assert.Matches($@"^Warning: run {run}: phase 7 transaction aborted with 40001 \(provoked\); attempt 3 of 3 in \d+ ms$", line));
    }

    [Fact]
    public async Task Any_other_database_error_is_not_retried()
    {
        await using var store = await postgres.NewStoreAsync();
        await using var connector = new LaneConnector(store.ConnectionString);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(() => PhaseTransaction.RunAsync<long>(connector, NullLogger.Instance, RunId.New(), 7, async (connection, transaction) =>
        {
            attempts++;
            await using var fails = new NpgsqlCommand("DO $$BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = 'unique_violation'; END$$", connection, transaction);
            await fails.ExecuteNonQueryAsync();
            return 0;
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal("23505", error.SqlState);
    }
}
