using System.CommandLine;

namespace Cutter.Cli.Commands;

/// <summary>`cutter db ...`: store administration (migrate, grant-matrix, seed).</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Administer the governed store");
        return db;
    }
}
