using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>
/// Every start checks the kill switch: a flag left on by a run whose process is gone (its document's advisory
/// lock is free) is reported and turned off. A flag held by a live run is left alone.
/// </summary>
internal static class ExecutionFlagJanitor
{
    public static async Task<string?> RecoverAsync(IStoreConnector store, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        var (enabled, holder) = await ExecutionFlag.ReadAsync(connection, null, cancellationToken);
        if (!enabled) return null;
        if (holder is { } runId && await RunStore.DocumentOfRunAsync(connection, runId, cancellationToken) is { } document)
        {
            if (!await RunStore.TryLockDocumentAsync(connection, document, cancellationToken))
            {
                return null; // a live process holds the run's document: the flag is legitimately on
            }
        }
        var disabled = holder is { } id && await ExecutionFlag.LowerAsync(connection, null, id, time.GetUtcNow(), cancellationToken);
        await using (var unlock = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection))
        {
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }
        var message = $"execution flag {ExecutionFlag.Name} was left on by run {holder?.ToString() ?? "(none)"} whose process is gone; "
            + (disabled ? "turned it off" : "could not turn it off");
        logger.LogWarning("{Message}", message);
        return message;
    }
}
