namespace Cutter.Tests.Knowledge.Http;

/// <summary>
/// The test's control over the KB server's failures: one-shot faults taken in order by the requests they match, and a
/// persistent failure that starts at a chosen request (or at once) and lasts until <see cref="Recover"/>.
/// </summary>
public sealed class KbFaultSwitchboard
{
    private readonly object _gate = new();
    private readonly List<(KbFault Fault, Func<KbRequest, bool> When)> _oneShots = [];
    private (KbFault Fault, Func<KbRequest, bool> From)? _persistent;
    private bool _persistentActive;

    /// <summary>The next <paramref name="times"/> requests that match <paramref name="when"/> (default: any) get <paramref name="fault"/>.</summary>
    public void Next(KbFault fault, int times = 1, Func<KbRequest, bool>? when = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++) _oneShots.Add((fault, when ?? (_ => true)));
        }
    }

    /// <summary>From the first request matching <paramref name="from"/> (default: the next one) on, every request gets <paramref name="fault"/>.</summary>
    public void FailPersistently(KbFault fault, Func<KbRequest, bool>? from = null)
    {
        lock (_gate)
        {
            _persistent = (fault, from ?? (_ => true));
            _persistentActive = false;
        }
    }

    /// <summary>Ends the persistent failure and drops any one-shot fault not yet taken.</summary>
    public void Recover()
    {
        lock (_gate)
        {
            _persistent = null;
            _persistentActive = false;
            _oneShots.Clear();
        }
    }

    /// <summary>The fault for this request, if any: a matching one-shot first, then the persistent failure.</summary>
    internal KbFault? Take(KbRequest request)
    {
        lock (_gate)
        {
            if (_persistent is { } persistent && !_persistentActive && persistent.From(request))
            {
                _persistentActive = true;
            }
            var index = _oneShots.FindIndex(f => f.When(request));
            if (index >= 0)
            {
                var fault = _oneShots[index].Fault;
                _oneShots.RemoveAt(index);
                return fault;
            }
            return _persistentActive ? _persistent!.Value.Fault : null;
        }
    }
}
