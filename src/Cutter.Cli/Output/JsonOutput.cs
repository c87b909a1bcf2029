using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cutter.Cli.Output;

/// <summary>
/// The global <c>--json</c> option and the one writer every verb's JSON goes through, so a script reads one JSON
/// document on stdout for every outcome: <c>{"verb", "exit_code", ...the verb's fields}</c> on success (schema
/// docs/json/VERB.schema.json) and <c>{"verb", "exit_code", "error": {...}}</c> on a failure (docs/json/error.schema.json).
/// A new verb gets --json for free (the option is recursive); it calls <see cref="Result"/> and adds its schema.
/// </summary>
internal static class JsonOutput
{
    public static Option<bool> Option { get; } = new("--json")
    {
        Description = "Print the result, or the error, as one JSON document on stdout (schemas: docs/json/)",
        Recursive = true,
    };

    private static readonly JsonSerializerOptions Serializer = new()
    {
        WriteIndented = true,
        // Paths and messages stay readable ('don't', not \u0027); the output is a terminal or a file, never HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static bool Requested(ParseResult parse) => parse.GetValue(Option);

    /// <summary>Where a verb's human-readable lines go: stdout, or stderr when stdout carries the JSON.</summary>
    public static TextWriter HumanOutput(ParseResult parse) => Requested(parse) ? Console.Error : Console.Out;

    /// <summary>The verb as `cutter --help` names it ("db grant-matrix"); its schema is docs/json/db-grant-matrix.schema.json.</summary>
    public static string VerbOf(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }
        return string.Join(' ', names);
    }

    /// <summary>Writes <paramref name="json"/> (as JSON) or <paramref name="text"/> (for people), and returns <paramref name="exitCode"/>.</summary>
    public static int Result(ParseResult parse, int exitCode, Func<object> json, Action<TextWriter> text)
    {
        if (Requested(parse)) Write(parse, exitCode, JsonSerializer.SerializeToNode(json(), Serializer));
        else text(Console.Out);
        return exitCode;
    }

    /// <summary>An error document: the same one line as stderr, its kind, and for a STOP the code and where to read about it.</summary>
    public static void Error(ParseResult parse, CliError error, object? details = null)
    {
        var node = details is null ? new JsonObject() : JsonSerializer.SerializeToNode(details, Serializer);
        if (node is JsonObject fields) fields["error"] = JsonSerializer.SerializeToNode(error.ToJson(), Serializer);
        Write(parse, error.ExitCode, node);
    }

    private static void Write(ParseResult parse, int exitCode, JsonNode? fields)
    {
        var document = new JsonObject { ["verb"] = VerbOf(parse), ["exit_code"] = exitCode };
        if (fields is JsonObject members)
        {
            foreach (var (name, value) in members.ToArray())
            {
                members.Remove(name);
                document[name] = value;
            }
        }
        Console.Out.WriteLine(document.ToJsonString(Serializer));
    }
}
