using Dlt.DuckDb;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Pipelines;

[Collection(EnvironmentCollection.Name)]
public sealed class PipelineStorageTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DLT_DATA_DIR_moves_the_pipelines_folder()
    {
        // Given DLT_DATA_DIR and no explicit pipelines folder
        var dataDir = Path.Combine(_dir.Root, "data");
        var previous = Environment.GetEnvironmentVariable("DLT_DATA_DIR");
        Environment.SetEnvironmentVariable("DLT_DATA_DIR", dataDir);
        try
        {
            // When
            var pipeline = Pipeline.Create("env_pipeline", DuckDbDestination.Create(_dir.DatabasePath));
            await pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""")));

            // Then the working dir, its schema and its loaded package are under DLT_DATA_DIR/pipelines
            var workingDir = Path.Combine(dataDir, "pipelines", "env_pipeline");
            Assert.Equal(workingDir, pipeline.WorkingDirectory);
            Assert.True(File.Exists(Path.Combine(workingDir, "schemas", "env.schema.json")));
            Assert.Single(Directory.GetDirectories(Path.Combine(workingDir, "load", "loaded")));
            Assert.Equal("env_pipeline_dataset", pipeline.DatasetName);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DLT_DATA_DIR", previous);
        }
    }

    [Fact]
    public async Task Completed_packages_keep_dlt_folder_layout()
    {
        // When
        var info = await _dir.CreatePipeline().RunAsync(Resource.Create("rows", Json.Items("""{"n": 1, "tags": ["a"]}""")));

        // Then the package folder has dlt's job folders, file names and bookkeeping files
        var package = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", info.LoadPackages[0].LoadId);
        Assert.Equal(
            ["completed_jobs", "failed_jobs", "new_jobs", "started_jobs"],
            Directory.GetDirectories(package).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(package, "new_jobs")));
        Assert.Empty(Directory.GetFiles(Path.Combine(package, "started_jobs")));
        var completed = Directory.GetFiles(Path.Combine(package, "completed_jobs")).Select(Path.GetFileName).ToList();
        Assert.Contains(completed, f => System.Text.RegularExpressions.Regex.IsMatch(f!, @"^rows\.[0-9a-f]{13}\.0\.parquet$"));
        Assert.Contains(completed, f => f!.StartsWith("rows__tags.", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(package, "schema.json")));
        Assert.True(File.Exists(Path.Combine(package, "applied_schema_updates.json")));
        Assert.Equal("\"loaded\"", File.ReadAllText(Path.Combine(package, "package_completed.json")));
    }

    [Fact]
    public async Task A_second_owner_of_the_working_dir_gets_a_clear_error()
    {
        // Given another owner holding the pipeline's lock file
        var pipeline = _dir.CreatePipeline();
        var lockFile = Path.Combine(pipeline.WorkingDirectory, ".lock");
        Directory.CreateDirectory(pipeline.WorkingDirectory);
        using var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // When / Then
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}"""))));
        Assert.Contains("Pipeline 'test_pipeline' is in use by another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_exports_as_yaml()
    {
        // Given
        var pipeline = _dir.CreatePipeline("yaml_pipeline");
        await pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""")));

        // When
        var yaml = pipeline.ExportSchemaYaml();

        // Then
        Assert.Contains("name: yaml", yaml, StringComparison.Ordinal);
        Assert.Contains("rows:", yaml, StringComparison.Ordinal);
        Assert.Contains("data_type: bigint", yaml, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment variables";
}
