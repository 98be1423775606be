using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>Worker processes (tests/Dlt.ScaleOutWorker) started by a test, stopped by closing their input, killed with SIGKILL on demand.</summary>
internal sealed class ScaleOutWorkers : IDisposable
{
    private readonly List<(string Name, Process Process)> _workers = [];
    private readonly ConcurrentQueue<string> _output = new();

    /// <summary>What the workers printed, prefixed with their names: for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(200));

    /// <summary>Starts worker <paramref name="name"/> and waits until its Hangfire server runs.</summary>
    public async Task StartAsync(string name, string hangfireSchema, string pipelinesDirectory, string dataset, int partitions, int rowsPerPartition, int pauseMsPer1000Rows, int workerCount)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Dlt.ScaleOutWorker.dll"), hangfireSchema, pipelinesDirectory, dataset })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var value in new[] { partitions, rowsPerPartition, pauseMsPer1000Rows, workerCount })
        {
            start.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add(name);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _workers.Add((name, process));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == ScaleOut.ReadyLine)
            {
                ready.TrySetResult();
            }

            if (e.Data is not null)
            {
                _output.Enqueue($"{name}: {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Enqueue($"{name} (stderr): {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            throw new InvalidOperationException($"Worker {name} did not start:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Kills worker <paramref name="name"/> with SIGKILL and waits until it is gone.</summary>
    public void Kill(string name)
    {
        var process = _workers.Single(w => w.Name == name).Process;
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        foreach (var (_, process) in _workers.Where(w => !w.Process.HasExited))
        {
            process.StandardInput.Close();
        }

        foreach (var (_, process) in _workers)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
