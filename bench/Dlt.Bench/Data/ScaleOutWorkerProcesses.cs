using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Dlt.Bench.Data;

/// <summary>
/// Worker processes of the <c>scale_out</c> workload: the scale-out test's worker program
/// (tests/Dlt.ScaleOutWorker, a Hangfire server running the partitions of the generated
/// <c>events</c> pipeline into PostgreSQL), built by scripts/bench.sh and found through
/// <see cref="EnvironmentVariable"/>. Each runs one job at a time; closing its input stops it.
/// </summary>
internal sealed class ScaleOutWorkerProcesses(string connectionString) : IDisposable
{
    /// <summary>The path of <c>Dlt.ScaleOutWorker.dll</c>.</summary>
    public const string EnvironmentVariable = "DLT_BENCH_SCALE_OUT_WORKER";

    /// <summary>The worker's logical pipeline (Dlt.TestKit's <c>ScaleOut.PipelineName</c>).</summary>
    public const string PipelineName = "events";

    /// <summary>The table of the worker's source (Dlt.TestKit's <c>PartitionedEvents</c>): one row per generated event.</summary>
    public const string Table = "events";

    /// <summary>What a worker prints once its Hangfire server runs (Dlt.TestKit's <c>ScaleOut.ReadyLine</c>).</summary>
    private const string ReadyLine = "ready";

    /// <summary>The worker reads its PostgreSQL connection string from the test suite's variable.</summary>
    private const string ConnectionVariable = "DLT_TEST_POSTGRES";

    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<string> _output = new();

    private static string WorkerPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} does not name the scale-out worker (Dlt.ScaleOutWorker.dll): run the bench through `bash scripts/bench.sh`, which builds tests/Dlt.ScaleOutWorker and sets it.");

    /// <summary>Starts worker <paramref name="name"/> (one job at a time, no pauses in its source) and waits until its Hangfire server runs.</summary>
    public async Task StartAsync(string name, string hangfireSchema, string pipelinesDirectory, string dataset, int partitions, int rowsPerPartition)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[ConnectionVariable] = connectionString;
        string[] arguments = [WorkerPath, hangfireSchema, pipelinesDirectory, dataset, Text(partitions), Text(rowsPerPartition), "0", "1", name];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        lock (_processes)
        {
            _processes.Add(process);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == ReadyLine)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Enqueue($"{name}: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))).ConfigureAwait(false) != ready.Task)
        {
            throw new InvalidOperationException($"Scale-out worker {name} did not start:{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(50))}");
        }
    }

    /// <summary>The user + system CPU of all the workers so far, and the largest peak resident set (VmHWM) of one of them.</summary>
    public (double CpuSeconds, double? PeakRssMb) Usage()
    {
        lock (_processes)
        {
            var cpu = _processes.Sum(p => p.TotalProcessorTime.TotalSeconds);
            var peaks = _processes.Select(p => PeakRssMb(p.Id)).OfType<double>().ToList();
            return (cpu, peaks.Count == 0 ? null : peaks.Max());
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.StandardInput.Close();
        }

        foreach (var process in _processes)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double? PeakRssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
    }
}
