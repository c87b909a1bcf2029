using Cutter.Domain;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Cutter.Orchestration;

/// <summary>
/// One writing transaction of a run on the exec lane: it takes the store's locks in <see cref="LockOrder"/> before its
/// work, and is retried as a whole when PostgreSQL still aborts it as a deadlock victim (40P01) or a serialization
/// failure (40001), which leave nothing of the transaction behind. Retries (a Polly retry strategy) are bounded and logged; when they run out
/// the run STOPs (<see cref="StopCodes.StoreContention"/>) rather than crashing. The work must be safe to run again:
/// whatever it changes outside the transaction it sets to the same values on every attempt.
/// </summary>
internal static class PhaseTransaction
{
    public const int MaxAttempts = 3;

    /// <summary>Whether <paramref name="exception"/> is a transaction PostgreSQL aborted and that may succeed if run again.</summary>
    public static bool IsRetryable(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    public static async Task<T> RunAsync<T>(IStoreConnector store, ILogger logger, RunId runId, int? phase,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var what = phase is { } p ? $"phase {p} transaction" : "transaction";
        var pipeline = new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = new PredicateBuilder<T>().Handle<PostgresException>(IsRetryable),
                MaxRetryAttempts = MaxAttempts - 1,
                // 100 ms, 200 ms, ... with jitter, so two runs that collided do not retry in step and collide again.
                BackoffType = DelayBackoffType.Linear,
                Delay = TimeSpan.FromMilliseconds(100),
                UseJitter = true,
                OnRetry = retry =>
                {
                    var ex = (PostgresException)retry.Outcome.Exception!;
                    logger.LogWarning("run {RunId}: {What} aborted with {SqlState} ({Message}); attempt {Attempt} of {MaxAttempts} in {DelayMs} ms",
                        runId, what, ex.SqlState, ex.MessageText, retry.AttemptNumber + 2, MaxAttempts, (int)retry.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                await using var connection = await store.OpenAsync(Lane.Exec, token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                await LockOrder.TakeAsync(connection, transaction, runId, token);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(token);
                return result;
            }, cancellationToken);
        }
        catch (PostgresException ex) when (IsRetryable(ex))
        {
            throw new StopException(StopCodes.StoreContention,
                $"the {what} was aborted {MaxAttempts} times, last with {ex.SqlState} ({ex.MessageText})", runId, phase);
        }
    }
}
