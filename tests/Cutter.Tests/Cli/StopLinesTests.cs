using Cutter.Cli;
using Cutter.Domain;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>What a STOP prints: the code and detail, what the code means, where the run halted, and the title of the section to read (not a repository path).</summary>
public sealed class StopLinesTests
{
    [Fact]
    public void A_stop_names_its_meaning_run_phase_and_docs_section()
    {
        var run = RunId.Parse("0b9e6c8e-8f7e-4c57-9a53-2f1d3c5b7a10");
        var error = CliRunner.Describe(new StopException(StopCodes.Drift, "ICX-CONST has 61 units, pinned 60", run, 4));
        var text = new StringWriter();

        error.WriteTo(text);

        Assert.Equal(ExitCodes.Stopped, error.ExitCode);
        Assert.Equal(
            "STOPPED STOP_DRIFT: ICX-CONST has 61 units, pinned 60\n" +
            "  meaning: live document counts differ from the pinned counts\n" +
            $"  run: {run}\n" +
            "  phase: 4\n" +
            "  what to do: the section \"STOP_DRIFT\" of the \"STOP codes\" page in Cutter's operator guide\n",
            text.ToString().ReplaceLineEndings("\n"));
        Assert.DoesNotContain("docs/", text.ToString(), StringComparison.Ordinal);
        Assert.Equal("STOP codes › STOP_DRIFT", error.Stop!.DocsSection);
    }

    [Fact]
    public void A_terminal_stop_says_the_run_cannot_be_resumed()
    {
        var terminal = new StopCode("STOP_EXAMPLE_TERMINAL", "an example of a code that ends the run", Terminal: true);
        var lines = new StringWriter();

        CliRunner.Describe(new StopException(terminal, "detail")).WriteTo(lines);

        Assert.Contains($"  meaning: {terminal.Meaning} (terminal: the run cannot be resumed)\n", lines.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_docs_section_a_stop_names_exists_on_the_stop_codes_page()
    {
        var page = File.ReadAllLines(Path.Combine(Architecture.NamespaceGraph.RepositoryRoot, "docs", "stop-codes.md"));

        Assert.StartsWith($"# {StopDetails.DocsPage}", page[0], StringComparison.Ordinal);
        foreach (var code in StopCodes.All) Assert.Contains($"## {code.Code}", page);
    }
}
