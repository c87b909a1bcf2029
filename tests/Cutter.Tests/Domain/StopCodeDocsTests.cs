using Cutter.Domain;
using Xunit;

namespace Cutter.Tests.Domain;

public sealed class StopCodeDocsTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cutter.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Fact]
    public void Every_stop_code_has_a_section_in_the_operator_docs()
    {
        var doc = File.ReadAllText(RepoFile("docs/stop-codes.md"));

        var missing = StopCodes.All.Where(c => !doc.Contains("## " + c.Code + "\n", StringComparison.Ordinal)).Select(c => c.Code).ToArray();

        Assert.Empty(missing);
    }

    [Fact]
    public void Stop_codes_are_unique_and_well_formed()
    {
        Assert.Equal(StopCodes.All.Count, StopCodes.All.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(StopCodes.All, c => Assert.Matches("^STOP_[A-Z_]+$", c.Code));
    }
}
