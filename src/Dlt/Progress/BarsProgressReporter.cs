using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dlt.Progress;

/// <summary>
/// Live progress bars drawn with Spectre.Console: one display per step with the counters of the
/// <c>log</c> collector (count, total, percent, elapsed time, rate), and the process's memory and CPU
/// usage. Counters only add to an integer on the hot path; a dedicated thread reads them and redraws
/// every <c>refreshRate</c>.
/// </summary>
internal sealed class BarsProgressReporter(IAnsiConsole console, TimeSpan refreshRate, TimeProvider timeProvider) : ProgressReporter
{
    /// <summary>The refresh rate of the bars (Spectre's default).</summary>
    public static readonly TimeSpan DefaultRefreshRate = TimeSpan.FromMilliseconds(100);

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
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        console.Write(new Rule($"[bold]{Markup.Escape(step)}[/]") { Justification = Justify.Left });
        new Spectre.Console.Progress(console)
            .AutoRefresh(false)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new CountColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RateColumn(timeProvider, started))
            .Start(context =>
            {
                var tasks = new Dictionary<ProgressCounter, ProgressTask>();
                var system = context.AddTask(SystemUsage(TimeSpan.Zero, cpuAtStart), autoStart: true, maxValue: 1);
                system.IsIndeterminate = true;
                while (true)
                {
                    var last = ended.Wait(refreshRate);
                    Update(context, tasks, system);
                    system.Description = SystemUsage(timeProvider.GetElapsedTime(started), cpuAtStart);
                    if (last)
                    {
                        foreach (var task in tasks.Values)
                        {
                            task.StopTask();
                        }

                        system.Value = 1;
                        system.IsIndeterminate = false;
                        system.StopTask();
                        context.Refresh();
                        return;
                    }

                    context.Refresh();
                }
            });
    }

    private void Update(ProgressContext context, Dictionary<ProgressCounter, ProgressTask> tasks, ProgressTask system)
    {
        ProgressCounter[] counters;
        lock (_lock)
        {
            counters = [.. _counters];
        }

        foreach (var counter in counters)
        {
            if (!tasks.TryGetValue(counter, out var task))
            {
                var name = counter.Label is null ? counter.Name : $"{counter.Name} ({counter.Label})";
                task = context.AddTaskBefore(Markup.Escape(counter.Message is null ? name : $"{name} {counter.Message}"), system);
                task.Tag = counter;
                tasks[counter] = task;
            }

            var count = counter.Count;
            task.IsIndeterminate = counter.Total is null;
            task.MaxValue = Math.Max(1, counter.Total ?? count);
            task.Value = count;
        }
    }

    private static string SystemUsage(TimeSpan elapsed, TimeSpan cpuAtStart)
    {
        using var process = Process.GetCurrentProcess();
        var rssMb = process.WorkingSet64 / (1024.0 * 1024.0);
        var memoryPercent = 100.0 * process.WorkingSet64 / Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var cpuPercent = elapsed.TotalSeconds > 0 ? 100.0 * (process.TotalProcessorTime - cpuAtStart).TotalSeconds / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"Memory usage: {rssMb:0.00} MB ({memoryPercent:0.0}%) | CPU usage: {cpuPercent:0.0}%");
    }

    /// <summary>The counter's count and total: <c>1234/5000</c>.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.Tag is ProgressCounter counter
                ? new Text(counter.Total is { } total ? string.Create(CultureInfo.InvariantCulture, $"{counter.Count}/{total}") : counter.Count.ToString(CultureInfo.InvariantCulture))
                : Text.Empty;
    }

    /// <summary>The counter's rate over the step: <c>1520.33/s</c>.</summary>
    private sealed class RateColumn(TimeProvider timeProvider, long started) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            if (task.Tag is not ProgressCounter counter)
            {
                return Text.Empty;
            }

            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{(seconds > 0 ? counter.Count / seconds : 0):0.00}/s"));
        }
    }
}
