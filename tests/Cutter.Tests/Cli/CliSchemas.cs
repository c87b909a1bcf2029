using System.Text.Json.Nodes;
using Cutter.Tests.Architecture;
using Json.Schema;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>The documented JSON Schemas of `cutter VERB --json` (docs/json/), loaded once, with their cross-file $refs resolvable.</summary>
internal static class CliSchemas
{
    public static string Folder { get; } = Path.Combine(NamespaceGraph.RepositoryRoot, "docs", "json");

    /// <summary>The schemas that are parts of others, not one verb's output.</summary>
    public static readonly string[] Shared = ["error", "run", "pending-requests", "verification", "batch"];

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(() =>
    {
        var schemas = Directory.GetFiles(Folder, "*.schema.json")
            .ToDictionary(file => Path.GetFileName(file)[..^".schema.json".Length], file => JsonSchema.FromFile(file), StringComparer.Ordinal);
        foreach (var schema in schemas.Values) SchemaRegistry.Global.Register(schema);
        return schemas;
    });

    public static IReadOnlyCollection<string> Names => Schemas.Value.Keys.ToArray();

    /// <summary>"db grant-matrix" is documented in db-grant-matrix.schema.json.</summary>
    public static string FileNameOf(string verb) => verb.Replace(' ', '-') + ".schema.json";

    /// <summary>Null when <paramref name="json"/> is valid against the named schema, else every failure with its location.</summary>
    public static string? Problems(string schemaName, JsonNode? json)
    {
        var results = Schemas.Value[schemaName].Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return null;
        return string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
    }

    /// <summary>Parses stdout as one JSON document and asserts it is valid against the verb's schema (or the error schema); returns it.</summary>
    public static JsonObject AssertValid(string schemaName, string stdout)
    {
        var json = JsonNode.Parse(stdout) as JsonObject;
        Assert.NotNull(json);
        var problems = Problems(schemaName, json);
        Assert.True(problems is null, $"not valid against {schemaName}.schema.json:\n{problems}\n{stdout}");
        return json;
    }

    /// <summary>An error document (it has "error") against the error schema, any other against the verb's; returns it.</summary>
    public static JsonObject AssertValidOutput(string verb, Cutter.Infrastructure.ProcessResult result)
    {
        var isError = JsonNode.Parse(result.StandardOutput) is JsonObject parsed && parsed.ContainsKey("error");
        var json = AssertValid(isError ? "error" : verb.Replace(' ', '-'), result.StandardOutput);
        Assert.Equal(verb, (string?)json["verb"]);
        Assert.Equal(result.ExitCode, (int?)json["exit_code"]);
        return json;
    }
}
