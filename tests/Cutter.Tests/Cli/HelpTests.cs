using System.Text.RegularExpressions;
using Cutter.Cli.Help;
using Cutter.Infrastructure;
using Cutter.Tests.Architecture;
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

    private static async Task<ProcessResult> CutterAsync(params string[] arguments)
    {
        using var folder = new TempFolder();
        return await CutterProcess.RunAsync(new Dictionary<string, string?>(), folder.Path, arguments);
    }

    [Theory]
    [MemberData(nameof(JsonOutputTests.VerbData), MemberType = typeof(JsonOutputTests))]
    public async Task Each_verb_help_says_cutter_and_ends_with_its_examples(string verb)
    {
        var result = await CutterAsync([.. verb.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Usage:\n  cutter {verb} ", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Cutter.Cli", result.StandardOutput, StringComparison.Ordinal);
        var examples = result.StandardOutput[result.StandardOutput.IndexOf("Examples:\n", StringComparison.Ordinal)..];
        foreach (var example in VerbExamples.For(verb))
        {
            Assert.Contains($"  {example.CommandLine}\n      {example.What}\n", examples, StringComparison.Ordinal);
            Assert.Matches($"^cutter {Regex.Escape(verb)}( |$)", example.CommandLine);
        }
    }

    [Fact]
    public async Task Help_of_a_verb_with_a_missing_argument_is_still_help()
    {
        var result = await CutterAsync("plan", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Version_names_the_commit_it_was_built_from()
    {
        var result = await CutterAsync("--version");

        Assert.Equal(0, result.ExitCode);
        var match = Regex.Match(result.StandardOutput, "^[0-9]+\\.[0-9]+\\.[0-9]+\\+(?<commit>[0-9a-f]{40})\n$");
        Assert.True(match.Success, result.StandardOutput);
        var known = await ProcessRunner.RunAsync("git", ["cat-file", "-t", match.Groups["commit"].Value], new Dictionary<string, string?>(), NamespaceGraph.RepositoryRoot);
        Assert.Equal("commit\n", known.StandardOutput);
    }
}
