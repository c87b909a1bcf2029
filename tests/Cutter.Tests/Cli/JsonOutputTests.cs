using System.CommandLine;
using System.Text.Json.Nodes;
using Cutter.Cli;
using Cutter.Cli.Help;
using Cutter.Configuration;
using Cutter.Infrastructure;
using Cutter.Rehearsal.Seeding;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// `cutter VERB --json` through the real process: every verb has a documented schema (docs/json/) and examples, its
/// errors come as JSON on stdout valid against error.schema.json, and the outputs a test can make without a database
/// validate against the verb's schema. The database verbs' outputs are validated by <see cref="ScriptedRunTests"/>.
/// </summary>
public sealed class JsonOutputTests : IDisposable
{
    private const string StackFrame = "   at ";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => Path.Combine(_dir.Path, name);

    private Task<ProcessResult> CutterAsync(params string[] arguments) =>
        CutterProcess.RunIsolatedAsync(new Dictionary<string, string?>(), _dir.Path, arguments);

    /// <summary>Every verb `cutter --help` lists, as help names it ("db grant-matrix").</summary>
    public static IReadOnlyList<string> Verbs()
    {
        var verbs = new List<string>();
        void Walk(Command command, string prefix)
        {
            var name = prefix.Length == 0 ? command.Name : $"{prefix} {command.Name}";
            if (command.Subcommands.Count == 0) verbs.Add(name);
            foreach (var sub in command.Subcommands) Walk(sub, name);
        }
        foreach (var command in CommandRegistry.All()) Walk(command, "");
        return verbs;
    }

    private static readonly string Missing = "missing.json";
    private static readonly string SomeRun = Guid.NewGuid().ToString();

    /// <summary>One ordinary failure per verb, none needing a database: a missing configuration, input or argument.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ErrorCases = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["rehearse"] = ["rehearse", "--setup-only"],
        ["orchestrate"] = ["orchestrate", "--document", "KB-2186", "--mode", "live", "--actor", "alice", "--config", Missing],
        ["resume"] = ["resume", "--run-id", SomeRun, "--config", Missing],
        ["status"] = ["status", "--config", Missing],
        ["batch plan"] = ["batch", "plan", "--name", "b1", "--documents", "KB-1,not-a-kb-id", "--actor", "alice"],
        ["batch status"] = ["batch", "status", "--name", "b1", "--config", Missing],
        ["batch resume"] = ["batch", "resume", "--name", "b1", "--config", Missing],
        ["show"] = ["show", "KB-2186", "part-1/ch-1/art-1", "--config", Missing],
        ["revert"] = ["revert", "--run-id", SomeRun, "--config", Missing],
        ["compensate"] = ["compensate", "--run-id", SomeRun, "--config", Missing],
        ["db migrate"] = ["db", "migrate"],
        ["db grant-matrix"] = ["db", "grant-matrix", "--config", Missing],
        ["db schema-pin"] = ["db", "schema-pin", "--config", Missing],
        ["db seed-samples"] = ["db", "seed-samples", "--kb-root", "kb"],
        ["audit verify"] = ["audit", "verify", "--config", Missing],
        ["plan"] = ["plan", "KB-0000", "--kb-root", "."],
        ["approve"] = ["approve", "--request", "KB-99999", "--key", "no-such-key", "--signer", "alice@example.org", "--kb-root", ".", "--yes"],
        ["precheck"] = ["precheck", "--config", Missing],
        ["release-manifest"] = ["release-manifest", "no-such-release"],
        ["verify"] = ["verify", "--run-id", SomeRun, "--config", Missing],
        ["scan"] = ["scan"],
        ["worker"] = ["worker", "--lease", "1", "--config", Missing],
    };

    public static TheoryData<string> VerbData()
    {
        var data = new TheoryData<string>();
        foreach (var verb in Verbs()) data.Add(verb);
        return data;
    }

    [Fact]
    public void Every_schema_file_documents_a_verb_or_a_shared_part()
    {
        var documented = Verbs().Select(v => v.Replace(' ', '-')).Concat(CliSchemas.Shared).Order().ToArray();

        Assert.Equal(documented, CliSchemas.Names.Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(VerbData))]
    public void Every_verb_has_a_schema_examples_and_an_error_case(string verb)
    {
        Assert.True(File.Exists(Path.Combine(CliSchemas.Folder, CliSchemas.FileNameOf(verb))), $"docs/json/{CliSchemas.FileNameOf(verb)} is missing");
        Assert.NotEmpty(VerbExamples.For(verb));
        Assert.True(ErrorCases.ContainsKey(verb), $"no error case for {verb}");
    }

    [Theory]
    [MemberData(nameof(VerbData))]
    public async Task Every_verb_reports_an_error_as_json_on_stdout_and_one_line_on_stderr(string verb)
    {
        var result = await CutterAsync([.. ErrorCases[verb], "--json"]);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        var json = CliSchemas.AssertValidOutput(verb, result);
        Assert.Equal("usage_error", (string?)json["error"]!["kind"]);
        Assert.Equal((string?)json["error"]!["message"] + "\n", result.StandardError);
        Assert.DoesNotContain(StackFrame, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_json_of_a_document_validates_and_names_the_cut()
    {
        SampleKnowledgeBase.WriteTo(_dir.Path);

        var result = await CutterAsync("plan", "KB-2001", "--kb-root", _dir.Path, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var json = CliSchemas.AssertValidOutput("plan", result);
        Assert.Equal("ICX-CONST", (string?)json["document_code"]);
        Assert.True((bool?)json["valid"]);
    }

    [Fact]
    public async Task Plan_json_of_an_invalid_document_is_an_error_document_with_every_diagnostic()
    {
        var path = PathOf("draft.md");
        File.WriteAllText(path, "---\nid: KB-7001\ndocument_code: ICX-TEST\n---\n## Article 1\n\n## Article 1\n\nText.\n");

        var result = await CutterAsync("plan", path, "--json");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        var json = CliSchemas.AssertValidOutput("plan", result);
        Assert.False((bool?)json["valid"]);
        Assert.Equal("KB-7001", (string?)json["kb_id"]);
        Assert.Contains(json["diagnostics"]!.AsArray(), d => (string?)d!["code"] == "duplicate-numbering" && (int?)d["line"] == 7);
        Assert.StartsWith("error: KB-7001: cut plan invalid", (string?)json["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_manifest_json_lists_each_file_with_its_sha256()
    {
        var release = Directory.CreateDirectory(PathOf("release")).FullName;
        File.WriteAllText(Path.Combine(release, "cutter.dll"), "v1");

        var result = await CutterAsync("release-manifest", release, "--json");

        var json = CliSchemas.AssertValidOutput("release-manifest", result);
        var entry = Assert.Single(json["entries"]!.AsArray());
        Assert.Equal("cutter.dll", (string?)entry!["path"]);
        // sha256("v1")
        Assert.Equal("3bfc269594ef649228e9a74bab00f042efc91d5acc6fbee31a382e80d42388fe", (string?)entry["sha256"]);
    }

    [Fact]
    public async Task Scan_json_wraps_the_scan_report_with_its_exit_code()
    {
        var file = PathOf("appsettings.json");
        File.WriteAllText(file, "{ \"Logging\": { \"Level\": \"Information\" } }");

        var result = await CutterAsync("scan", file, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var json = CliSchemas.AssertValidOutput("scan", result);
        Assert.Equal(1, (int?)json["filesScanned"]);
    }

    [Fact]
    public async Task Status_and_precheck_json_validate_on_a_store_less_configuration()
    {
        var sidecar = Directory.CreateDirectory(PathOf("runs")).FullName;
        var config = PathOf("cutter.json");
        File.WriteAllText(config, new JsonObject { [OrchestratorSettings.SectionName] = new JsonObject { ["sidecar_root"] = sidecar } }.ToJsonString());

        var status = await CutterAsync("status", "--config", config, "--json");
        var precheck = await CutterAsync("precheck", "--config", config, "--json");

        Assert.Empty(CliSchemas.AssertValidOutput("status", status)["runs"]!.AsArray());
        Assert.Equal(ExitCodes.ChecksFailed, precheck.ExitCode);
        Assert.False((bool?)CliSchemas.AssertValidOutput("precheck", precheck)["all_passed"]);
    }

    [Fact]
    public void The_schemas_reject_what_the_contract_forbids()
    {
        var paused = JsonNode.Parse("""{ "verb": "orchestrate", "exit_code": 0, "outcome": "paused" }""");
        var twoLines = JsonNode.Parse("""{ "verb": "plan", "exit_code": 2, "error": { "kind": "usage_error", "message": "one\ntwo", "stop": null } }""");
        var unknownKind = JsonNode.Parse("""{ "verb": "plan", "exit_code": 2, "error": { "kind": "oops", "message": "one", "stop": null } }""");

        Assert.NotNull(CliSchemas.Problems("orchestrate", paused));
        Assert.NotNull(CliSchemas.Problems("error", twoLines));
        Assert.NotNull(CliSchemas.Problems("error", unknownKind));
    }

    [Fact]
    public async Task A_usage_error_names_the_verb_help_in_one_line()
    {
        var result = await CutterAsync("resume");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal("error: Option '--run-id' is required. (see `cutter resume --help`)\n", result.StandardError);
    }
}
