namespace Cutter.Orchestration.Workers;

/// <summary>A worker's default name: this host and process, as the environment reports them (<c>host:pid</c>).</summary>
internal static class WorkerIdentity
{
    public static string FromEnvironment() => $"{Environment.MachineName}:{Environment.ProcessId}";
}
