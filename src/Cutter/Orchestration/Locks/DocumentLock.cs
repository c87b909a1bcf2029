using System.Diagnostics;
using System.Text.Json;
using Cutter.Domain;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Orchestration.Locks;

/// <summary>
/// Exclusive hold of one document for one process. The PostgreSQL advisory lock is the authority (the server
/// frees it when the holder's connection dies); the lock file under <c>global_locks_dir</c> names the holder and
/// carries a lease renewed while the run works. A file is taken over only when its holder is provably gone.
/// </summary>
internal sealed class DocumentLock : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly NpgsqlConnection _connection;
    private readonly string _path;
    private readonly LockHolder _holder;
    private readonly TimeProvider _time;
    private readonly ITimer _renewal;

    private DocumentLock(NpgsqlConnection connection, string path, LockHolder holder, TimeProvider time)
    {
        _connection = connection;
        _path = path;
        _holder = holder;
        _time = time;
        _renewal = time.CreateTimer(_ => Renew(), null, Lease / 3, Lease / 3);
    }

    private const string LocksDirKey = "orchestrator.global_locks_dir";

    public static string LockFilePath(string locksDir, KbDocId document) => Path.Combine(locksDir, document.Value + ".lock");

    public static async Task<DocumentLock> AcquireAsync(string locksDir, IStoreConnector store, KbDocId document, RunId runId, TimeProvider time, ILogger logger, Action<string>? onTakeover, CancellationToken cancellationToken)
    {
        var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        try
        {
            var path = LockFilePath(locksDir, document);
            var existing = ReadHolder(path);
            if (!await RunStore.TryLockDocumentAsync(connection, document, cancellationToken))
            {
                throw new StopException(StopCodes.DocumentLocked,
                    $"{document} is held by another process" + (existing is null ? "" : $": {Describe(existing)}"), runId);
            }
            var now = time.GetUtcNow();
            if (existing is not null)
            {
                var gone = existing.Host == Environment.MachineName ? !ProcessExists(existing.ProcessId) || existing.LeaseExpiresUtc <= now : existing.LeaseExpiresUtc <= now;
                if (!gone)
                {
                    throw new StopException(StopCodes.DocumentLocked,
                        $"{document} lock file names a holder that may still be alive: {Describe(existing)}", runId);
                }
                var message = $"took over the lock on {document} from {Describe(existing)}: advisory lock free and holder gone";
                logger.LogWarning("{Message}", message);
                onTakeover?.Invoke(message);
            }
            var holder = new LockHolder(Environment.MachineName, Environment.ProcessId, runId.ToString(), now, now + Lease);
            SidecarStore.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(holder, SidecarStore.Json), LocksDirKey);
            return new DocumentLock(connection, path, holder, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static LockHolder? ReadHolder(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LockHolder>(File.ReadAllBytes(path), SidecarStore.Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Renew()
    {
        try
        {
            var renewed = _holder with { LeaseExpiresUtc = _time.GetUtcNow() + Lease };
            SidecarStore.WriteAtomically(_path, JsonSerializer.SerializeToUtf8Bytes(renewed, SidecarStore.Json), LocksDirKey);
        }
        catch (StopException ex) when (ex.Code == StopCodes.FolderUnwritable)
        {
            // The advisory lock still holds the document; the next renewal tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        try
        {
            if (ReadHolder(_path) is { } current && current.ProcessId == _holder.ProcessId && current.RunId == _holder.RunId) File.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        // A pooled connection keeps its session (and the advisory lock) until it is reused; release explicitly.
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection);
            await unlock.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is broken, so the server has ended the session and the lock with it.
        }
        await _connection.DisposeAsync();
    }

    private static string Describe(LockHolder h) => $"run {h.RunId}, pid {h.ProcessId} on {h.Host}, since {h.StartedUtc:u}, lease until {h.LeaseExpiresUtc:u}";

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
