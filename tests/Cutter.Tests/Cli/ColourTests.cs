using Cutter.Cli;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>When the log lines may carry colour (ANSI): on a terminal, unless NO_COLOR is set (no-color.org). ScriptedRunTests checks real redirected output has none.</summary>
public sealed class ColourTests
{
    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(false, "1", false)]
    [InlineData(false, "false", false)]
    [InlineData(true, null, false)]
    [InlineData(true, "1", false)]
    public void Colour_only_on_a_terminal_without_NO_COLOR(bool errorRedirected, string? noColor, bool expected) =>
        Assert.Equal(expected, CliLogging.ColoursFor(errorRedirected, noColor));
}
