using Microsoft.Extensions.Logging;

namespace Cutter.Rehearsal.Disposable;

/// <summary>One way to obtain a PostgreSQL server. Returns null with a reason when it cannot serve here.</summary>
internal interface IPostgresProvider
{
    string Name { get; }

    Task<(PostgresServer? Server, string? WhyNot)> TryStartAsync(DisposablePostgresOptions options, ILogger logger, CancellationToken cancellationToken);
}
