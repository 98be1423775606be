using System.Text.Json.Nodes;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Incremental;

/// <summary>
/// An incremental resource loaded in several runs whose windows overlap (as an API asked "since a
/// bit before the last run" answers): every row lands exactly once, with no gaps, whatever the row
/// order, with or without a primary key, on every destination.
/// </summary>
public sealed class IncrementalWindowTests
{
    private static readonly DateTimeOffset s_t0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>40 events, two per minute from minute 0, so every boundary holds two rows sharing a cursor value.</summary>
    private static readonly Event[] s_events = [.. Enumerable.Range(0, 40).Select(i => new Event(i, s_t0.AddMinutes(i / 2), $"event {i}"))];

    public sealed record Event(int Id, DateTimeOffset UpdatedAt, string Title);

    /// <summary>The rows of minutes [from, to], in the order asked.</summary>
    private static IEnumerable<Event> Window(int from, int to, bool descending)
    {
        var rows = s_events.Where(e => e.UpdatedAt >= s_t0.AddMinutes(from) && e.UpdatedAt <= s_t0.AddMinutes(to));
        return descending ? rows.OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.Id) : rows;
    }

    public static TheoryData<string, bool, bool> Cases()
    {
        var cases = new TheoryData<string, bool, bool>();
        foreach (var kind in new[] { TestDestination.DuckDb, TestDestination.Postgres })
        {
            foreach (var descending in new[] { false, true })
            {
                foreach (var withKey in new[] { false, true })
                {
                    cases.Add(kind, descending, withKey);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Overlapping_windows_load_every_row_once(string kind, bool descending, bool withKey)
    {
        using var destination = TestDestination.Create(kind);
        (int From, int To)[] windows = [(0, 5), (3, 9), (9, 9), (8, 14), (14, 19), (0, 19)];
        foreach (var (from, to) in windows)
        {
            var resource = Resource.Create("events", Window(from, to, descending))
                .WithIncremental(new Incremental<DateTimeOffset>("UpdatedAt") { RowOrder = descending ? RowOrder.Descending : RowOrder.Ascending });
            await destination.CreatePipeline().RunAsync(withKey ? resource.WithPrimaryKey("Id") : resource);
        }

        using var db = destination.OpenReader();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (object?)(long)i), db.Query($"SELECT id FROM {db.Table("events")} ORDER BY id").Select(r => r[0]));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_resource_asks_its_api_from_the_start_value_and_the_cursor_moves_with_each_load(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var asked = new List<DateTimeOffset?>();
        var upTo = 4;
        var resource = Resource.Create("events", context =>
        {
            var cursor = context.Incremental<DateTimeOffset>();
            asked.Add(cursor.HasLastValue ? cursor.StartValue : null);
            var from = cursor.HasLastValue ? (int)(cursor.StartValue - s_t0).TotalMinutes : 0;
            return Window(from, upTo, descending: false);
        }).WithIncremental(new Incremental<DateTimeOffset>("UpdatedAt") { InitialValue = s_t0 }).WithPrimaryKey("Id");

        await destination.CreatePipeline().RunAsync(resource);
        upTo = 10;
        await destination.CreatePipeline().RunAsync(resource);
        await destination.CreatePipeline().RunAsync(resource);

        Assert.Equal([s_t0, s_t0.AddMinutes(4), s_t0.AddMinutes(10)], asked);
        using var db = destination.OpenReader();
        Assert.Equal(22L, db.Count("events"));
        Assert.Equal(22L, Convert.ToInt64(db.Scalar($"SELECT count(DISTINCT id) FROM {db.Table("events")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task With_a_lag_the_window_is_reread_and_merge_keeps_one_row_per_key(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var starts = new List<DateTimeOffset>();
        var upTo = 5;
        var resource = Resource.Create("events", context =>
        {
            var cursor = context.Incremental<DateTimeOffset>();
            starts.Add(cursor.StartValue);
            return Window((int)(cursor.StartValue - s_t0).TotalMinutes, upTo, descending: false);
        })
            .WithIncremental(new Incremental<DateTimeOffset>("UpdatedAt") { InitialValue = s_t0, Lag = 120 })
            .WithPrimaryKey("Id")
            .WithWriteDisposition(WriteDisposition.Merge);

        await destination.CreatePipeline().RunAsync(resource);
        upTo = 12;
        await destination.CreatePipeline().RunAsync(resource);
        await destination.CreatePipeline().RunAsync(resource);

        // The lag moves the start two minutes before the last value; the last value itself only moves forward.
        Assert.Equal([s_t0.AddMinutes(-2), s_t0.AddMinutes(3), s_t0.AddMinutes(10)], starts);
        using var db = destination.OpenReader();
        Assert.Equal(Enumerable.Range(0, 26).Select(i => (object?)(long)i), db.Query($"SELECT id FROM {db.Table("events")} ORDER BY id").Select(r => r[0]));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_run_on_a_machine_without_the_working_dir_continues_from_the_cursor_stored_in_the_destination(string kind)
    {
        using var destination = TestDestination.Create(kind);
        Resource Events(int from, int to) => Resource.Create("events", Window(from, to, descending: false))
            .WithIncremental(new Incremental<DateTimeOffset>("UpdatedAt")).WithPrimaryKey("Id");
        var first = destination.CreatePipeline();
        await first.RunAsync(Events(0, 6));
        Directory.Delete(first.WorkingDirectory, recursive: true);

        // The next run restores the state from _dlt_pipeline_state, so the overlap (minutes 3..6) is not loaded again.
        await destination.CreatePipeline().RunAsync(Events(3, 10));

        using var db = destination.OpenReader();
        Assert.Equal(Enumerable.Range(0, 22).Select(i => (object?)(long)i), db.Query($"SELECT id FROM {db.Table("events")} ORDER BY id").Select(r => r[0]));
    }

    [Fact]
    public async Task Over_twenty_runs_the_state_keeps_only_the_hash_of_the_boundary_row()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();
        for (var run = 0; run < 20; run++)
        {
            // Every run sees the same boundary row again, and one new row below it.
            Event[] page = [new(100 + run, s_t0.AddMinutes(-1 - run), "old"), new(1, s_t0, "boundary")];
            await pipeline.RunAsync(Resource.Create("events", page).WithIncremental(new Incremental<DateTimeOffset>("UpdatedAt")));

            var incremental = IncrementalState(pipeline)["UpdatedAt"]!;
            Assert.Single(incremental["unique_hashes"]!.AsArray());
        }

        using var db = destination.OpenReader();
        Assert.Equal([[1L], [100L]], db.Query($"SELECT id FROM {db.Table("events")} ORDER BY _dlt_load_id, id").Select(r => r.ToArray()));
    }

    private static JsonObject IncrementalState(Pipeline pipeline)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(pipeline.WorkingDirectory, "state.json")))!;
        return state["sources"]![pipeline.DefaultSchemaName]!["resources"]!["events"]!["incremental"]!.AsObject();
    }
}
