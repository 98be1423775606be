using Dlt.Pipelines;

namespace Dlt.Tests.Pipelines;

public sealed class BottleneckRulesTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static PipelineStepTrace Step(string name, double startSeconds, double seconds, double cpuSeconds, long peakMemory = 100L << 20, params TracePackage[] packages) =>
        new(name, s_start.AddSeconds(startSeconds), s_start.AddSeconds(startSeconds + seconds), Failed: false) { CpuSeconds = cpuSeconds, PeakMemoryBytes = peakMemory, Packages = packages };

    private static PipelineTrace Trace(TraceSettings settings, params PipelineStepTrace[] steps) =>
        new("shop", s_start, steps[^1].FinishedAt, steps) { Settings = settings, ExecutionContext = new TraceExecutionContext(2, "linux", ".NET", "1.0") };

    private static TracePackage Files(string table, int files, long bytes = 1000) =>
        new("1", "shop") { Tables = new Dictionary<string, TraceTable> { [table] = new(100, files, bytes) } };

    private static readonly TraceSettings s_defaults = new(ExtractWorkers: 5, NormalizeWorkers: 1, LoadWorkers: 20, BufferMaxItems: 5000, FileMaxItems: null, FileMaxBytes: null);

    [Fact]
    public void A_normalize_that_dominates_with_fewer_workers_than_cores_and_files_asks_for_more_workers()
    {
        var trace = Trace(s_defaults, Step("extract", 0, 2, 2, packages: Files("orders", 12)), Step("normalize", 2, 11.1, 11), Step("load", 13.1, 1.1, 0.5));

        var finding = Assert.Single(BottleneckRules.Find(trace));

        Assert.Equal(("normalize-workers", "normalize.workers"), (finding.Rule, finding.Setting));
        Assert.Equal("normalize took 78% of 14.2 s with 1 worker on 2 cores and 12 files: set `[normalize] workers = 2`", finding.Message);
    }

    [Fact]
    public void An_extract_that_dominates_while_the_process_is_idle_waits_on_io()
    {
        var trace = Trace(s_defaults, Step("extract", 0, 10, 0.9), Step("normalize", 10, 0.5, 0.5), Step("load", 10.5, 0.5, 0.2));

        var finding = Assert.Single(BottleneckRules.Find(trace));

        Assert.Equal(("extract-io-wait", "extract.workers"), (finding.Rule, finding.Setting));
        Assert.StartsWith("extract took 91% of 11.0 s and waited on I/O 91% of the time (CPU 0.9 s) with 5 workers: raise `extract.workers`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_loaded_as_one_job_of_gigabytes_asks_for_file_rotation()
    {
        var load = new TracePackage("1", "shop") { Jobs = [new TraceJob("events.abc.0.parquet", "events", 2L << 30, "completed")] };
        var trace = Trace(s_defaults, Step("extract", 0, 1, 1), Step("normalize", 1, 1, 1), Step("load", 2, 1, 1, packages: load));

        var finding = Assert.Single(BottleneckRules.Find(trace));

        Assert.Equal(("large-job", "data_writer.file_max_items"), (finding.Rule, finding.Setting));
        Assert.StartsWith("table events loaded as one job of 2.0 GB: set `[normalize.data_writer] file_max_items`", finding.Message, StringComparison.Ordinal);
        Assert.Empty(BottleneckRules.Find(trace with { Settings = s_defaults with { FileMaxItems = 100_000 } }));
    }

    [Fact]
    public void High_peak_memory_with_large_buffers_asks_for_smaller_buffers()
    {
        var settings = s_defaults with { BufferMaxItems = 100_000 };
        var trace = Trace(settings, Step("extract", 0, 1, 1), Step("normalize", 1, 1, 1, peakMemory: 1800L << 20), Step("load", 2, 1, 1));

        var finding = Assert.Single(BottleneckRules.Find(trace));

        Assert.Equal("peak memory 1.8 GB with buffer_max_items=100000: lower `data_writer.buffer_max_items` (the default is 5000)", finding.Message);
        Assert.Empty(BottleneckRules.Find(trace with { Settings = s_defaults }));
    }

    [Fact]
    public void A_balanced_or_short_run_has_no_finding()
    {
        Assert.Empty(BottleneckRules.Find(Trace(s_defaults, Step("extract", 0, 4, 4, packages: Files("orders", 12)), Step("normalize", 4, 4, 4), Step("load", 8, 4, 2))));
        Assert.Empty(BottleneckRules.Find(Trace(s_defaults, Step("extract", 0, 0.5, 0.01), Step("normalize", 0.5, 0.1, 0.1), Step("load", 0.6, 0.1, 0.1))));
    }
}

