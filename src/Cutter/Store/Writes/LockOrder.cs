using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>
/// The one order in which a Cutter transaction takes the store's locks (docs/concurrency.md): the document's
/// session advisory lock (taken before any transaction, by <c>DocumentLock</c>), then the run's execution-flag row (one
/// row per run since 0009, so runs of different documents do not wait for each other), then the
/// audit chains' advisory locks in key order (lifecycle_log, review_decision, phase_ledger). A writing transaction
/// takes all of them at its start, before any statement that fires a chain trigger or touches the flag, so no
/// two transactions can each hold one of these locks while waiting for the other's (the phase 6 / phase 10
/// deadlock of issue 23). The chain trigger still takes its own lock; for a transaction that already holds it that
/// is a no-op.
/// </summary>
internal static class LockOrder
{
    /// <summary>The first key of every audit-chain advisory lock; the second is the chain (link_chain() in 0006_audit_chains.sql).</summary>
    public const int ChainLockClass = 727001;

    /// <summary>The chains' second keys, in the order they are taken.</summary>
    public static IReadOnlyList<int> ChainLockKeys { get; } = [1, 2, 3];

    // Separate statements, not one SELECT of three calls: the order of calls within one target list is not a
    // promise PostgreSQL makes. FOR UPDATE rather than FOR SHARE: phases 6 and 10 update the row later, and two
    // transactions upgrading a shared row lock deadlock with each other.
    private static readonly string TakeAll = string.Join(";\n",
        ChainLockKeys.Select(key => $"SELECT pg_advisory_xact_lock({ChainLockClass}, {key})").Prepend(RunStatements.LockFlagRow));

    /// <summary>
    /// Takes the run's flag row and the chain locks, in that order, for the rest of <paramref name="transaction"/>.
    /// Call it first in the transaction: a lock taken before it (a chain insert, a flag update) breaks the order.
    /// </summary>
    public static async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TakeAll, connection, transaction);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
