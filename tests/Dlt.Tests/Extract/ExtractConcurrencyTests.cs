using System.Collections.Concurrent;
using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

public sealed class ExtractConcurrencyTests
{
    private static readonly TimeSpan s_meetTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Round_robin_interleaves_synchronous_resources_item_by_item()
    {
        // Given two plain synchronous resources that record when each item is produced
        var order = new ConcurrentQueue<string>();

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__NEXT_ITEM_MODE", "round_robin")));
        await run.Pipeline.ExtractAsync([Resource.Create("a", Recorded("a", 3, order)), Resource.Create("b", Recorded("b", 3, order))]);

        // Then
        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2"], order);
    }

    [Fact]
    public async Task Fifo_drains_resources_one_after_another_in_order()
    {
        // Given
        var order = new ConcurrentQueue<string>();

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__NEXT_ITEM_MODE", "fifo")));
        await run.Pipeline.ExtractAsync([Resource.Create("a", Recorded("a", 3, order)), Resource.Create("b", Recorded("b", 3, order)).Parallelized()]);

        // Then
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "b2"], order);
    }

    [Fact]
    public async Task Parallelized_resources_run_on_as_many_threads_as_extract_workers()
    {
        // Given three blocking resources that can only finish if all three run at the same time
        using var meeting = new Barrier(3);
        var concurrency = new ConcurrencyProbe();
        var resources = Enumerable.Range(0, 3).Select(i => Resource.Create($"r{i}", Meeting(meeting, concurrency)).Parallelized()).ToArray();

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__WORKERS", "3")));
        await run.Pipeline.ExtractAsync(resources);

        // Then they met, and no more than three ran at once
        Assert.Equal(3, concurrency.Max);
    }

    [Fact]
    public async Task Extract_workers_bound_how_many_parallelized_resources_run_at_once()
    {
        // Given four blocking resources and two workers
        var concurrency = new ConcurrencyProbe();
        var resources = Enumerable.Range(0, 4).Select(i => Resource.Create($"r{i}", Busy(concurrency))).Select(r => r.Parallelized()).ToArray();

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__WORKERS", "2")));
        await run.ExtractAndNormalizeAsync(resources);

        // Then
        Assert.Equal(2, concurrency.Max);
        Assert.Equal(4 * 5, new[] { "r0", "r1", "r2", "r3" }.Sum(t => run.Rows(t).Count));
    }

    [Fact]
    public async Task Max_parallel_items_bounds_the_async_steps_in_flight()
    {
        // Given six async resources whose steps overlap in time
        var concurrency = new ConcurrencyProbe();
        var resources = Enumerable.Range(0, 6).Select(i => Resource.Create($"r{i}", SlowAsync(concurrency))).ToArray();

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__MAX_PARALLEL_ITEMS", "3")));
        await run.Pipeline.ExtractAsync(resources);

        // Then
        Assert.InRange(concurrency.Max, 2, 3);
    }

    [Fact]
    public async Task Items_that_are_tasks_are_awaited_concurrently_and_their_results_loaded()
    {
        // Given a resource yielding tasks that complete only once all four are in flight
        var started = new CountdownEvent(4);
        IEnumerable<Task<Dictionary<string, object?>>> Deferred()
        {
            for (var i = 0; i < 4; i++)
            {
                var n = i;
                yield return Task.Run(() =>
                {
                    started.Signal();
                    Assert.True(started.Wait(s_meetTimeout), "the deferred items did not run concurrently");
                    return new Dictionary<string, object?> { ["n"] = n };
                });
            }
        }

        // When
        using var run = new NormalizeRun(Env(("EXTRACT__MAX_PARALLEL_ITEMS", "4")));
        await run.ExtractAndNormalizeAsync(Resource.Create("deferred", Deferred()));

        // Then
        Assert.Equal([0L, 1L, 2L, 3L], run.Rows("deferred").Select(r => r["n"]).Order());
    }

    [Fact]
    public async Task Deferred_items_start_only_within_max_parallel_items_and_their_results_load()
    {
        // Given an async resource yielding eight deferred tasks (functions that start one), each busy for a while
        var concurrency = new ConcurrencyProbe();
        var started = 0;
        async IAsyncEnumerable<Func<Task<Dictionary<string, object?>>>> Deferred()
        {
            await Task.Yield();
            for (var i = 0; i < 8; i++)
            {
                var n = i;
                yield return async () =>
                {
                    Interlocked.Increment(ref started);
                    using (concurrency.Enter())
                    {
                        await Task.Delay(50);
                    }

                    return new Dictionary<string, object?> { ["n"] = n };
                };
            }
        }

        // When two may run at once
        using var run = new NormalizeRun(Env(("EXTRACT__MAX_PARALLEL_ITEMS", "2")));
        await run.ExtractAndNormalizeAsync(Resource.Create("deferred", Deferred()));

        // Then every function ran once, never more than two at a time, and their results are the rows
        Assert.Equal(8, started);
        Assert.InRange(concurrency.Max, 1, 2);
        Assert.Equal([0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L], run.Rows("deferred").Select(r => r["n"]).Order());
    }

    /// <summary>Options whose environment holds only <paramref name="variables"/>: the knobs reach the pipeline as a user sets them.</summary>
    private static PipelineOptions Env(params (string Name, string Value)[] variables) =>
        new() { EnvironmentVariables = variables.ToDictionary(v => v.Name, v => v.Value) };

    private static IEnumerable<Dictionary<string, object?>> Recorded(string name, int count, ConcurrentQueue<string> order)
    {
        for (var i = 0; i < count; i++)
        {
            order.Enqueue($"{name}{i}");
            yield return new() { ["n"] = i };
        }
    }

    private static IEnumerable<Dictionary<string, object?>> Meeting(Barrier meeting, ConcurrencyProbe probe)
    {
        using (probe.Enter())
        {
            Assert.True(meeting.SignalAndWait(s_meetTimeout), "parallelized resources did not run at the same time");
        }

        yield return new() { ["n"] = 1 };
    }

    private static IEnumerable<Dictionary<string, object?>> Busy(ConcurrencyProbe probe)
    {
        for (var i = 0; i < 5; i++)
        {
            using (probe.Enter())
            {
                Thread.Sleep(20);
            }

            yield return new() { ["n"] = i };
        }
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> SlowAsync(ConcurrencyProbe probe)
    {
        for (var i = 0; i < 3; i++)
        {
            using (probe.Enter())
            {
                await Task.Delay(30);
            }

            yield return new() { ["n"] = i };
        }
    }

    /// <summary>Counts how many callers are inside at once and remembers the most.</summary>
    private sealed class ConcurrencyProbe
    {
        private int _current;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            return new Exit(this);
        }

        private sealed class Exit(ConcurrencyProbe probe) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref probe._current);
        }
    }
}
