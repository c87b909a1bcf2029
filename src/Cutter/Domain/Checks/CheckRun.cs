namespace Cutter.Domain.Checks;

/// <summary>
/// Runs one check the way every suite does: a check that throws an error the suite expects (store unreachable,
/// file unreadable) becomes a failed line naming what went wrong, so the next check still runs; cancellation of the
/// suite always propagates.
/// </summary>
internal static class CheckRun
{
    public static async Task<TResult> RunAsync<TContext, TResult>(
        ICheck<TContext, TResult> check,
        TContext context,
        Func<Exception, bool> isCheckFailure,
        Func<Exception, TResult> failedLine,
        CancellationToken cancellationToken)
        where TResult : ICheckResult
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(isCheckFailure);
        ArgumentNullException.ThrowIfNull(failedLine);
        try
        {
            return await check.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (isCheckFailure(ex))
        {
            return failedLine(ex);
        }
    }
}
