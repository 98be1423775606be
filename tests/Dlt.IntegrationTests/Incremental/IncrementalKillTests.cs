using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dlt.ChaosRunner;
using Dlt.Storage;

namespace Dlt.IntegrationTests.Incremental;

/// <summary>
/// A run killed (SIGKILL, in a child process) after its package was extracted and before it loaded
/// leaves the cursor of the loaded data where it was; the rerun loads every row exactly once.
/// </summary>
public sealed class IncrementalKillTests
{
    [Theory]
    [InlineData(ChaosTarget.DuckDb, FaultPoint.ExtractPackagePublished)]
    [InlineData(ChaosTarget.DuckDb, FaultPoint.NormalizePackagePublished)]
    [InlineData(ChaosTarget.Postgres, FaultPoint.ExtractPackagePublished)]
    [InlineData(ChaosTarget.Postgres, FaultPoint.LoadJobCommitted)]
    public async Task A_run_killed_before_its_load_completed_leaves_the_cursor_and_the_rerun_loads_each_row_once(string destination, string faultPoint)
    {
        var root = Path.Combine(Path.GetTempPath(), "dlt-tests", "incremental-kill-" + Guid.NewGuid().ToString("N"));
        var target = ChaosTarget.Create(destination, root, "kill");
        try
        {
            // Given a first run that loaded ticks 0..29
            Assert.Equal(0, await RunChildAsync(target, rows: 30, fault: null));
            Assert.Equal(29L, LastValue(target));

            // When a run of ticks 0..59 is killed at the fault point
            Assert.NotEqual(0, await RunChildAsync(target, rows: 60, fault: faultPoint));

            // Then the cursor of the local state is still that of the loaded data
            Assert.Equal(29L, LastValue(target));

            // And a rerun (pending package first, then a new extract from its state) loads each tick once
            Assert.Equal(0, await RunChildAsync(target, rows: 60, fault: null));
            Assert.Equal(59L, LastValue(target));
            using var db = target.OpenReader();
            Assert.Equal(Enumerable.Range(0, 60).Select(i => (object?)(long)i), db.Query($"SELECT seq FROM {db.Table(ChaosIncremental.ResourceName)} ORDER BY seq").Select(r => r[0]));
        }
        finally
        {
            target.Delete();
        }
    }

    private static long? LastValue(ChaosTarget target)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(target.WorkingDirectory, "state.json")))!;
        return state["sources"]!["chaos"]!["resources"]![ChaosIncremental.ResourceName]!["incremental"]!["seq"]!["last_value"]!.GetValue<long>();
    }

    private static async Task<int> RunChildAsync(ChaosTarget target, int rows, string? fault)
    {
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "Dlt.ChaosRunner.dll"), ChaosIncremental.Command };
        arguments.AddRange(target.Arguments());
        arguments.AddRange(["--rows", rows.ToString(CultureInfo.InvariantCulture)]);
        if (fault is not null)
        {
            arguments.AddRange(["--fault", fault]);
        }

        using var process = Process.Start(new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var stdout = await output;
        if (fault is not null)
        {
            Assert.Contains($"fault {fault}", stdout, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(process.ExitCode == 0, $"the child failed: {await error}");
        }

        return process.ExitCode;
    }
}
