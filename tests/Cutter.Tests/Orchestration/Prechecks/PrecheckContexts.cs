using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Cutter.Tests.Orchestration.Prechecks;

/// <summary>Builds the context a check sees: settings, an optional real store (verify lane), an environment map, a host name.</summary>
internal static class PrecheckContexts
{
    public static PrecheckContext For(
        OrchestratorSettings settings,
        string hostName = "test-host",
        string? verifyConnectionString = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        return new PrecheckContext(
            settings,
            async cancellationToken =>
            {
                if (verifyConnectionString is null) throw new InvalidOperationException("this test has no store");
                var connection = new NpgsqlConnection(verifyConnectionString);
                await connection.OpenAsync(cancellationToken);
                return connection;
            },
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            new FakeTimeProvider(new DateTimeOffset(2026, 5, 21, 9, 0, 0, TimeSpan.Zero)),
            hostName);
    }
}

/// <summary>A temporary folder removed at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cutter-prechecks-" + Guid.NewGuid().ToString("N"));

    public string File(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
