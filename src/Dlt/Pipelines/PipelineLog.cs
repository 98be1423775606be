using System.Globalization;
using Dlt.Configuration;

namespace Dlt.Pipelines;

/// <summary>
/// The pipeline's log, filtered by <c>runtime.log_level</c> (dlt's default WARNING) and written to
/// standard error as dlt's default format: <c>time|[LEVEL]|process|thread|logger|message</c>.
/// Messages name packages, tables and locations, never credentials.
/// </summary>
internal sealed class PipelineLog(RuntimeLogLevel level, TextWriter output, TimeProvider timeProvider, string pipelineName)
{
    private readonly Lock _lock = new();

    public bool IsEnabled(RuntimeLogLevel messageLevel) => messageLevel >= level;

    public void Info(string message) => Write(RuntimeLogLevel.Info, message);

    public void Warning(string message) => Write(RuntimeLogLevel.Warning, message);

    private void Write(RuntimeLogLevel messageLevel, string message)
    {
        if (!IsEnabled(messageLevel))
        {
            return;
        }

        var now = timeProvider.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        var line = $"{now}|[{messageLevel.ToString().ToUpperInvariant()}]|{Environment.ProcessId}|{Environment.CurrentManagedThreadId}|dlt|{pipelineName}|{message}";
        lock (_lock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
