using System.Diagnostics;
using System.Runtime.InteropServices;
using Dlt.Configuration;

namespace Dlt.ChaosRunner;

/// <summary>
/// The pipeline of a chaos run, in this process: <c>run</c> extracts, normalizes and loads the fixed
/// dataset (finishing pending packages first, as <see cref="Pipeline.RunAsync(Source, CancellationToken)"/>
/// does); <c>resume</c> finishes pending work only (normalize, then load), extracting nothing. With
/// a fault point, the process kills itself with SIGKILL the <c>n</c>-th time the library reaches it,
/// or sends itself a SIGTERM or SIGINT there (as an operator's Ctrl+C or <c>kill</c> would) and goes on.
/// </summary>
public static partial class ChaosPipeline
{
    public const string Run = "run";
    public const string Resume = "resume";

    /// <summary>The line written to standard output when the pipeline starts working (the drivers time kills from it).</summary>
    public const string ReadyLine = "ready";

    public const string DoneLine = "done";

    /// <summary>Items per file in extract and normalize, so each table of the load has a few jobs.</summary>
    public const int FileMaxItems = 4000;

    public static async Task ExecuteAsync(string mode, ChaosTarget target, ChaosData data, string? faultPoint, int faultHit, string? faultSignal, TextWriter output)
    {
        var hits = 0;
        var signal = faultSignal is null ? (PosixSignal?)null : Enum.Parse<PosixSignal>(faultSignal);
        using var delivered = new ManualResetEventSlim();

        // Tells the fault hook that the signal arrived; it does not cancel it, so a pipeline that ignored it would die.
        using var observer = signal is { } observed ? PosixSignalRegistration.Create(observed, _ => delivered.Set()) : null;
        var options = new PipelineOptions
        {
            PipelinesDirectory = target.PipelinesDirectory,
            Progress = ProgressCollector.None,
            EnvironmentVariables = new Dictionary<string, string>
            {
                ["DATA_WRITER__FILE_MAX_ITEMS"] = FileMaxItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RUNTIME__LOG_LEVEL"] = "WARNING",
            },
            FaultHook = faultPoint is null ? null : point =>
            {
                if (point == faultPoint && ++hits == faultHit)
                {
                    output.WriteLine($"fault {point}");
                    output.Flush();
                    if (signal is { } sent)
                    {
                        SendToSelf(sent);
                        delivered.Wait(TimeSpan.FromSeconds(30));
                        return;
                    }

                    Process.GetCurrentProcess().Kill();
                }
            },
        };

        var pipeline = Pipeline.Create(ChaosTarget.PipelineName, target.CreateDestination(), target.Dataset, options);
        output.WriteLine(ReadyLine);
        output.Flush();
        switch (mode)
        {
            case Run:
                await pipeline.RunAsync(data.Resources()).ConfigureAwait(false);
                break;
            case Resume:
                await pipeline.NormalizeAsync().ConfigureAwait(false);
                await pipeline.LoadAsync().ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown mode; use {Run} or {Resume}.");
        }

        output.WriteLine(DoneLine);
        output.Flush();
    }

    private static void SendToSelf(PosixSignal signal) =>
        _ = Kill(Environment.ProcessId, signal switch
        {
            PosixSignal.SIGTERM => 15,
            PosixSignal.SIGINT => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Use SIGTERM or SIGINT."),
        });

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
