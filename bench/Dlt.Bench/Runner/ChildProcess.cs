using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dlt.Bench.Results;

namespace Dlt.Bench.Runner;

/// <summary>What the parent learned from one child: its measurement, and its CPU time and peak RSS.</summary>
internal sealed record ChildOutcome(Measurement? Measurement, double? CpuSeconds, double? PeakRssMb, string? Error);

/// <summary>
/// Runs one variant in a child process of this executable and measures it from outside. The child
/// prints its result line and then waits on its stdin; meanwhile the parent reads the child's
/// <c>VmHWM</c> (peak resident set) from <c>/proc/&lt;pid&gt;/status</c> and its CPU time, so both
/// cover the whole child, start-up included, and nothing of the parent or of other children.
/// </summary>
internal static class ChildProcess
{
    public const string ResultPrefix = "##bench-result ";

    public static async Task<ChildOutcome> RunAsync(ChildArgs args, IReadOnlyDictionary<string, string> knobs, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var arg in args.ToCommandLine())
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(Knobs.IsInheritedSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in knobs)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        var errors = new List<string>();
        var stderr = PumpAsync(process.StandardError, line =>
        {
            lock (errors)
            {
                errors.Add(line);
            }

            Console.Error.WriteLine("      | " + line);
        });

        Measurement? measurement = null;
        double? cpuSeconds = null;
        double? peakRssMb = null;
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timer.Token).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("      | " + line);
                    continue;
                }

                measurement = JsonSerializer.Deserialize<Measurement>(line.AsSpan(ResultPrefix.Length), ResultJson.Options);
                peakRssMb = PeakRssMb(process.Id);
                cpuSeconds = process.TotalProcessorTime.TotalSeconds;
                await process.StandardInput.WriteLineAsync("measured").ConfigureAwait(false);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new ChildOutcome(null, null, null, $"timed out after {timeout.TotalMinutes:0} min");
        }

        await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0 || measurement is null)
        {
            string lastError;
            lock (errors)
            {
                lastError = errors.LastOrDefault(e => e.Trim().Length > 0)?.Trim() ?? "no output";
            }

            return new ChildOutcome(measurement, cpuSeconds, peakRssMb, $"exit code {process.ExitCode}: {lastError}");
        }

        return new ChildOutcome(measurement, cpuSeconds, peakRssMb, null);
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }

    /// <summary>The high-water mark of the process's resident set (Linux); null where /proc is missing.</summary>
    private static double? PeakRssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return null;
    }
}
