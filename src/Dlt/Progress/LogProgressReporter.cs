using System.Globalization;
using System.Text;

namespace Dlt.Progress;

/// <summary>
/// dlt's <c>log</c> collector: at most once per <c>log_period</c> and at the end of each step, a
/// header line, one line per counter (count, total, percent, elapsed time, rate), then memory and
/// CPU usage of the process.
/// </summary>
internal sealed class LogProgressReporter(TextWriter output, TimeSpan logPeriod, TimeProvider timeProvider) : ProgressReporter
{
    private const int HeaderWidth = 80;

    private readonly Lock _lock = new();
    private readonly List<ProgressCounter> _counters = [];
    private string _step = "";
    private long _stepStarted;
    private long _lastLogged;
    private ProcessUsage _usageAtStart;

    public override void StartStep(string step)
    {
        lock (_lock)
        {
            _step = step;
            _counters.Clear();
            _stepStarted = timeProvider.GetTimestamp();
            _lastLogged = _stepStarted;
            _usageAtStart = ProcessUsage.Now();
        }
    }

    public override ProgressCounter Counter(string name, long? total = null, string? label = null, string? message = null)
    {
        lock (_lock)
        {
            var counter = _counters.FirstOrDefault(c => c.Name == name && c.Label == label);
            if (counter is null)
            {
                counter = new ProgressCounter(this, name, total, label, message);
                _counters.Add(counter);
            }
            else if (total is not null)
            {
                counter.Total = total;
            }

            return counter;
        }
    }

    public override void EndStep()
    {
        lock (_lock)
        {
            Write();
            _step = "";
        }
    }

    /// <summary>Logs when a log period passed since the last lines; called on every counter update.</summary>
    public override void Updated()
    {
        var now = timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogged);
        if (timeProvider.GetElapsedTime(last, now) < logPeriod || Interlocked.CompareExchange(ref _lastLogged, now, last) != last)
        {
            return;
        }

        lock (_lock)
        {
            Write();
        }
    }

    private void Write()
    {
        var elapsed = timeProvider.GetElapsedTime(_stepStarted).TotalSeconds;
        var text = new StringBuilder();
        text.Append(Center($" {_step} ")).Append('\n');
        foreach (var counter in _counters)
        {
            var count = counter.Count;
            text.Append(counter.Name);
            if (counter.Label is not null)
            {
                text.Append(" (").Append(counter.Label).Append(')');
            }

            text.Append(CultureInfo.InvariantCulture, $": {count}");
            if (counter.Total is { } total)
            {
                text.Append(CultureInfo.InvariantCulture, $"/{total}");
                if (total > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ({100.0 * count / total:0.0}%)");
                }
            }

            var rate = elapsed > 0 ? count / elapsed : 0;
            text.Append(CultureInfo.InvariantCulture, $" | Time: {elapsed:0.00}s | Rate: {rate:0.00}/s");
            if (counter.Message is not null)
            {
                text.Append(' ').Append(counter.Message);
            }

            text.Append('\n');
        }

        text.Append(ProcessUsage.Now().Describe(_usageAtStart, TimeSpan.FromSeconds(elapsed))).Append("\n\n");
        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>Python's <c>str.center(80, "-")</c>, including where it puts the odd padding character.</summary>
    private static string Center(string text)
    {
        var margin = HeaderWidth - text.Length;
        if (margin <= 0)
        {
            return text;
        }

        var left = (margin / 2) + (margin & HeaderWidth & 1);
        return new string('-', left) + text + new string('-', margin - left);
    }
}
