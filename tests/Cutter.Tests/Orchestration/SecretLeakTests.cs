using System.Text;
using Cutter.Domain;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Cutter.Verification;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>A whole run with known secret values: none of them may reach any file the run wrote, or its log.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretLeakTests(PostgresFixture postgres)
{
    [Fact]
    public async Task No_secret_reaches_state_kb_docs_reports_backup_metadata_or_logs()
    {
        using var folder = new TempFolder();
        var log = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        var logger = factory.CreateLogger("secret-leak");
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, logger, TimeProvider.System);
        var state = await RehearsalRun.RunAsync(env, TimeProvider.System, logger);
        await RunVerification.VerifyAndWriteAsync(env.Settings, env.Store.VerifyConnectionString, RunId.Parse(state.RunId), TimeProvider.System);
        var secrets = new[]
        {
            env.Store.ExecCredentials.Password,
            env.Store.VerifyCredentials.Password,
            new Npgsql.NpgsqlConnectionStringBuilder(postgres.Server.Server.AdminConnectionString).Password!,
        };
        Assert.All(secrets, s => Assert.True(s.Length >= 16));

        // cutter.env is where the secrets belong (mode 0600); the keys folder holds private keys, not these values.
        var written = Directory.EnumerateFiles(env.WorkDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != RehearsalEnvironment.EnvFileName)
            .ToArray();
        Assert.Contains(written, f => f.EndsWith("state.json", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith("verification-report-0001.json", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith(".dump.gpg", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith("review-sg1.html", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith("run-report.html", StringComparison.Ordinal));
        var leaks = (from file in written
                     let text = Encoding.UTF8.GetString(File.ReadAllBytes(file))
                     from secret in secrets
                     where text.Contains(secret, StringComparison.Ordinal)
                     select Path.GetRelativePath(env.WorkDir, file)).ToArray();
        Assert.Empty(leaks);
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(log.Lines, line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName)));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this);

        public void Dispose() { }

        private sealed class Capture(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines) owner.Lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
