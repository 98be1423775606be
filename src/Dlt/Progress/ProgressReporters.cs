using Dlt.Configuration;
using Spectre.Console;

namespace Dlt.Progress;

/// <summary>Picks the progress collector of a pipeline.</summary>
internal static class ProgressReporters
{
    /// <summary>
    /// The collector for <paramref name="collector"/>: nothing, the log lines, or live bars. Bars draw
    /// on <paramref name="console"/> when given, else on the terminal; when standard output is not a
    /// terminal (a pipe, a file, CI) or <paramref name="logOutput"/> is given, they fall back to the log lines.
    /// </summary>
    public static ProgressReporter Create(ProgressCollector collector, ProgressSettings settings, TimeProvider timeProvider, TextWriter? logOutput, IAnsiConsole? console)
    {
        if (collector == ProgressCollector.None)
        {
            return ProgressReporter.None;
        }

        if (collector != ProgressCollector.Log)
        {
            if (console is not null)
            {
                return new BarsProgressReporter(console, BarsProgressReporter.DefaultRefreshRate, timeProvider);
            }

            if (logOutput is null && IsTerminal())
            {
                return new BarsProgressReporter(AnsiConsole.Console, BarsProgressReporter.DefaultRefreshRate, timeProvider);
            }
        }

        return new LogProgressReporter(logOutput ?? Console.Out, settings.LogPeriod, timeProvider);
    }

    private static bool IsTerminal() => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
