using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>
/// Every start checks the kill switch: a run's flag left on by a process that is gone (its document's advisory lock is
/// free) is reported and turned off. A flag held by a live run is left alone.
/// </summary>
internal static class ExecutionFlagJanitor
{
    public static async Task<string?> RecoverAsync(IStoreConnector store, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        var messages = new List<string>();
        foreach (var runId in await ExecutionFlag.HoldersAsync(connection, cancellationToken))
        {
            if (await RunStore.DocumentOfRunAsync(connection, runId, cancellationToken) is { } document)
            {
                if (!await RunStore.TryLockDocumentAsync(connection, document, cancellationToken))
                {
                    continue; // a live process holds the run's document: the flag is legitimately on
                }
            }
            var disabled = await ExecutionFlag.LowerAsync(connection, null, runId, cancellationToken);
            await using (var unlock = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection))
            {
                await unlock.ExecuteNonQueryAsync(cancellationToken);
            }
            var message = $"execution flag {ExecutionFlag.Name} was left on by run {runId} whose process is gone; "
                + (disabled ? "turned it off" : "could not turn it off");
            logger.LogWarning("{Message}", message);
            messages.Add(message);
        }
        return messages.Count == 0 ? null : string.Join("; ", messages);
    }
}
