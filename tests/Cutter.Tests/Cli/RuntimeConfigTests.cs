using System.Text.Json;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>The runtime settings the CLI ships with, read from the runtimeconfig.json `dotnet` starts it by.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_cli_runs_with_batch_garbage_collection_not_background()
    {
        // benchmarks/README.md ("Cutting"): background collection nearly doubles a large cut on two cores.
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Cutter.Cli.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(JsonValueKind.False, properties.GetProperty("System.GC.Concurrent").ValueKind);
        Assert.False(properties.TryGetProperty("System.GC.Server", out _));
    }
}
