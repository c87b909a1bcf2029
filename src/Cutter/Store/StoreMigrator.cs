using System.Reflection;
using Cutter.Domain;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Store;

/// <summary>
/// Applies the versioned schema (Store/Migrations/*.sql, embedded) with DbUp. Idempotent: applied scripts are
/// journaled in <c>cutter_governance.schema_migrations</c> and never run twice.
/// </summary>
internal static class StoreMigrator
{
    public const string JournalSchema = "cutter_governance";
    public const string JournalTable = "schema_migrations";

    public static IReadOnlyList<string> ScriptNames { get; } = typeof(StoreMigrator).Assembly
        .GetManifestResourceNames()
        .Where(IsMigration)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Applies every pending migration as the owner connection given; returns the scripts applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        // The journal lives in a schema the first script creates; make sure it exists before DbUp looks for its journal.
        await using (var connection = new NpgsqlConnection(ownerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {JournalSchema}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(ownerConnectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), IsMigration)
            .JournalToPostgresqlTable(JournalSchema, JournalTable)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new DbUpLog(logger))
            .Build();

        var pending = upgrader.GetScriptsToExecute().Select(s => s.Name).ToArray();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new CutterException($"migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error!);
        }
        return pending;
    }

    private static bool IsMigration(string resourceName) =>
        resourceName.StartsWith("Cutter.Store.Migrations.", StringComparison.Ordinal) && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogInformation(string format, params object[] args) => logger.LogDebug("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
