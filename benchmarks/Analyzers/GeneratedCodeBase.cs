using System.Globalization;
using System.Text;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// A large, clean, literal-heavy C# code base generated in memory: configuration keys, environment names, log
/// messages, SQL, regex patterns, interpolations, dictionaries. Clean because a real build is (almost always) clean,
/// and a clean literal is the analyzer's common, full-cost path (every check runs and none fires).
/// </summary>
internal static class GeneratedCodeBase
{
    public static IReadOnlyList<string> Files(int fileCount, int classesPerFile)
    {
        var files = new List<string>(fileCount);
        for (var f = 0; f < fileCount; f++)
        {
            var source = new StringBuilder();
            source.AppendLine("using System;").AppendLine("using System.Collections.Generic;").AppendLine("using System.Text.RegularExpressions;");
            source.Append("namespace Generated.N").Append(f).AppendLine(";");
            for (var c = 0; c < classesPerFile; c++)
            {
                AppendClass(source, f * classesPerFile + c);
            }
            files.Add(source.ToString());
        }
        return files;
    }

    private static void AppendClass(StringBuilder s, int n)
    {
        var i = n.ToString(CultureInfo.InvariantCulture);
        s.Append("public sealed class Service").Append(i).AppendLine(" {");
        s.Append("    public const string SectionName = \"services:service_").Append(i).AppendLine("\";");
        s.Append("    public const string PasswordVariable = \"SERVICE_").Append(i).AppendLine("_DB_PASSWORD\";");
        s.Append("    public const string ApiKeyHeader = \"X-Service-").Append(i).AppendLine("-Key\";");
        s.AppendLine("    private const string SelectSql = \"SELECT id, name, updated_at FROM app.items WHERE owner = $1 AND state = 'active'\";");
        s.AppendLine("    private static readonly Regex Code = new(\"^[A-Z]{3}-[0-9]{4}$\");");
        s.Append("    public string Name { get; set; } = \"service-").Append(i).AppendLine("\";");
        s.AppendLine("    public Dictionary<string, string> Defaults { get; } = new() { [\"mode\"] = \"dry-run\", [\"region\"] = \"eu-central\", [\"format\"] = \"json\" };");
        s.AppendLine("    public string? Password() => Environment.GetEnvironmentVariable(PasswordVariable);");
        s.AppendLine("    public string Describe(int count, string owner)");
        s.AppendLine("    {");
        s.AppendLine("        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), \"count must not be negative\");");
        s.AppendLine("        var label = $\"{owner} owns {count} items in section {SectionName}\";");
        s.AppendLine("        Console.WriteLine(\"describing the password policy and the token lifetime for \" + owner);");
        s.AppendLine("        var parts = new List<string> { \"alpha\", \"beta\", \"gamma\", label, \"delta-epsilon\", \"https://docs.internal.example.com/items\" };");
        s.AppendLine("        return string.Join(\", \", parts) + (Code.IsMatch(owner) ? \" (coded)\" : \" (free text)\");");
        s.AppendLine("    }");
        s.AppendLine("    public Guid NewId() => Guid.NewGuid();");
        s.AppendLine("    public string Query(string owner) => SelectSql + \" -- \" + owner;");
        s.AppendLine("}");
    }
}
