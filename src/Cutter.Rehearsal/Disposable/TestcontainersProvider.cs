using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Testcontainers.PostgreSql;

namespace Cutter.Rehearsal.Disposable;

/// <summary>Provider 2: a throwaway PostgreSQL 15 container through Testcontainers, when a Docker engine answers.</summary>
internal sealed class TestcontainersProvider : IPostgresProvider
{
    private const string DockerSocket = "/var/run/docker.sock";

    public string Name => "Testcontainers.PostgreSql (Docker engine)";

    public async Task<(PostgresServer? Server, string? WhyNot)> TryStartAsync(DisposablePostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var whyNot = await EngineUnreachableReasonAsync(cancellationToken);
        if (whyNot is not null) return (null, whyNot);

        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync(cancellationToken);
            return (new PostgresServer(Name, container.GetConnectionString(), async () => await container.DisposeAsync()), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, $"the Docker engine answered but the container did not start: {ex.Message}");
        }
    }

    // Testcontainers' own probing can wait a long time on a machine with only the docker client; ask the socket first.
    private static async Task<string?> EngineUnreachableReasonAsync(CancellationToken cancellationToken)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(dockerHost) && !dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            return null; // a TCP engine: let Testcontainers try it
        }
        var socketPath = string.IsNullOrEmpty(dockerHost) ? DockerSocket : dockerHost["unix://".Length..];
        if (!File.Exists(socketPath)) return $"no Docker engine socket at {socketPath}";
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return $"the Docker engine socket {socketPath} does not answer: {ex.Message}";
        }
    }
}
