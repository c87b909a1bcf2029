using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Rehearsal.Seeding;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Cli.Commands;

/// <summary>`cutter db migrate | grant-matrix | schema-pin | seed-samples`: store administration.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Administer the governed store");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(GrantMatrixCommand());
        db.Subcommands.Add(SchemaPinCommand());
        db.Subcommands.Add(SeedSamples());
        return db;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", $"Apply the schema as the owner ({EnvironmentNames.AdminConnectionString}); set lane passwords from {EnvironmentNames.ExecPassword}/{EnvironmentNames.VerifyPassword} when given");
        command.SetAction(async (parse, ct) =>
        {
            using var logging = CliLogging.Create();
            var logger = logging.CreateLogger("cutter.db");
            var admin = RequireAdmin();
            var applied = await StoreMigrator.MigrateAsync(admin, logger, ct);
            var passwordsSet = new List<(string Role, string Variable)>();
            foreach (var (lane, variable) in new[] { (Lane.Exec, EnvironmentNames.ExecPassword), (Lane.Verify, EnvironmentNames.VerifyPassword) })
            {
                if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } password)
                {
                    await LanePasswords.SetAsync(admin, lane, password, ct);
                    passwordsSet.Add((lane.RoleName(), variable));
                }
            }
            return JsonOutput.Result(parse, ExitCodes.Ok,
                () => new { Applied = applied, PasswordsSet = passwordsSet.Select(p => new { p.Role, FromVariable = p.Variable }) },
                output =>
                {
                    output.WriteLine(applied.Count == 0 ? "schema up to date; nothing applied" : $"applied {applied.Count}: {string.Join(", ", applied)}");
                    foreach (var (role, variable) in passwordsSet) output.WriteLine($"{role}: password set from {variable}");
                });
        });
        return command;
    }

    private static Command GrantMatrixCommand()
    {
        var config = CommonOptions.Config();
        var command = new Command("grant-matrix", "Print the lanes' canonical grant matrix and its sha (read through the verify lane)");
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CutterConfiguration.Load(parse.GetValue(config));
            await using var connection = await OpenVerifyLaneAsync(configuration, "cutter-grant-matrix", ct);
            var matrix = await GrantMatrix.ReadAsync(connection, ct);
            var setting = configuration.Orchestrator.ExpectedGrantMatrixSha;
            var pinned = string.IsNullOrWhiteSpace(setting) ? (VersionedHash?)null : GrantMatrix.ParsePin(setting);
            bool? matches = pinned is { } pin ? matrix.MatchesPin(pin) : null;
            return JsonOutput.Result(parse, matches == false ? ExitCodes.ChecksFailed : ExitCodes.Ok,
                () => new
                {
                    matrix.Lines,
                    Sha = matrix.Sha.ToString(),
                    Pin = pinned is { } pin ? new { Setting = GrantMatrix.PinSetting, Expected = pin.ToString(), Matches = matches } : null,
                },
                output =>
                {
                    foreach (var line in matrix.Lines) output.WriteLine(line);
                    output.WriteLine();
                    output.WriteLine(matrix.Sha);
                    if (pinned is { } pin) output.WriteLine(matches == true ? $"matches {GrantMatrix.PinSetting}" : $"DIFFERS from {GrantMatrix.PinSetting} {pin}");
                });
        });
        return command;
    }

    /// <summary>A connection on the read-only verify lane, from the environment the configuration names.</summary>
    internal static async Task<NpgsqlConnection> OpenVerifyLaneAsync(CutterConfiguration configuration, string applicationName, CancellationToken ct)
    {
        var read = configuration.ReadEnvironment;
        var connection = new NpgsqlConnection(StoreEndpoint.FromEnvironment(read).ConnectionString(LaneCredentials.FromEnvironment(Lane.Verify, read), applicationName));
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static Command SchemaPinCommand()
    {
        var config = CommonOptions.Config();
        var write = new Option<FileInfo?>("--write") { Description = $"Also write the listing to this file (new files only), for {SchemaSurface.ListingSetting}" };
        var command = new Command("schema-pin", "Print the store's executable surface on the governed schemas (functions, triggers, policies, rules, owners, grants to every role) and its sha (read through the verify lane)");
        command.Options.Add(config);
        command.Options.Add(write);
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CutterConfiguration.Load(parse.GetValue(config));
            await using var connection = await OpenVerifyLaneAsync(configuration, "cutter-schema-pin", ct);
            var surface = await SchemaSurface.ReadAsync(connection, ct);
            string? written = null;
            if (parse.GetValue(write) is { } file)
            {
                if (file.Exists) throw new InvalidInputException("--write", $"'{file.FullName}' already exists; a reviewed listing is never overwritten");
                await File.WriteAllTextAsync(file.FullName, surface.Canonical + "\n", ct);
                written = file.FullName;
            }
            var settings = configuration.Orchestrator;
            var comparison = string.IsNullOrWhiteSpace(settings.ExpectedSchemaSha)
                ? null
                : SchemaPinComparison.Compare(surface, settings.ExpectedSchemaSha, settings.ExpectedSchemaListing);
            return JsonOutput.Result(parse, comparison is { Matches: false } ? ExitCodes.ChecksFailed : ExitCodes.Ok,
                () => new
                {
                    surface.Lines,
                    Sha = surface.Sha.ToString(),
                    ListingWritten = written,
                    Pin = comparison is null ? null : new { Setting = SchemaSurface.PinSetting, comparison.Expected, comparison.Matches, comparison.Differences },
                },
                output =>
                {
                    foreach (var line in surface.Lines) output.WriteLine(line);
                    output.WriteLine();
                    output.WriteLine(surface.Sha);
                    if (written is not null) output.WriteLine($"listing written to {written}");
                    if (comparison is null) return;
                    if (comparison.Matches)
                    {
                        output.WriteLine($"matches {SchemaSurface.PinSetting}");
                        return;
                    }
                    output.WriteLine($"DIFFERS from {SchemaSurface.PinSetting} {comparison.Expected}");
                    foreach (var difference in comparison.Differences) output.WriteLine(difference);
                });
        });
        return command;
    }

    private static Command SeedSamples()
    {
        var kbRoot = new Option<DirectoryInfo>("--kb-root") { Description = "Folder KB to place the sample documents in", Required = true };
        var command = new Command("seed-samples", "Fill an empty store with the sample registry (ICX-CONST with 60 units, and others) and place the samples in a folder KB");
        command.Options.Add(kbRoot);
        command.SetAction(async (parse, ct) =>
        {
            var seeded = await SampleRegistry.SeedAsync(RequireAdmin(), parse.GetValue(kbRoot)!.FullName, TimeProvider.System, ct);
            return JsonOutput.Result(parse, ExitCodes.Ok,
                () => new { Seeded = seeded.Select(code => code.Value), Target = SampleRegistry.TargetId.ToString() },
                output => output.WriteLine($"seeded {string.Join(", ", seeded)}; target {SampleRegistry.TargetId} placed in the KB only"));
        });
        return command;
    }

    private static string RequireAdmin() =>
        Environment.GetEnvironmentVariable(EnvironmentNames.AdminConnectionString) is { Length: > 0 } admin
            ? admin
            : throw new InvalidInputException(EnvironmentNames.AdminConnectionString, "is not set (an owner connection string for the store)");
}
