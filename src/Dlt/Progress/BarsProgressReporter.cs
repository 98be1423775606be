using Spectre.Console;

namespace Dlt.Progress;

/// <summary>
/// Live progress bars on a Spectre.Console terminal: one display per step with the counters of the
/// <c>log</c> collector (count, total, percent, elapsed time, rate), and the process's memory and CPU
/// usage (<see cref="BarsDisplay"/>). Counters only add to an integer on the hot path; a dedicated
/// thread reads them and redraws every <c>refreshRate</c>, and reads the process figures once a second.
/// </summary>
internal sealed class BarsProgressReporter(IAnsiConsole console, TimeSpan refreshRate, TimeProvider timeProvider) : ProgressReporter
{
    /// <summary>The refresh rate of the bars (Spectre's default).</summary>
    public static readonly TimeSpan DefaultRefreshRate = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the memory and CPU line is read again.</summary>
    private static readonly TimeSpan s_usagePeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly List<ProgressCounter> _counters = [];
    private ManualResetEventSlim? _ended;
    private Thread? _display;

    public override void StartStep(string step)
    {
        EndStep();
        lock (_lock)
        {
            _counters.Clear();
            var ended = new ManualResetEventSlim();
            _ended = ended;
            _display = new Thread(() => DrawSafely(step, ended)) { IsBackground = true, Name = "dlt-progress" };
            _display.Start();
        }
    }

    public override ProgressCounter Counter(string name, long? total = null, string? label = null, string? message = null)
    {
        lock (_lock)
        {
            var counter = _counters.FirstOrDefault(c => c.Name == name && c.Label == label);
            if (counter is null)
            {
                counter = new ProgressCounter(null, name, total, label, message);
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
        Thread? display;
        lock (_lock)
        {
            _ended?.Set();
            display = _display;
            _display = null;
        }

        display?.Join();
    }

    public override void Close() => EndStep();

    /// <summary>Draws until the step ends; a console that cannot draw stops the bars, never the pipeline.</summary>
    private void DrawSafely(string step, ManualResetEventSlim ended)
    {
        try
        {
            Draw(step, ended);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"Progress bars stopped: {ex.Message}");
        }
    }

    private void Draw(string step, ManualResetEventSlim ended)
    {
        var started = timeProvider.GetTimestamp();
        var usageAtStart = ProcessUsage.Now();
        var usage = usageAtStart.Describe(usageAtStart, TimeSpan.Zero);
        var usageRead = TimeSpan.Zero;
        var display = new BarsDisplay(console, step);
        var counters = new List<ProgressCounter>();
        var last = false;
        while (true)
        {
            lock (_lock)
            {
                // A step's counters are only ever added: copy the new ones.
                for (var i = counters.Count; i < _counters.Count; i++)
                {
                    counters.Add(_counters[i]);
                }
            }

            var elapsed = timeProvider.GetElapsedTime(started);
            if (last || elapsed - usageRead >= s_usagePeriod)
            {
                usage = ProcessUsage.Now().Describe(usageAtStart, elapsed);
                usageRead = elapsed;
            }

            display.Draw(counters, elapsed, usage, last);
            if (last)
            {
                return;
            }

            last = ended.Wait(refreshRate);
        }
    }
}
