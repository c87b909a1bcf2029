using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutter.Rehearsal.Disposable;

/// <summary>
/// The one way tests, the rehearsal, verification and benchmarks get a PostgreSQL server:
/// an existing server from the environment, else Testcontainers when a Docker engine answers, else local binaries.
/// </summary>
internal static class DisposablePostgres
{
    public static IReadOnlyList<IPostgresProvider> DefaultProviders { get; } =
        [new ExistingServerProvider(), new TestcontainersProvider(), new LocalBinariesProvider()];

    public static async Task<PostgresServer> StartAsync(
        DisposablePostgresOptions? options = null,
        ILogger? logger = null,
        IReadOnlyList<IPostgresProvider>? providers = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DisposablePostgresOptions();
        logger ??= NullLogger.Instance;
        var reasons = new List<string>();
        foreach (var provider in providers ?? DefaultProviders)
        {
            logger.LogInformation("PostgreSQL: trying {Provider}", provider.Name);
            var (server, whyNot) = await provider.TryStartAsync(options, logger, cancellationToken);
            if (server is not null)
            {
                logger.LogInformation("PostgreSQL: serving from {Provider}", provider.Name);
                return server;
            }
            logger.LogInformation("PostgreSQL: {Provider} cannot serve: {Reason}", provider.Name, whyNot);
            reasons.Add($"{provider.Name}: {whyNot}");
        }
        throw new DisposablePostgresUnavailableException(reasons);
    }
}
