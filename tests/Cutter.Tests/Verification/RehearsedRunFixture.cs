using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Disposable;
using Cutter.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// One completed live rehearsal run shared by the verification test classes. Tests never touch it: each breaks a private copy
/// (<see cref="CopyAsync"/>: the store database cloned with CREATE DATABASE ... TEMPLATE and the sidecar folder copied).
/// </summary>
public class RehearsedRunFixture : IAsyncLifetime
{
    private RehearsalEnvironment? _environment;

    internal RehearsalEnvironment Environment => _environment ?? throw new InvalidOperationException("the rehearsal has not run");
    public RunState State { get; private set; } = null!;
    public RunId RunId => RunId.Parse(State.RunId);
    public string WorkDir { get; } = Directory.CreateTempSubdirectory("cutter-verification-").FullName;

    public async Task InitializeAsync()
    {
        _environment = await RehearsalEnvironment.CreateAsync(WorkDir, NullLogger.Instance, TimeProvider.System);
        State = await RunAsync(_environment);
    }

    /// <summary>The finished run(s) every copy starts from; returns the run the copies verify.</summary>
    private protected virtual Task<RunState> RunAsync(RehearsalEnvironment environment) =>
        RehearsalRun.RunAsync(environment, TimeProvider.System, NullLogger.Instance);

    public async Task DisposeAsync()
    {
        if (_environment is not null) await _environment.DisposeAsync();
        try { Directory.Delete(WorkDir, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>
    /// A private copy of the finished run: its own database and sidecar folder; the KB and keys are shared (read-only)
    /// unless <paramref name="ownKb"/> asks for a copy of the KB folder too (for tests that edit KB files).
    /// </summary>
    internal async Task<RunCopy> CopyAsync(bool ownKb = false)
    {
        // A template database must have no other sessions. The runner's lanes closed theirs when its services were
        // disposed; what stays idle in Npgsql's shared pools are the harness's own connections to the store (seeding
        // on the owner login, the backup's verify-lane reads), so close exactly those pools.
        foreach (var connectionString in new[] { Environment.Store.OwnerConnectionString, Environment.Access.ExecConnectionString, Environment.Access.VerifyConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        var server = Environment.Server.Server;
        var name = await server.CreateDatabaseAsync(template: Environment.Store.Name);
        var sidecarRoot = Path.Combine(WorkDir, "copies", name);
        CopyFolder(Environment.Settings.SidecarRoot, sidecarRoot);
        var kbRoot = Environment.Settings.KbRoot;
        if (ownKb)
        {
            kbRoot = Path.Combine(WorkDir, "copies", name + "-kb");
            CopyFolder(Environment.Settings.KbRoot, kbRoot);
        }
        var endpoint = Environment.Store.Endpoint with { Database = name };
        var settings = new OrchestratorSettings
        {
            SidecarRoot = sidecarRoot,
            KbRoot = kbRoot,
            ExpectedGrantMatrixSha = Environment.Settings.ExpectedGrantMatrixSha,
            ExpectedSchemaSha = Environment.Settings.ExpectedSchemaSha,
            ExpectedSchemaListing = Environment.Settings.ExpectedSchemaListing,
            AllowedSignersFile = Environment.Settings.AllowedSignersFile,
            VerifierKey = Environment.Settings.VerifierKey,
        };
        return new RunCopy(server, name, RunId, settings,
            server.ConnectionStringFor(name),
            endpoint.ConnectionString(Environment.Store.VerifyCredentials),
            endpoint.ConnectionString(Environment.Store.ExecCredentials));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>The verification test classes share one rehearsal (about 10 s); each test breaks its own copy.</summary>
[CollectionDefinition(Name)]
public sealed class RehearsedRunCollection : ICollectionFixture<RehearsedRunFixture>
{
    public const string Name = "rehearsed run";
}

/// <summary>A breakable copy of a finished run.</summary>
internal sealed class RunCopy(PostgresServer server, string database, RunId runId, OrchestratorSettings settings,
    string ownerConnectionString, string verifyConnectionString, string execConnectionString) : IAsyncDisposable
{
    public RunId RunId { get; } = runId;
    public OrchestratorSettings Settings { get; } = settings;
    public string OwnerConnectionString { get; } = ownerConnectionString;
    public string VerifyConnectionString { get; } = verifyConnectionString;
    public string ExecConnectionString { get; } = execConnectionString;
    public SidecarStore Sidecar => new(Settings.SidecarRoot);
    public string StatePath => Sidecar.StatePath(RunId);

    public Task<VerificationReport> VerifyAsync() =>
        RunVerifier.VerifyAsync(Sidecar.Load(RunId), VerifyConnectionString, Settings.ExpectedGrantMatrixSha, VerifierSettings.From(Settings),
            new FolderKnowledgeBase(Settings.KbRoot), Sidecar, TimeProvider.System, Cutter.Governance.Signatures.AllowedSigners.Load(Settings.AllowedSignersFile));

    /// <summary>Runs SQL as the database owner (a superuser), the way an operator with too much access would.</summary>
    public async Task AsOwnerAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The NOSUPERUSER role that owns the governed schemas once <see cref="HandSchemasToOwnerRoleAsync"/> ran.</summary>
    public string SchemaOwnerRole { get; } = "owner_" + database;

    /// <summary>
    /// Makes the copy look like a production install: a NOSUPERUSER, NOCREATEROLE, NOBYPASSRLS role owns both governed
    /// schemas and every table, sequence, view and function in them but the governor's (what `cutter db migrate` run by that role leaves).
    /// </summary>
    public async Task HandSchemasToOwnerRoleAsync()
    {
        await AsOwnerAsync($"""
            CREATE ROLE {SchemaOwnerRole} NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION;
            DO $$
            DECLARE
                r record;
                owner text := '{SchemaOwnerRole}';
            BEGIN
                EXECUTE format('ALTER SCHEMA cutter_core OWNER TO %I', owner);
                EXECUTE format('ALTER SCHEMA cutter_governance OWNER TO %I', owner);
                FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('cutter_core', 'cutter_governance') AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
                    EXECUTE format('ALTER TABLE %s OWNER TO %I', r.rel, owner);
                END LOOP;
                -- Sequences a table owns moved with it; the free-standing ones move here.
                FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('cutter_core', 'cutter_governance') AND c.relkind = 'S'
                           AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = owner) LOOP
                    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.rel, owner);
                END LOOP;
                -- The governed-write functions stay with the NOLOGIN governor (0009), as a migration run by the owner leaves them.
                FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname IN ('cutter_core', 'cutter_governance')
                           AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = 'cutter_governor') LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.fn, owner);
                END LOOP;
            END
            $$;
            """);
    }

    /// <summary>Runs SQL as the schemas' NOSUPERUSER owner role (<see cref="HandSchemasToOwnerRoleAsync"/> first): what a rogue owner can do.</summary>
    public Task AsSchemaOwnerAsync(string sql, params (string Name, object Value)[] parameters) =>
        AsOwnerAsync($"SET ROLE {SchemaOwnerRole};\n{sql.TrimEnd().TrimEnd(';')};\nRESET ROLE", parameters);

    /// <summary>What `cutter audit verify` finds in this copy (the log, the runs index, the checkpoints and closeout docs, the evidence).</summary>
    public async Task<Cutter.Orchestration.Audit.AuditOutcome> AuditAsync()
    {
        await using var connection = new NpgsqlConnection(VerifyConnectionString);
        await connection.OpenAsync();
        return await Cutter.Orchestration.Audit.StoreAudit.RunAsync(Settings, connection, new FolderKnowledgeBase(Settings.KbRoot), null, CancellationToken.None);
    }

    /// <summary>Verifies and writes the next signed report, as `cutter verify` does.</summary>
    public Task<VerificationOutcome> VerifyAndWriteAsync() =>
        RunVerification.VerifyAndWriteAsync(Settings, VerifyConnectionString, RunId, TimeProvider.System);

    /// <summary>Edits this copy's state.json as JSON, the way a hand (or an older Cutter) would have written it.</summary>
    public void EditState(Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(StatePath))!;
        edit(node);
        File.WriteAllText(StatePath, node.ToJsonString());
    }

    /// <summary>Every check's verdict, expected and actual value, for an assertion message.</summary>
    public static string Describe(VerificationReport report) =>
        string.Join("\n", report.Checks.Select(c => $"{(c.Passed ? "pass" : "FAIL")} {c.Name}: expected {c.Expected}; actual {c.Actual}"));

    public async ValueTask DisposeAsync()
    {
        await server.DropDatabaseAsync(database);
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {SchemaOwnerRole}", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
