using System.Text.Json;
using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Pipelines;

public sealed class PipelineTraceTests : IDisposable
{
    private const string ApiKey = "sk-9Qw7-trace-leak-check";

    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, object?>[] Rows(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Dictionary<string, object?> { ["id"] = i, ["tags"] = new[] { "a", "b" } })];

    private Pipeline CreatePipeline(Dictionary<string, string> environment) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" }), "test_data", _dir.Options with { EnvironmentVariables = environment });

    [Fact]
    public async Task A_run_traces_extract_normalize_and_load_in_order()
    {
        // Given
        var pipeline = _dir.CreatePipeline();
        Assert.Null(pipeline.LastTrace);

        // When
        await pipeline.RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 1 } }));

        // Then
        var trace = Assert.IsType<PipelineTrace>(pipeline.LastTrace);
        Assert.Equal("test_pipeline", trace.PipelineName);
        Assert.Equal(["extract", "normalize", "load"], trace.Steps.Select(s => s.Step));
        Assert.All(trace.Steps, s => Assert.False(s.Failed));
        Assert.All(trace.Steps.Zip(trace.Steps.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt));
        Assert.True(trace.StartedAt <= trace.Steps[0].StartedAt && trace.Steps[^1].FinishedAt <= trace.FinishedAt);
    }

    [Fact]
    public async Task The_saved_trace_holds_per_table_metrics_load_jobs_and_resolved_config_values_without_secrets()
    {
        // Given a resource that reads a secret, and settings from the environment
        var pipeline = CreatePipeline(new Dictionary<string, string>
        {
            ["EXTRACT__WORKERS"] = "2",
            ["SOURCES__API_KEY"] = ApiKey,
        });
        IEnumerable<Dictionary<string, object?>> Orders()
        {
            Assert.Equal(ApiKey, Config.Get<string>("api_key", "sources"));
            foreach (var row in Rows(25))
            {
                yield return row;
            }
        }

        // When
        var info = await pipeline.RunAsync(Resource.Create("orders", Orders()));

        // Then the file in the working dir is JSON with dlt's keys
        var path = Path.Combine(pipeline.WorkingDirectory, PipelineTrace.FileName);
        var json = File.ReadAllText(path);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            Assert.Equal("test_pipeline", root.GetProperty("pipeline_name").GetString());
            Assert.Equal(3, root.GetProperty("steps").GetArrayLength());
            Assert.True(root.GetProperty("steps")[0].TryGetProperty("started_at", out _));
            Assert.True(root.TryGetProperty("resolved_config_values", out _));
            Assert.Equal(25, root.GetProperty("steps")[0].GetProperty("packages")[0].GetProperty("resources").GetProperty("orders").GetProperty("items").GetInt64());
        }

        Assert.DoesNotContain(ApiKey, json, StringComparison.Ordinal);
        var trace = PipelineTrace.Read(pipeline.WorkingDirectory)!;
        var loadId = Assert.Single(info.LoadPackages).LoadId;

        var extract = Assert.Single(trace.Steps[0].Packages);
        Assert.Equal(loadId, extract.LoadId);
        Assert.Equal(25, extract.Tables["orders"].Items);
        Assert.Equal(1, extract.Tables["orders"].Files);
        Assert.True(extract.Tables["orders"].Bytes > 0);
        var orders = Assert.Single(extract.Resources).Value;
        Assert.Equal((25L, 1, extract.Tables["orders"].Bytes), (orders.Items, orders.Files, orders.Bytes));
        Assert.Equal(new Dictionary<string, long> { ["orders"] = 25 }, orders.Tables);

        var normalize = Assert.Single(trace.Steps[1].Packages);
        Assert.Equal(25, normalize.Tables["orders"].Items);
        Assert.Equal(50, normalize.Tables["orders__tags"].Items);

        var load = Assert.Single(trace.Steps[2].Packages);
        Assert.Equal("loaded", load.State);
        Assert.Contains(load.Jobs, j => j.TableName == "orders__tags");
        Assert.All(load.Jobs, job =>
        {
            Assert.Equal("completed", job.State);
            Assert.True(job.FileSize > 0);
            Assert.True(job.StartedAt <= job.FinishedAt, job.JobId);
            Assert.True(trace.Steps[2].StartedAt <= job.StartedAt, job.JobId);
        });

        var workers = Assert.Single(trace.ResolvedConfigValues, v => v.Key == "extract.workers");
        Assert.Equal(("2", false), (workers.Value, workers.IsSecret));
        Assert.Contains("EXTRACT__WORKERS", workers.Provider, StringComparison.Ordinal);
        var secret = Assert.Single(trace.ResolvedConfigValues, v => v.Key.EndsWith("api_key", StringComparison.Ordinal));
        Assert.Equal((null, true), (secret.Value, secret.IsSecret));
        Assert.Equal(2, trace.Settings!.ExtractWorkers);
        Assert.Equal(Environment.ProcessorCount, trace.ExecutionContext!.ProcessorCount);
        Assert.All(trace.Steps, s => Assert.True(s.PeakMemoryBytes > 0));
    }

    [Fact]
    public async Task LastTrace_is_read_back_from_the_working_dir_after_a_restart()
    {
        // Given a run by one pipeline object
        var first = _dir.CreatePipeline();
        await first.RunAsync(Resource.Create("items", Rows(3)));
        var saved = first.LastTrace!;

        // When a new object attaches to the same working dir
        var restarted = _dir.CreatePipeline();

        // Then it reads the saved trace
        var trace = Assert.IsType<PipelineTrace>(restarted.LastTrace);
        Assert.Equal(saved.TransactionId, trace.TransactionId);
        Assert.Equal(saved.Steps.Select(s => (s.Step, s.StartedAt, s.FinishedAt)), trace.Steps.Select(s => (s.Step, s.StartedAt, s.FinishedAt)));
        Assert.Equal(3, trace.Steps[1].Packages.Single().Tables["items"].Items);
        Assert.Equal(saved.ToString(), trace.ToString());
    }

    [Fact]
    public async Task Single_step_calls_are_merged_into_the_last_trace_and_a_run_replaces_it()
    {
        // Given
        var pipeline = _dir.CreatePipeline();
        await pipeline.ExtractAsync([Resource.Create("items", Rows(1))]);
        Assert.Equal(["extract"], pipeline.LastTrace!.Steps.Select(s => s.Step));
        var transaction = pipeline.LastTrace.TransactionId;
        await pipeline.NormalizeAsync();
        await pipeline.LoadAsync();
        Assert.Equal(["extract", "normalize", "load"], pipeline.LastTrace!.Steps.Select(s => s.Step));
        Assert.Equal(transaction, pipeline.LastTrace.TransactionId);
        Assert.Equal(["extract", "normalize", "load"], PipelineTrace.Read(pipeline.WorkingDirectory)!.Steps.Select(s => s.Step));

        // When a run fails in extract
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            yield return new() { ["id"] = 1 };
            throw new InvalidOperationException("gone");
        }

        await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("broken", Broken())));

        // Then its trace replaced the merged one and ends with the failed extract and its error
        var failed = Assert.Single(PipelineTrace.Read(pipeline.WorkingDirectory)!.Steps);
        Assert.Equal(("extract", true), (failed.Step, failed.Failed));
        Assert.Contains("gone", failed.StepException, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.ExceptionType);
    }
}
