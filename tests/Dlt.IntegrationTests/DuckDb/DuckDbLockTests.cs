using System.Diagnostics;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

public sealed class DuckDbLockTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_database_file_held_by_another_process_fails_the_run_before_extract_with_a_clear_error()
    {
        // Given another process holding the DuckDB file
        var holderDll = Path.Combine(AppContext.BaseDirectory, "Dlt.DuckDbLockHolder.dll");
        using var holder = Process.Start(new ProcessStartInfo("dotnet", [holderDll, _dir.DatabasePath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

            // When
            var pipeline = _dir.CreatePipeline();
            var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}"""))));

            // Then the error says the file is held by another process, found before anything was extracted
            Assert.Equal("load", error.Step);
            Assert.Contains("is held by another process", error.Message, StringComparison.Ordinal);
            Assert.Contains(_dir.DatabasePath, error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot be opened, so nothing was extracted", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(pipeline.WorkingDirectory, "load", "normalized")) && Directory.GetDirectories(Path.Combine(pipeline.WorkingDirectory, "load", "normalized")).Length > 0);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync();
        }

        // When the other process is gone, the next run loads
        var info = await _dir.CreatePipeline().RunAsync(Resource.Create("rows", Json.Items("""{"n": 2}""")));
        Assert.Single(info.LoadPackages);
        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("rows"));
    }
}
