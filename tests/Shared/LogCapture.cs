using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Registry.Testing;

/// <summary>Keeps every log entry written through it, with its category and structured values, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
                : new Dictionary<string, string?>();
            owner._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), values));
        }
    }
}
