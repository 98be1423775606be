using System.Diagnostics;
using System.Globalization;

namespace Dlt.ChaosRunner;

/// <summary>How one child process ended.</summary>
public enum ChaosStepOutcome
{
    /// <summary>The pipeline finished (a kill, if one was planned, came too late).</summary>
    Done,

    /// <summary>Killed with SIGKILL by the driver at the planned time.</summary>
    Killed,

    /// <summary>Killed itself with SIGKILL at its fault point.</summary>
    Fault,

    /// <summary>Exited with an error: the pipeline threw.</summary>
    Failed,
}

/// <summary>One child process of a trial: its mode, the planned kill, how it ended, and what it left on disk.</summary>
public sealed record ChaosStep(string Mode, double? KillAtMs, double? WindowMs, string? FaultPoint, ChaosStepOutcome Outcome, double ElapsedMs, string Error, ChaosDisk DiskAfter)
{
    public override string ToString()
    {
        var plan = KillAtMs is { } at ? $" kill@{at.ToString("F0", CultureInfo.InvariantCulture)}ms" + (WindowMs is { } window ? $" of {window.ToString("F0", CultureInfo.InvariantCulture)}ms" : "") : FaultPoint is not null ? $" fault@{FaultPoint}" : "";
        var ended = Outcome switch
        {
            ChaosStepOutcome.Done => $"done in {ElapsedMs.ToString("F0", CultureInfo.InvariantCulture)}ms",
            ChaosStepOutcome.Killed => "killed",
            ChaosStepOutcome.Fault => "killed at fault point",
            _ => $"FAILED: {Error}",
        };
        return $"{Mode}{plan}: {ended}; disk: {DiskAfter}";
    }

    /// <summary>
    /// Starts <c>Dlt.ChaosRunner</c> in <paramref name="mode"/>; kills it with SIGKILL
    /// <paramref name="killAfter"/> after it said it is ready (when it has not finished by then);
    /// <paramref name="windowMs"/> is the span that time was drawn in, for the log.
    /// </summary>
    public static async Task<ChaosStep> RunAsync(string mode, ChaosTarget target, ChaosData data, TimeSpan? killAfter, string? faultPoint = null, int faultHit = 1, double? windowMs = null, string? faultSignal = null)
    {
        var arguments = new List<string> { RunnerDll, mode };
        arguments.AddRange(target.Arguments());
        arguments.AddRange(["--data-seed", data.Seed.ToString(CultureInfo.InvariantCulture), "--customers", data.Customers.ToString(CultureInfo.InvariantCulture)]);
        if (faultPoint is not null)
        {
            arguments.AddRange(["--fault", faultPoint, "--fault-hit", faultHit.ToString(CultureInfo.InvariantCulture)]);
            if (faultSignal is not null)
            {
                arguments.AddRange(["--fault-signal", faultSignal]);
            }
        }

        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var ready = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        if (ready is not null)
        {
            lines.Add(ready);
        }

        var rest = ReadLinesAsync(process.StandardOutput, lines);
        var killed = false;
        if (ready == ChaosPipeline.ReadyLine && killAfter is { } delay)
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(delay)).ConfigureAwait(false) != exited)
            {
                try
                {
                    process.Kill();
                    killed = true;
                }
                catch (InvalidOperationException)
                {
                    // It exited just now.
                }
            }
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await rest.ConfigureAwait(false);
        var error = (await stderr.ConfigureAwait(false)).Trim();
        ChaosStepOutcome outcome;
        if (lines.Contains(ChaosPipeline.DoneLine) && process.ExitCode == 0)
        {
            outcome = ChaosStepOutcome.Done;
        }
        else if (faultPoint is not null && lines.Contains($"fault {faultPoint}"))
        {
            outcome = ChaosStepOutcome.Fault;
        }
        else if (killed)
        {
            outcome = ChaosStepOutcome.Killed;
        }
        else
        {
            outcome = ChaosStepOutcome.Failed;
            error = $"exit code {process.ExitCode}, stdout [{string.Join(" | ", lines)}], stderr: {Tail(error)}";
        }

        return new ChaosStep(mode, killAfter?.TotalMilliseconds, windowMs, faultPoint, outcome, elapsed, error, ChaosDisk.Read(target.WorkingDirectory));
    }

    private static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "Dlt.ChaosRunner.dll");

    private static async Task ReadLinesAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
        }
    }

    /// <summary>The exception's messages without its stack frames, at most 800 characters.</summary>
    private static string Tail(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("---", StringComparison.Ordinal));
        var kept = string.Join(" | ", lines);
        return kept.Length <= 800 ? kept : kept[..800] + "...";
    }
}
