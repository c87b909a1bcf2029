using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>
/// The one order in which a Cutter transaction takes the store's locks (docs/concurrency.md): the document's
/// session advisory lock (taken before any transaction, by <c>DocumentLock</c>), then the run's execution-flag row (one
/// row per run since 0009, so runs of different documents do not wait for each other), then the audit log's advisory
/// lock. A writing transaction takes both at its start, before any statement that fires a log trigger or touches the
/// flag, so no two transactions can each hold one of these locks while waiting for the other's (the phase 6 / phase 10
/// deadlock of issue 23). The log's statement triggers still take the lock; for a transaction that already holds it
/// that is a no-op.
/// </summary>
internal static class LockOrder
{
    /// <summary>The first key of the audit log's advisory lock (and of the chain-v1 locks before it).</summary>
    public const int ChainLockClass = 727001;

    /// <summary>
    /// The log's second key (log_begin_statement() in 0010_transparency_log.sql): one lock for the whole log, since
    /// its roots chain every entry of every table. The chain-v1 keys 1-3 of 0006 are no longer taken by anything.
    /// </summary>
    public static IReadOnlyList<int> ChainLockKeys { get; } = [10];

    // Separate statements, not one SELECT of three calls: the order of calls within one target list is not a
    // promise PostgreSQL makes. FOR UPDATE rather than FOR SHARE: phases 6 and 10 update the row later, and two
    // transactions upgrading a shared row lock deadlock with each other.
    private static readonly string TakeAll = string.Join(";\n",
        ChainLockKeys.Select(key => $"SELECT pg_advisory_xact_lock({ChainLockClass}, {key})").Prepend(RunStatements.LockFlagRow));

    /// <summary>
    /// Takes the run's flag row and the log lock, in that order, for the rest of <paramref name="transaction"/>.
    /// Call it first in the transaction: a lock taken before it (an audit insert, a flag update) breaks the order.
    /// </summary>
    public static async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TakeAll, connection, transaction);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
