using Cutter.Infrastructure;
using Cutter.Tests.Architecture;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>The bash completion the README documents (docs/completion/cutter.bash), run in a real bash against the real tool.</summary>
public sealed class CompletionTests
{
    /// <summary>What the completion offers with the cursor at the end of <paramref name="line"/>.</summary>
    private static async Task<string[]> CompleteAsync(string line)
    {
        var words = line.Split(' ');
        var script = $$"""
            cutter() { dotnet '{{Path.Combine(AppContext.BaseDirectory, "Cutter.Cli.dll")}}' "$@"; }
            source '{{Path.Combine(NamespaceGraph.RepositoryRoot, "docs", "completion", "cutter.bash")}}'
            COMP_LINE='{{line}}'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=({{string.Join(' ', words.Select(w => $"'{w}'"))}}); COMP_CWORD={{words.Length - 1}}
            _cutter
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var result = await ProcessRunner.RunAsync("bash", ["-c", script], new Dictionary<string, string?>(), Path.GetTempPath());
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task A_verb_completes_from_its_first_letters() =>
        Assert.Equal(["plan", "precheck"], await CompleteAsync("cutter p"));

    [Fact]
    public async Task A_sub_verb_completes_under_its_group() =>
        Assert.Equal(["grant-matrix"], await CompleteAsync("cutter db gr"));

    [Fact]
    public async Task An_option_value_completes_from_the_accepted_values() =>
        Assert.Equal(["dry-run", "live", "simulate"], await CompleteAsync("cutter orchestrate --mode "));
}
