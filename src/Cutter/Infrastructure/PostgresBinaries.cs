namespace Cutter.Infrastructure;

/// <summary>Locates the PostgreSQL client and server programs: a configured folder, then `pg_config --bindir`, then PATH.</summary>
internal static class PostgresBinaries
{
    private static readonly Lazy<string?> PgConfigBinDir = new(() =>
    {
        var pgConfig = ProcessRunner.FindExecutable("pg_config");
        if (pgConfig is null) return null;
        try
        {
            var result = ProcessRunner.RunAsync(pgConfig, ["--bindir"]).GetAwaiter().GetResult();
            return result.Succeeded ? result.StandardOutput.Trim() : null;
        }
        catch (Domain.CutterException)
        {
            return null;
        }
    });

    public static string? Find(string program, string? configuredFolder = null) =>
        ProcessRunner.FindExecutable(program, configuredFolder, PgConfigBinDir.Value);

    public static string Require(string program, string? configuredFolder = null) =>
        Find(program, configuredFolder)
        ?? throw new Domain.CutterException(
            $"PostgreSQL program '{program}' not found: set orchestrator.pg_bin_dir, put it on PATH, or install the PostgreSQL client (pg_config --bindir is consulted too)");
}
