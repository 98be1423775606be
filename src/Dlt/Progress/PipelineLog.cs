using System.Globalization;
using Dlt.Configuration;
using Microsoft.Extensions.Logging;

namespace Dlt.Progress;

/// <summary>
/// The pipeline's log, filtered by <c>runtime.log_level</c> (dlt's default WARNING). With an
/// <see cref="ILoggerFactory"/> the lines go to its logger <see cref="CategoryName"/>; without one they
/// are written to standard error in dlt's default format: <c>time|[LEVEL]|process|thread|logger|message</c>.
/// Messages name packages, tables and locations, never credentials.
/// </summary>
internal sealed class PipelineLog
{
    /// <summary>The category of the pipeline's <see cref="ILogger"/>.</summary>
    public const string CategoryName = "Dlt.Pipeline";

    private readonly Lock _lock = new();
    private readonly RuntimeLogLevel _level;
    private readonly TextWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly string _pipelineName;
    private readonly ILogger? _logger;

    public PipelineLog(RuntimeLogLevel level, TextWriter output, TimeProvider timeProvider, string pipelineName, ILoggerFactory? loggerFactory = null)
    {
        _level = level;
        _output = output;
        _timeProvider = timeProvider;
        _pipelineName = pipelineName;
        _logger = loggerFactory?.CreateLogger(CategoryName);
    }

    public bool IsEnabled(RuntimeLogLevel messageLevel) => messageLevel >= _level;

    public void Info(string message) => Write(RuntimeLogLevel.Info, message);

    public void Warning(string message) => Write(RuntimeLogLevel.Warning, message);

    private void Write(RuntimeLogLevel messageLevel, string message)
    {
        if (!IsEnabled(messageLevel))
        {
            return;
        }

        if (_logger is not null)
        {
            var level = ToLogLevel(messageLevel);
            if (_logger.IsEnabled(level))
            {
                _logger.Log(level, default, new PipelineLogEntry(_pipelineName, message), null, static (entry, _) => entry.ToString());
            }

            return;
        }

        var now = _timeProvider.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        var line = $"{now}|[{messageLevel.ToString().ToUpperInvariant()}]|{Environment.ProcessId}|{Environment.CurrentManagedThreadId}|dlt|{_pipelineName}|{message}";
        lock (_lock)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static LogLevel ToLogLevel(RuntimeLogLevel level) => level switch
    {
        RuntimeLogLevel.Debug => LogLevel.Debug,
        RuntimeLogLevel.Info => LogLevel.Information,
        RuntimeLogLevel.Warning => LogLevel.Warning,
        RuntimeLogLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    /// <summary>A log line's state: structured as <c>Pipeline</c> and <c>Message</c> for logging providers.</summary>
    private sealed class PipelineLogEntry(string pipeline, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("Pipeline", pipeline),
            1 => new("Message", message),
            2 => new("{OriginalFormat}", "{Pipeline}: {Message}"),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{pipeline}: {message}";
    }
}
