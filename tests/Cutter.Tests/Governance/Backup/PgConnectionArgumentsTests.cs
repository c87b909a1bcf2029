using System.Security.Cryptography;
using Cutter.Governance.Backup;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Governance.Backup;

public sealed class PgConnectionArgumentsTests
{
    [Fact]
    public void Password_goes_to_the_child_environment_never_to_its_arguments()
    {
        var password = RandomNumberGenerator.GetHexString(24);
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "db.internal", Port = 6543, Database = "store", Username = "owner", Password = password, SslMode = SslMode.Require }.ConnectionString;

        var pg = PgConnectionArguments.From(connectionString);

        Assert.Equal(["--username", "owner", "--host", "db.internal", "--port", "6543", "--dbname", "store", "--no-password"], pg.Arguments);
        Assert.DoesNotContain(pg.Arguments, a => a.Contains(password, StringComparison.Ordinal));
        Assert.Equal(password, pg.Environment["PGPASSWORD"]);
        Assert.Equal("require", pg.Environment["PGSSLMODE"]);
    }
}
