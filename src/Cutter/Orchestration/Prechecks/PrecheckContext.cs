using Cutter.Configuration;
using Npgsql;

namespace Cutter.Orchestration.Prechecks;

/// <summary>What a precheck may look at. Nothing here can write.</summary>
public sealed record PrecheckContext(
    OrchestratorSettings Settings,
    Func<CancellationToken, Task<NpgsqlConnection>> OpenVerifyConnection,
    Func<string, string?> ReadEnvironment,
    TimeProvider Time,
    string HostName);
