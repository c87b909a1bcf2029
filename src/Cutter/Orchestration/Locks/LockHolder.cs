namespace Cutter.Orchestration.Locks;

/// <summary>What a lock file records about its holder.</summary>
internal sealed record LockHolder(string Host, int ProcessId, string RunId, DateTimeOffset StartedUtc, DateTimeOffset LeaseExpiresUtc);
