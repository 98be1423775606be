using Dlt.Configuration;
using Dlt.DuckDb;

namespace Dlt.Tests.Configuration;

/// <summary>Every key changes what the resolved settings say, whichever provider sets it.</summary>
public sealed class KnobTests
{
    private static readonly Dictionary<string, Knob> s_knobs = new Knob[]
    {
        new("extract.workers", "7", p => p.Settings.Extract.Workers, 7),
        new("extract.max_parallel_items", "50", p => p.Settings.Extract.MaxParallelItems, 50),
        new("extract.next_item_mode", "\"fifo\"", p => p.Settings.Extract.NextItemMode, NextItemMode.Fifo),
        new("normalize.workers", "8", p => p.Settings.Normalize.Workers, 8),
        new("normalize.start_method", "\"spawn\"", p => p.Settings.Normalize.StartMethod, NormalizeStartMethod.Spawn),
        new("load.workers", "100", p => p.Settings.Load.Workers, 100),
        new("load.raise_on_failed_jobs", "false", p => p.Settings.Load.RaiseOnFailedJobs, false),
        new("load.raise_on_max_retries", "0", p => p.Settings.Load.RaiseOnMaxRetries, 0),
        new("load.delete_completed_jobs", "true", p => p.Settings.Load.DeleteCompletedJobs, true),
        new("data_writer.buffer_max_items", "100", p => (p.Settings.NormalizeDataWriter.BufferMaxItems, p.Settings.ExtractDataWriterFor("s", "s", "r").BufferMaxItems), (100, 100)),
        new("data_writer.file_max_items", "100000", p => (p.Settings.NormalizeDataWriter.FileMaxItems, p.Settings.ExtractDataWriterFor("s", "s", "r").FileMaxItems), ((long?)100000, (long?)100000)),
        new("data_writer.file_max_bytes", "1000000", p => (p.Settings.NormalizeDataWriter.FileMaxBytes, p.Settings.ExtractDataWriterFor("s", "s", null).FileMaxBytes), ((long?)1000000, (long?)1000000)),
        new("data_writer.disable_compression", "true", p => (p.Settings.NormalizeDataWriter.DisableCompression, p.Settings.ExtractDataWriterFor("s", "s", "r").DisableCompression), (true, true)),
        new("normalize.data_writer.disable_compression", "true", p => (p.Settings.NormalizeDataWriter.DisableCompression, p.Settings.ExtractDataWriterFor("s", "s", "r").DisableCompression), (true, false)),
        new("extract.data_writer.file_max_items", "10", p => (p.Settings.NormalizeDataWriter.FileMaxItems, p.Settings.ExtractDataWriterFor("s", "s", "r").FileMaxItems), ((long?)null, (long?)10)),
        new("runtime.log_level", "\"INFO\"", p => p.Settings.Runtime.LogLevel, RuntimeLogLevel.Info),
        new("runtime.request_timeout", "15", p => p.Settings.Runtime.RequestTimeout, TimeSpan.FromSeconds(15)),
        new("runtime.request_max_attempts", "3", p => p.Settings.Runtime.RequestMaxAttempts, 3),
        new("runtime.request_backoff_factor", "2.5", p => p.Settings.Runtime.RequestBackoffFactor, 2.5),
        new("runtime.request_max_retry_delay", "30", p => p.Settings.Runtime.RequestMaxRetryDelay, TimeSpan.FromSeconds(30)),
        new("progress", "\"log\"", p => p.Settings.Progress.Collector, ProgressCollector.Log),
        new("log_period", "5", p => p.Settings.Progress.LogPeriod, TimeSpan.FromSeconds(5)),
        new("destination.duckdb.threads", "3", p => ((DuckDbDestination)p.Destination).Options.Threads, 3),
        new("destination.duckdb.memory_limit", "\"2GB\"", p => ((DuckDbDestination)p.Destination).Options.MemoryLimit, "2GB"),
        new("destination.duckdb.preserve_insertion_order", "false", p => ((DuckDbDestination)p.Destination).Options.PreserveInsertionOrder, false),
        new("destination.duckdb.credentials", "\"other.duckdb\"", p => Path.GetFileName(((DuckDbDestination)p.Destination).DatabasePath), "other.duckdb"),
    }.ToDictionary(k => k.Key);

    public static TheoryData<string, string> KnobsAndProviders()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in s_knobs.Keys)
        {
            foreach (var provider in new[] { "config.toml", "secrets.toml", "environment", "IConfiguration" })
            {
                data.Add(key, provider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KnobsAndProviders))]
    public void The_key_changes_the_resolved_settings(string key, string provider)
    {
        // Given the key set in one provider only
        var knob = s_knobs[key];
        using var project = new ConfigProject();
        var text = knob.Toml.Trim('"');
        switch (provider)
        {
            case "config.toml":
                project.ConfigToml($"{key} = {knob.Toml}\n");
                break;
            case "secrets.toml":
                project.SecretsToml($"{key} = {knob.Toml}\n");
                break;
            case "environment":
                project.Env(key.Replace(".", "__", StringComparison.Ordinal).ToUpperInvariant(), text);
                break;
            default:
                project.Host(key.Replace('.', ':'), text);
                break;
        }

        // When the pipeline resolves its settings (DuckDB's from the configuration too)
        var pipeline = project.CreatePipeline(destination: DuckDbDestination.Create());

        // Then the setting has the configured value, and the default without it
        Assert.Equal(knob.Expected, knob.Read(pipeline));
        using var empty = new ConfigProject();
        Assert.NotEqual(knob.Expected, knob.Read(empty.CreatePipeline(destination: DuckDbDestination.Create())));
    }

    private sealed record Knob(string Key, string Toml, Func<Pipeline, object?> Read, object Expected);
}
