using System.Text;
using YamlDotNet.Serialization;

namespace Cutter.Orchestration.Reports;

/// <summary>Renders a KB document: YAML front matter (string values, in the given order) and a Markdown body.</summary>
internal static class ReportDocument
{
    private static readonly ISerializer Yaml = new SerializerBuilder().Build();

    public static byte[] Render(IEnumerable<KeyValuePair<string, string>> frontMatter, string body)
    {
        var ordered = new List<KeyValuePair<string, string>>(frontMatter);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ordered) map[key] = value;
        var builder = new StringBuilder();
        builder.Append("---\n");
        builder.Append(Yaml.Serialize(map).Replace("\r\n", "\n", StringComparison.Ordinal));
        builder.Append("---\n\n");
        builder.Append(body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        builder.Append('\n');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
