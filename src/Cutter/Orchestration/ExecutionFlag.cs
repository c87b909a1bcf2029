using Cutter.Domain;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Orchestration;

/// <summary>
/// The kill switch <c>__execution_enabled__</c>, one row per run since 0009: the one way Cutter raises, lowers and reads
/// it (its SQL is in <see cref="RunStore"/>; the store's functions check who may raise it). It is raised for one run
/// under an authorization (the run's execution ruling in phases 6 and 10 and on a resume into 7-8; the SG_3 decision
/// raises it for an escalation itself), always in the transaction of the writes it guards; it is lowered for that run
/// when the writes are done and on every exit path; the janitor reads it at start.
/// </summary>
internal static class ExecutionFlag
{
    public const string Name = "__execution_enabled__";

    /// <summary>Raises the flag for <paramref name="runId"/>; a refusal by the store is a STOP naming its reason.</summary>
    public static async Task RaiseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId runId, string authorizationKbId, int? phase, CancellationToken cancellationToken)
    {
        try
        {
            await RunStore.EnableFlagAsync(connection, transaction, runId, authorizationKbId, cancellationToken);
        }
        catch (PostgresException ex) when (GovernedWriteRefusal.Is(ex))
        {
            throw new StopException(StopCodes.ExecutionFlagRefused, $"{Name} refused by the store ({ex.SqlState}): {ex.MessageText}", runId, phase);
        }
    }

    /// <summary>Raises the flag for the run of <paramref name="context"/> under its ruling, and marks it to be lowered on every exit path.</summary>
    public static async Task RaiseForRunAsync(RunContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, string rulingKbId, int phase, CancellationToken cancellationToken)
    {
        await RaiseAsync(connection, transaction, context.RunId, rulingKbId, phase, cancellationToken);
        context.FlagRaisedHere = true;
    }

    /// <summary>
    /// Raises the flag for a run in a transaction of its own: a resume into phase 7 or 8, after the janitor turned off
    /// the flag a crashed process left on.
    /// </summary>
    public static async Task RaiseForRunAsync(RunContext context, string rulingKbId, int phase, CancellationToken cancellationToken)
    {
        await using var connection = await context.Services.Store.OpenAsync(Lane.Exec, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RaiseForRunAsync(context, connection, transaction, rulingKbId, phase, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Lowers the flag a run raised, on its way out (a pause, a STOP, a crash unwinding). It never throws: a flag it
    /// cannot lower is logged, and the janitor of the next cutter start turns it off.
    /// </summary>
    public static async Task LowerOnExitAsync(RunContext context)
    {
        var log = context.Services.Logger;
        try
        {
            await using var connection = await context.Services.Store.OpenAsync(Lane.Exec, CancellationToken.None);
            if (await LowerAsync(connection, null, context.RunId, CancellationToken.None))
            {
                log.LogWarning("run {RunId}: execution flag turned off on exit", context.RunId);
            }
            context.FlagRaisedHere = false;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The reason, not the stack: a server that went away is an operator's condition (STOP_STORE_UNAVAILABLE), not a crash.
            log.LogError("run {RunId}: could not turn the execution flag off ({Reason}); the next cutter start will", context.RunId, ex.Message);
        }
    }

    /// <summary>Lowers the flag of <paramref name="runId"/>; true when it was on.</summary>
    public static Task<bool> LowerAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RunId runId, CancellationToken cancellationToken) =>
        RunStore.DisableFlagAsync(connection, transaction, runId, cancellationToken);

    /// <summary>Whether the flag of <paramref name="runId"/> is on.</summary>
    public static Task<bool> IsOnAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RunId runId, CancellationToken cancellationToken) =>
        RunStore.ReadFlagAsync(connection, transaction, runId, cancellationToken);

    /// <summary>The runs whose flag is on.</summary>
    public static Task<IReadOnlyList<RunId>> HoldersAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        RunStore.RunsHoldingFlagAsync(connection, cancellationToken);
}
