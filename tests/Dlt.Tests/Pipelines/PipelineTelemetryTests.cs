using System.Diagnostics;
using Dlt.DuckDb;
using Dlt.TestKit;
using Dlt.Tests.Support;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dlt.Tests.Pipelines;

/// <summary>Spans and counters collected with the OpenTelemetry SDK's in-memory exporter, and the log through an ILoggerFactory.</summary>
public sealed class PipelineTelemetryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _name = "otel_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _directory.Dispose();

    private Pipeline CreatePipeline(PipelineOptions? options = null) => Pipeline.Create(
        _name,
        DuckDbDestination.Create(Path.Combine(_directory.Path, "x.duckdb"), new DuckDbOptions { Threads = 1, MemoryLimit = "256MB" }),
        "shop",
        (options ?? new PipelineOptions()) with { PipelinesDirectory = _directory.Path, EnvironmentVariables = options?.EnvironmentVariables ?? new Dictionary<string, string>() });

    private static Resource Users() =>
        Resource.Create("users", Json.Items("""{"id": 1, "tags": ["a", "b"]}""", """{"id": 2, "tags": ["c"]}"""));

    [Fact]
    public async Task A_run_has_a_span_with_a_child_per_step_carrying_pipeline_dataset_destination_load_id_and_rows()
    {
        // Given
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(DltInstrumentation.ActivitySourceName).AddInMemoryExporter(spans).Build();
        var pipeline = CreatePipeline();

        // When
        var info = await pipeline.RunAsync(Users());
        tracing.ForceFlush();

        // Then
        var mine = spans.Where(s => (string?)s.GetTagItem("dlt.pipeline.name") == _name).ToList();
        var run = Assert.Single(mine, s => s.OperationName == "dlt.run");
        var steps = mine.Where(s => s.ParentSpanId == run.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["dlt.extract", "dlt.normalize", "dlt.load"], steps.Select(s => s.OperationName));
        var loadId = info.LoadPackages.Single().LoadId;
        Assert.All(mine, s =>
        {
            Assert.Equal("shop", s.GetTagItem("dlt.dataset.name"));
            Assert.Equal("duckdb", s.GetTagItem("dlt.destination.type"));
            Assert.Equal(loadId, s.GetTagItem("dlt.load_id"));
        });
        // 2 users, 3 tags and the _dlt_pipeline_state row.
        Assert.Equal(6L, steps[1].GetTagItem("dlt.rows"));
        Assert.Equal(6L, run.GetTagItem("dlt.rows"));
    }

    [Fact]
    public async Task The_meter_counts_rows_files_bytes_and_jobs_per_step()
    {
        // Given
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(DltInstrumentation.MeterName).AddInMemoryExporter(metrics).Build();
        var pipeline = CreatePipeline();

        // When
        await pipeline.RunAsync(Users());
        meters.ForceFlush();

        // Then (the _dlt_pipeline_state row is one more item and row, in a table of its own)
        Assert.Equal(3, Sum(metrics, "dlt.rows", "extract"));
        Assert.Equal(6, Sum(metrics, "dlt.rows", "normalize"));
        Assert.Equal(3, Sum(metrics, "dlt.files", "normalize"));
        Assert.True(Sum(metrics, "dlt.bytes", "load") > 0);
        Assert.Equal(3, Sum(metrics, "dlt.jobs", "load"));
    }

    private long Sum(List<Metric> metrics, string name, string step)
    {
        var sum = 0L;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if ((string?)tags["dlt.pipeline.name"] == _name && (string?)tags["dlt.step"] == step)
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    [Fact]
    public async Task With_a_logger_factory_the_log_goes_to_its_logger_filtered_by_runtime_log_level()
    {
        // Given RUNTIME__LOG_LEVEL=INFO and a logger factory that keeps what it gets
        var logged = new List<(LogLevel Level, string Category, string Message)>();
        var written = new StringWriter();
        using var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logged)));
        var pipeline = CreatePipeline(new PipelineOptions
        {
            LoggerFactory = factory,
            LogOutput = written,
            EnvironmentVariables = new Dictionary<string, string> { ["RUNTIME__LOG_LEVEL"] = "INFO" },
        });

        // When
        var info = await pipeline.RunAsync(Users());

        // Then the lines went to the logger, not to the default output
        var loadId = info.LoadPackages.Single().LoadId;
        Assert.Equal("", written.ToString());
        Assert.Contains(logged, l => l == (LogLevel.Information, "Dlt.Pipeline", $"{_name}: Extracted load package {loadId}: 3 items into 2 table(s) of schema {_name}."));
        Assert.Contains(logged, l => l.Level == LogLevel.Information && l.Message.Contains($"Loaded load package {loadId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_the_default_warning_level_the_logger_gets_no_information_lines()
    {
        var logged = new List<(LogLevel Level, string Category, string Message)>();
        using var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logged)));

        await CreatePipeline(new PipelineOptions { LoggerFactory = factory }).RunAsync(Users());

        Assert.Empty(logged);
    }
}
