using System.Diagnostics;
using System.Text.Json;

namespace Cutter.Infrastructure;

/// <summary>
/// Which process made a scratch artefact (a temp folder, a scratch database): host, pid and the process's start time.
/// An artefact is provably abandoned only when its owner ran on this host and that process is gone (no such pid, or
/// the pid now belongs to a process started at another time).
/// </summary>
internal sealed record ProcessOwner(string Host, int ProcessId, DateTimeOffset ProcessStartUtc)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProcessOwner Current { get; } = Of(Environment.ProcessId) ?? new ProcessOwner(Environment.MachineName, Environment.ProcessId, DateTimeOffset.UnixEpoch);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The owner written by <see cref="ToJson"/>, or null when <paramref name="text"/> is not one (then nothing is provable).</summary>
    public static ProcessOwner? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<ProcessOwner>(text, Json) is { Host.Length: > 0, ProcessId: > 0 } owner ? owner : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True only when the owner ran here and is no longer running (a reused pid has another start time).</summary>
    public bool IsGoneFromThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        // The start time is derived from the boot clock and may differ by milliseconds between readers: a second is "the same".
        return Of(ProcessId) is not { } live || (live.ProcessStartUtc - ProcessStartUtc).Duration() > TimeSpan.FromSeconds(1);
    }

    private static ProcessOwner? Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
            // Truncated to whole milliseconds so the value survives a JSON round trip unchanged.
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime());
            return new ProcessOwner(Environment.MachineName, pid, DateTimeOffset.FromUnixTimeMilliseconds(started.ToUnixTimeMilliseconds()));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
