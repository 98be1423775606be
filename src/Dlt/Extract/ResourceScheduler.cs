using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using Dlt.Configuration;

namespace Dlt.Extract;

/// <summary>
/// Runs resources concurrently in round-robin mode and hands their items to the single writer side
/// through a bounded channel: plain synchronous resources interleaved item by item on one dedicated
/// thread, parallelized ones on <c>extract.workers</c> dedicated threads, async ones as async loops
/// that hold one of <c>max_parallel_items</c> slots per step. Items that are tasks are awaited
/// concurrently within the same slots. The shared thread pool never blocks.
/// </summary>
internal sealed class ResourceScheduler : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> s_taskResult = new();

    private readonly IReadOnlyList<Resource> _resources;
    private readonly ExtractSettings _concurrency;
    private readonly Func<Resource, IDisposable> _enterScope;
    private readonly Channel<ScheduledItem> _channel = Channel.CreateBounded<ScheduledItem>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _asyncSlots;
    private readonly CancellationTokenSource _cancel;
    private readonly List<Task> _producers = [];
    private int _pending = 1;

    public ResourceScheduler(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, CancellationToken cancellationToken)
    {
        _enterScope = enterScope;
        _resources = resources;
        _concurrency = concurrency;
        _asyncSlots = new SemaphoreSlim(concurrency.MaxParallelItems);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public ChannelReader<ScheduledItem> Items => _channel.Reader;

    public void Start()
    {
        var indexed = _resources.Select((resource, index) => (resource, index)).ToList();
        var plain = indexed.Where(r => r.resource.Items.IsSynchronous && !r.resource.Hints.Parallelized).ToList();
        var parallel = new ConcurrentQueue<(Resource, int)>(indexed.Where(r => r.resource.Items.IsSynchronous && r.resource.Hints.Parallelized));
        if (plain.Count > 0)
        {
            _producers.Add(RunOnDedicatedThread("dlt-extract", () => InterleaveSynchronous(plain)));
        }

        var threads = Math.Min(_concurrency.Workers, parallel.Count);
        for (var i = 0; i < threads; i++)
        {
            _producers.Add(RunOnDedicatedThread($"dlt-extract-worker-{i}", () => DrainParallelized(parallel)));
        }

        foreach (var (resource, index) in indexed.Where(r => !r.resource.Items.IsSynchronous))
        {
            _producers.Add(DrainAsync(resource, index));
        }

        _ = CompleteWhenDoneAsync();
    }

    private void InterleaveSynchronous(List<(Resource Resource, int Index)> resources)
    {
        var active = resources.Select(r => (r.Resource, r.Index, Items: r.Resource.Items.Read().GetEnumerator())).ToList();
        try
        {
            while (active.Count > 0)
            {
                for (var i = 0; i < active.Count;)
                {
                    var (resource, index, items) = active[i];
                    if (!Guard(resource, () => items.MoveNext()))
                    {
                        items.Dispose();
                        active.RemoveAt(i);
                        continue;
                    }

                    WriteBlocking(index, items.Current);
                    i++;
                }
            }
        }
        finally
        {
            foreach (var (_, _, items) in active)
            {
                items.Dispose();
            }
        }
    }

    private void DrainParallelized(ConcurrentQueue<(Resource Resource, int Index)> queue)
    {
        while (queue.TryDequeue(out var next))
        {
            using var items = next.Resource.Items.Read().GetEnumerator();
            while (Guard(next.Resource, () => items.MoveNext()))
            {
                WriteBlocking(next.Index, items.Current);
            }
        }
    }

    private async Task DrainAsync(Resource resource, int index)
    {
        await Task.Yield();
        var items = resource.Items.ReadAsync(_cancel.Token).GetAsyncEnumerator(_cancel.Token);
        await using var _ = items.ConfigureAwait(false);
        while (true)
        {
            await _asyncSlots.WaitAsync(_cancel.Token).ConfigureAwait(false);
            bool hasItem;
            try
            {
                using (_enterScope(resource))
                {
                    hasItem = await items.MoveNextAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_cancel.IsCancellationRequested)
            {
                throw Failed(resource, ex);
            }
            finally
            {
                _asyncSlots.Release();
            }

            if (!hasItem)
            {
                return;
            }

            await WriteAsync(index, items.Current).ConfigureAwait(false);
        }
    }

    private bool Guard(Resource resource, Func<bool> moveNext)
    {
        _cancel.Token.ThrowIfCancellationRequested();
        try
        {
            using (_enterScope(resource))
            {
                return moveNext();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_cancel.IsCancellationRequested)
        {
            throw Failed(resource, ex);
        }
    }

    private static ExtractException Failed(Resource resource, Exception ex) =>
        ex as ExtractException ?? new ExtractException($"Resource '{resource.Name}' failed: {ex.Message}", ex);

    private void WriteBlocking(int index, object? item)
    {
        if (item is Task task)
        {
            _asyncSlots.Wait(_cancel.Token);
            ForwardWhenDone(index, task);
            return;
        }

        var scheduled = new ScheduledItem(index, item);
        while (!_channel.Writer.TryWrite(scheduled))
        {
            if (!_channel.Writer.WaitToWriteAsync(_cancel.Token).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException(_cancel.Token);
            }
        }
    }

    private async ValueTask WriteAsync(int index, object? item)
    {
        if (item is Task task)
        {
            await _asyncSlots.WaitAsync(_cancel.Token).ConfigureAwait(false);
            ForwardWhenDone(index, task);
            return;
        }

        await _channel.Writer.WriteAsync(new ScheduledItem(index, item), _cancel.Token).ConfigureAwait(false);
    }

    /// <summary>Awaits an item that is a task while holding one async slot, then passes its result on.</summary>
    private void ForwardWhenDone(int index, Task task)
    {
        Interlocked.Increment(ref _pending);
        _ = ForwardAsync();

        async Task ForwardAsync()
        {
            try
            {
                await task.ConfigureAwait(false);
                var result = s_taskResult.GetOrAdd(task.GetType(), static t => t.GetProperty("Result"))?.GetValue(task);
                await _channel.Writer.WriteAsync(new ScheduledItem(index, result), _cancel.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail(ex is OperationCanceledException && _cancel.IsCancellationRequested ? ex : Failed(_resources[index], ex));
            }
            finally
            {
                _asyncSlots.Release();
                Done();
            }
        }
    }

    private Task RunOnDedicatedThread(string name, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    private async Task CompleteWhenDoneAsync()
    {
        foreach (var producer in _producers)
        {
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        Done();
    }

    private void Fail(Exception ex)
    {
        if (_channel.Writer.TryComplete(ex))
        {
            _cancel.Cancel();
        }
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _channel.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        foreach (var producer in _producers)
        {
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already reported through the channel; disposing only waits for the producers to stop.
            }
        }

        _cancel.Dispose();
        _asyncSlots.Dispose();
    }
}

/// <summary>An item (or page) of the resource at <paramref name="ResourceIndex"/>.</summary>
internal readonly record struct ScheduledItem(int ResourceIndex, object? Value);
