using System.Diagnostics;
using Dlt.Configuration;

namespace Dlt.Pipelines;

/// <summary>
/// Times the steps of one pipeline call into a <see cref="PipelineTrace"/>, with what each step did
/// per package, and publishes them as OpenTelemetry spans and counters (<see cref="DltInstrumentation"/>).
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly string _pipelineName;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly List<PipelineStepTrace> _steps = [];
    private readonly List<TracePackage> _packages = [];
    private readonly Lock _lock = new();
    private readonly Activity? _activity;
    private readonly TagList _tags;

    public const string Run = "run";
    public const string Extract = "extract";
    public const string Normalize = "normalize";
    public const string Load = "load";

    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="call">The public call with a span of its own (<see cref="Run"/>); null for a single-step call, whose step span stands alone.</param>
    /// <param name="datasetName">The dataset, a span attribute.</param>
    /// <param name="destinationType">The destination type, a span attribute.</param>
    /// <param name="time">The clock.</param>
    public TraceRecorder(string pipelineName, string? call, string datasetName, string destinationType, TimeProvider time)
    {
        _pipelineName = pipelineName;
        _time = time;
        _startedAt = time.GetUtcNow();
        _tags = new TagList
        {
            { "dlt.pipeline.name", pipelineName },
            { "dlt.dataset.name", datasetName },
            { "dlt.destination.type", destinationType },
        };
        _activity = call is null ? null : DltInstrumentation.Source.StartActivity("dlt." + call, ActivityKind.Internal, parentContext: default, _tags);
    }

    /// <summary>Records what the running step did with one package.</summary>
    public void AddPackage(TracePackage package)
    {
        lock (_lock)
        {
            _packages.Add(package);
        }
    }

    public async Task<T> StepAsync<T>(string step, Func<Task<T>> run)
    {
        var startedAt = _time.GetUtcNow();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        using var activity = DltInstrumentation.Source.StartActivity("dlt." + step, ActivityKind.Internal, parentContext: default, _tags);
        lock (_lock)
        {
            _packages.Clear();
        }

        Exception? error = null;
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            EndStep(step, startedAt, cpuAtStart, activity, error);
        }
    }

    public void Step(string step, Action run) =>
        StepAsync(step, () =>
        {
            run();
            return Task.FromResult(true);
        }).GetAwaiter().GetResult();

    private void EndStep(string step, DateTimeOffset startedAt, TimeSpan cpuAtStart, Activity? activity, Exception? error)
    {
        using var process = Process.GetCurrentProcess();
        List<TracePackage> packages;
        lock (_lock)
        {
            packages = [.. _packages];
        }

        var trace = new PipelineStepTrace(step, startedAt, _time.GetUtcNow(), error is not null)
        {
            StepException = error?.Message,
            ExceptionType = error is null ? null : Innermost(error).GetType().FullName,
            CpuSeconds = (process.TotalProcessorTime - cpuAtStart).TotalSeconds,
            PeakMemoryBytes = process.PeakWorkingSet64,
            Packages = packages,
        };
        _steps.Add(trace);
        Publish(trace, activity);
    }

    private void Publish(PipelineStepTrace step, Activity? activity)
    {
        var tags = _tags;
        tags.Add("dlt.step", step.Step);
        var rows = 0L;
        foreach (var package in step.Packages)
        {
            var packageRows = package.Tables.Values.Sum(t => t.Items);
            rows += packageRows;
            DltInstrumentation.Rows.Add(packageRows, tags);
            DltInstrumentation.Files.Add(package.Tables.Values.Sum(t => t.Files), tags);
            DltInstrumentation.Bytes.Add(package.Tables.Values.Sum(t => t.Bytes), tags);
            foreach (var state in package.Jobs.Where(j => j.StartedAt is not null).GroupBy(j => j.State))
            {
                var jobTags = tags;
                jobTags.Add("dlt.job.state", state.Key);
                DltInstrumentation.Jobs.Add(state.Count(), jobTags);
            }
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("dlt.load_id", string.Join(',', step.Packages.Select(p => p.LoadId)));
        activity.SetTag("dlt.rows", rows);
        if (step.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, step.StepException);
        }
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }

    /// <summary>The trace of the call so far, with the packages it handled, and ends the call's span.</summary>
    public PipelineTrace Finish(TraceExecutionContext context, TraceSettings settings, IReadOnlyList<ResolvedConfigValue> resolved)
    {
        var trace = new PipelineTrace(_pipelineName, _startedAt, _time.GetUtcNow(), [.. _steps])
        {
            TransactionId = _activity?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"),
            ExecutionContext = context,
            Settings = settings,
            ResolvedConfigValues = resolved,
        };
        if (_activity is not null)
        {
            _activity.SetTag("dlt.load_id", string.Join(',', _steps.SelectMany(s => s.Packages).Select(p => p.LoadId).Distinct()));
            _activity.SetTag("dlt.rows", _steps.Where(s => s.Step == Normalize).SelectMany(s => s.Packages).Sum(p => p.Tables.Values.Sum(t => t.Items)));
            if (_steps.Count > 0 && _steps[^1].Failed)
            {
                _activity.SetStatus(ActivityStatusCode.Error, _steps[^1].StepException);
            }
        }

        return trace;
    }

    public void Dispose() => _activity?.Dispose();
}
