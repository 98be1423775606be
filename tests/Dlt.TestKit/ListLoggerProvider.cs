using Microsoft.Extensions.Logging;

namespace Dlt.TestKit;

/// <summary>A logger provider that keeps every line it gets, with its level and category, in a list (locked on write).</summary>
public sealed class ListLoggerProvider(List<(LogLevel Level, string Category, string Message)> logged) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, logged);

    public void Dispose()
    {
    }

    /// <summary>A copy of the lines logged so far.</summary>
    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Snapshot()
    {
        lock (logged)
        {
            return [.. logged];
        }
    }

    private sealed class ListLogger(string category, List<(LogLevel Level, string Category, string Message)> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logged)
            {
                logged.Add((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
