using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>Every verb answers --help with its description and options, exit 0, through the real process.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("rehearse", "--work-dir")]
    [InlineData("orchestrate", "--document")]
    [InlineData("resume", "--approval")]
    [InlineData("status", "--run-id")]
    [InlineData("approve", "--request")]
    [InlineData("precheck", "--config")]
    [InlineData("plan", "--kb-root")]
    [InlineData("db", "migrate")]
    [InlineData("release-manifest", "--output")]
    public async Task Each_verb_prints_help_naming_its_options(string verb, string expected)
    {
        using var folder = new TempFolder();

        var result = await CutterProcess.RunAsync(new Dictionary<string, string?>(), folder.Path, verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var result = await CutterProcess.RunAsync(new Dictionary<string, string?>(), folder.Path, "enact-everything");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("enact-everything", result.StandardError, StringComparison.Ordinal);
    }
}
