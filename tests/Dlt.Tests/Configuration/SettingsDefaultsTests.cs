using Dlt.Configuration;
using Dlt.DuckDb;

namespace Dlt.Tests.Configuration;

/// <summary>Every default is the performance guide's (or dlt's, where the guide says nothing).</summary>
public sealed class SettingsDefaultsTests
{
    [Fact]
    public void Every_default_is_the_documented_value()
    {
        // Given an empty project and an empty environment
        using var project = new ConfigProject();

        // When
        var settings = project.Settings();

        // Then
        Assert.Equal(new ExtractSettings { Workers = 5, MaxParallelItems = 20, NextItemMode = NextItemMode.RoundRobin }, settings.Extract);
        Assert.Equal(new NormalizeSettings { Workers = 3, StartMethod = null }, settings.Normalize);
        Assert.Equal(new LoadSettings { Workers = 20, RaiseOnFailedJobs = true, RaiseOnMaxRetries = 5, DeleteCompletedJobs = false, TruncateStagingDataset = false }, settings.Load);
        var writer = new DataWriterSettings { BufferMaxItems = 5000, FileMaxItems = null, FileMaxBytes = null, DisableCompression = false };
        Assert.Equal(writer, settings.NormalizeDataWriter);
        Assert.Equal(writer, settings.ExtractDataWriterFor("s", "s", "r"));
        Assert.Equal(settings.Extract, settings.ExtractFor("s", "s", "r"));
        Assert.Equal(
            new RuntimeSettings
            {
                LogLevel = RuntimeLogLevel.Warning,
                RequestTimeout = TimeSpan.FromSeconds(60),
                RequestMaxAttempts = 5,
                RequestBackoffFactor = 1,
                RequestMaxRetryDelay = TimeSpan.FromSeconds(300),
            },
            settings.Runtime);
        Assert.Equal(new ProgressSettings { Collector = ProgressCollector.None, LogPeriod = TimeSpan.FromSeconds(1) }, settings.Progress);
        Assert.True(new PipelineOptions().HandleSignals);
        Assert.Equal(((bool?)null, (bool?)null, (RefreshMode?)null), (new PipelineOptions().DevMode, new PipelineOptions().RestoreFromDestination, new PipelineOptions().Refresh));
        var scd2 = new Scd2Options();
        Assert.Equal(("_dlt_valid_from", "_dlt_valid_to", (DateTimeOffset?)null, (DateTimeOffset?)null, (string?)null), (scd2.ValidFromColumn, scd2.ValidToColumn, scd2.ActiveRecordTimestamp, scd2.BoundaryTimestamp, scd2.RowVersionColumn));
        var drop = new DropOptions();
        Assert.Equal((0, false, 0, (string?)null, false), (drop.Resources.Count, drop.DropAll, drop.StatePaths.Count, drop.SchemaName, drop.StateOnly));
    }

    [Fact]
    public void The_records_defaults_are_the_resolved_defaults()
    {
        using var project = new ConfigProject();

        var settings = project.Settings();

        Assert.Equal(new ExtractSettings(), settings.Extract);
        Assert.Equal(new NormalizeSettings(), settings.Normalize);
        Assert.Equal(new LoadSettings(), settings.Load);
        Assert.Equal(new DataWriterSettings(), settings.NormalizeDataWriter);
        Assert.Equal(new RuntimeSettings(), settings.Runtime);
        Assert.Equal(new ProgressSettings(), settings.Progress);
    }

    [Fact]
    public void The_writer_gets_the_data_writer_values_and_its_own_byte_cap()
    {
        var settings = new DataWriterSettings().ToWriterSettings();

        Assert.Equal(5000, settings.BufferMaxItems);
        Assert.Equal(32 * 1024 * 1024, settings.BufferMaxBytes);
        Assert.Null(settings.FileMaxItems);
        Assert.Null(settings.FileMaxBytes);
        Assert.False(settings.DisableCompression);
    }

    [Fact]
    public void The_buffer_is_capped_at_file_max_items_as_in_dlt()
    {
        var settings = new DataWriterSettings { BufferMaxItems = 5000, FileMaxItems = 100 }.ToWriterSettings();

        Assert.Equal(100, settings.BufferMaxItems);
        Assert.Equal(100, settings.FileMaxItems);
    }

    [Fact]
    public void DuckDB_defaults_to_the_pipeline_named_file_in_the_project_dir()
    {
        using var project = new ConfigProject();

        var pipeline = project.CreatePipeline(destination: DuckDbDestination.Create());

        var duckdb = Assert.IsType<DuckDbDestination>(pipeline.Destination);
        Assert.Equal(Path.Combine(project.Root, ConfigProject.PipelineName + ".duckdb"), duckdb.DatabasePath);
        Assert.Equal(new DuckDbOptions().Threads, duckdb.Options.Threads);
        Assert.Equal(new DuckDbOptions().MemoryLimit, duckdb.Options.MemoryLimit);
    }

    [Fact]
    public void DLT_DATA_DIR_moves_the_default_pipelines_folder()
    {
        using var project = new ConfigProject();
        var dataDir = Path.Combine(project.Root, "data");
        project.Env("DLT_DATA_DIR", dataDir);

        var pipeline = project.CreatePipeline(options: project.Options with { PipelinesDirectory = null });

        Assert.Equal(Path.Combine(dataDir, "pipelines"), pipeline.Settings.PipelinesDirectory);
        Assert.Equal(Path.Combine(dataDir, "pipelines", ConfigProject.PipelineName), pipeline.WorkingDirectory);
    }
}
