using System.Text;
using System.Text.RegularExpressions;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>docs/payload-sha.md's worked example must be what the code produces, byte for byte.</summary>
public partial class PayloadShaDocTests
{
    [Fact]
    public void WorkedExample_InTheDocs_MatchesTheSerializationAndTheSha()
    {
        var doc = File.ReadAllText(Path.Combine(TestDocuments.RepoRoot(), "docs", "payload-sha.md"));
        var input = Block(doc, "example-input");
        var serialization = Block(doc, "example-serialization");
        var sha = ShaLine().Match(doc).Groups[1].Value;

        var set = DocumentCutter.Cut(TestDocuments.FromText(input, "KB-42"), CuttingOptions.Default);

        Assert.Equal(serialization, Encoding.UTF8.GetString(PayloadSerializer.Serialize(set.DocumentCode, set.Units)));
        Assert.Equal(sha, set.PayloadSha.Hex);
    }

    /// <summary>The fenced block that follows an HTML comment naming it.</summary>
    private static string Block(string doc, string name)
    {
        var match = Regex.Match(doc, $"<!-- {name} -->\\n```[a-z]*\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/payload-sha.md has no block named {name}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("payload_sha: `([0-9a-f]{64})`")]
    private static partial Regex ShaLine();
}
