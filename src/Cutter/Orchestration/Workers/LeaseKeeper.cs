using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// Renews one work item's lease in the background while the worker works it (every third of the lease). When a renewal
/// finds the lease taken by another worker, or renewals keep failing until the lease would have run out, the item's
/// token is cancelled: a worker that lost its lease stops working that item. The document lock still guards the
/// document meanwhile, so the worker that took the item over waits for it or is refused, never writes beside it.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IWorkQueue _queue;
    private readonly WorkItem _item;
    private readonly string _owner;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<DateTimeOffset> _renewed;
    private readonly CancellationTokenSource _lost;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private DateTimeOffset _heldUntil;

    public LeaseKeeper(IWorkQueue queue, WorkItem item, string owner, TimeSpan lease, TimeProvider time, ILogger logger, Action<DateTimeOffset> renewed, CancellationToken stopping)
    {
        _queue = queue;
        _item = item;
        _owner = owner;
        _lease = lease;
        _time = time;
        _logger = logger;
        _renewed = renewed;
        _heldUntil = item.LeaseUntil;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, lease / 3, lease / 3);
    }

    /// <summary>Cancelled when the lease is lost (or the worker is stopping): the work on the item must end.</summary>
    public CancellationToken Token => _lost.Token;

    /// <summary>Why the token was cancelled, when it was the lease.</summary>
    public string? LostBecause { get; private set; }

    private async Task RenewAsync()
    {
        if (!await _oneAtATime.WaitAsync(0)) return;
        try
        {
            if (_lost.IsCancellationRequested) return;
            var now = _time.GetUtcNow();
            if (await _queue.RenewAsync(_item, _owner, _lease, CancellationToken.None))
            {
                _heldUntil = now + _lease;
                _renewed(_heldUntil);
                return;
            }
            Lose($"the lease on {_item.Document} was taken by another worker");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // A store hiccup: keep working while the lease still holds, give the item up before it runs out.
            _logger.LogWarning("could not renew the lease on {Document}: {Reason}", _item.Document, ex.Message);
            if (_time.GetUtcNow() + _lease / 3 >= _heldUntil) Lose($"the lease on {_item.Document} could not be renewed before it ran out: {ex.Message}");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void Lose(string why)
    {
        LostBecause = why;
        _logger.LogWarning("{Reason}; this worker stops working the item", why);
        _lost.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        // A renewal in flight finishes before the item is handed back.
        await _oneAtATime.WaitAsync();
        _oneAtATime.Release();
        _lost.Dispose();
    }
}
