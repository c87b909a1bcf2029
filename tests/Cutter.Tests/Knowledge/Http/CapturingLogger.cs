using Microsoft.Extensions.Logging;

namespace Cutter.Tests.Knowledge.Http;

/// <summary>A real logger that keeps every formatted line (with its exception, if any), for assertions on what was logged.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return _lines.ToArray(); }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel}: {formatter(state, exception)}" + (exception is null ? "" : $" | {exception}");
        lock (_gate) _lines.Add(line);
    }
}
