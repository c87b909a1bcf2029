using System.Globalization;
using Npgsql;

namespace Cutter.Governance.Backup;

/// <summary>
/// Turns an Npgsql connection string into pg_dump/pg_restore arguments (host, port, user, database) and an
/// environment carrying the password (PGPASSWORD) and TLS mode: the password never appears on a command line,
/// where any local user could read it from the process list.
/// </summary>
internal sealed record PgConnectionArguments(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    public static PgConnectionArguments From(string connectionString, string? databaseOverride = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var arguments = new List<string>
        {
            "--host", builder.Host ?? "localhost",
            "--port", builder.Port.ToString(CultureInfo.InvariantCulture),
            "--dbname", databaseOverride ?? builder.Database ?? "postgres",
            "--no-password",
        };
        if (!string.IsNullOrEmpty(builder.Username)) arguments.InsertRange(0, ["--username", builder.Username]);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PGPASSWORD"] = string.IsNullOrEmpty(builder.Password) ? null : builder.Password,
            ["PGSSLMODE"] = builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
            // A stray service or password file must not change which server or identity is used.
            ["PGSERVICE"] = null,
            ["PGPASSFILE"] = "/dev/null",
        };
        return new PgConnectionArguments(arguments, environment);
    }
}
