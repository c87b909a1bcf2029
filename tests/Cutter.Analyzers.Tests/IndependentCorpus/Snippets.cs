namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// The places a value sits in real code and configuration: a constant, a local, an argument, an assignment, an
/// interpolated string, a JSON or env line. Kinds are those <see cref="Corpus.CorpusDocuments"/> lays out.
/// </summary>
internal static class Snippets
{
    public static (string, string) Member(string name, string value) => ("member", $"private const string {name} = {Quote(value)};");

    public static (string, string) StaticField(string name, string value) => ("member", $"private static readonly string {name} = {Quote(value)};");

    public static (string, string) Property(string name, string value) => ("member", $"public string {name} {{ get; set; }} = {Quote(value)};");

    public static (string, string) Local(string name, string value) => ("statement", $"var {name} = {Quote(value)}; Api.Send({name});");

    public static (string, string) Argument(string value) => ("statement", $"Api.Send({Quote(value)});");

    /// <summary>A verbatim string; line breaks become spaces so that each case stays on its own line of the corpus file.</summary>
    public static (string, string) Verbatim(string value) =>
        ("statement", $"Api.Send(@\"{value.Replace("\"", "\"\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)}\");");

    public static (string, string) Assignment(string key, string value) => ("statement", $"settings[{Quote(key)}] = {Quote(value)};");

    public static (string, string) UriArgument(string value) => ("statement", $"Use(new Uri({Quote(value)}));");

    /// <summary>An interpolated string: <paramref name="before"/>{name}<paramref name="after"/>.</summary>
    public static (string, string) Interpolated(string before, string after) =>
        ("statement", $"text = $\"{EscapeInterpolated(before)}{{name}}{EscapeInterpolated(after)}\";");

    public static (string, string) JsonPair(string key, string value) => ("json", $"\"{key}\": {Quote(value)},");

    public static (string, string) Env(string key, string value) => ("env", $"{key}={value}");

    /// <summary>The i-th of several placements, so every category covers several contexts.</summary>
    public static (string, string) Rotate(int i, params (string, string)[] placements) => placements[i % placements.Length];

    private static string Quote(string value) => "\"" + Escape(value) + "\"";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeInterpolated(string value) =>
        Escape(value).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
