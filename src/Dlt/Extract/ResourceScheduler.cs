using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using Dlt.Configuration;

namespace Dlt.Extract;

/// <summary>
/// Runs resources and hands their items, serialized on the producing thread, to the single writer
/// side through a small bounded channel: plain synchronous resources interleaved item by item on one
/// dedicated thread, parallelized ones on <c>extract.workers</c> dedicated threads, async ones as
/// async loops that hold one of <c>max_parallel_items</c> slots per step. Items that are tasks are
/// awaited concurrently within the same slots; items that are <see cref="Func{TResult}"/> of a task
/// (deferred, dlt's <c>@dlt.defer</c>) are started only once they hold a slot. The shared thread pool never blocks.
/// </summary>
internal sealed class ResourceScheduler : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> s_taskResult = new();

    private readonly IReadOnlyList<Resource> _resources;
    private readonly ExtractSettings _concurrency;
    private readonly Func<Resource, IDisposable> _enterScope;
    private readonly Func<Resource, int, ItemSerializer> _serializerFor;
    private readonly Channel<SerializedChunk> _channel = Channel.CreateBounded<SerializedChunk>(
        new BoundedChannelOptions(32) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _asyncSlots;
    private readonly CancellationTokenSource _cancel;
    private readonly List<Task> _producers = [];
    private int _pending = 1;

    /// <param name="resources">The resources to run.</param>
    /// <param name="concurrency">Pool size, async slots and item order.</param>
    /// <param name="enterScope">Enters a resource's configuration scope around each of its steps.</param>
    /// <param name="serializerFor">Makes the serializer of a resource (by resource and its index).</param>
    /// <param name="cancellationToken">Stops every producer.</param>
    public ResourceScheduler(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, Func<Resource, int, ItemSerializer> serializerFor, CancellationToken cancellationToken)
    {
        _resources = resources;
        _concurrency = concurrency;
        _enterScope = enterScope;
        _serializerFor = serializerFor;
        _asyncSlots = new SemaphoreSlim(concurrency.MaxParallelItems);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public ChannelReader<SerializedChunk> Chunks => _channel.Reader;

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
        var active = resources.Select(r => (r.Resource, r.Index, Items: r.Resource.Items.Read().GetEnumerator(), Serializer: _serializerFor(r.Resource, r.Index))).ToList();
        try
        {
            while (active.Count > 0)
            {
                for (var i = 0; i < active.Count;)
                {
                    var (resource, index, items, serializer) = active[i];
                    if (serializer.Stopped || !Guard(resource, () => items.MoveNext()))
                    {
                        serializer.Complete();
                        SendBlocking(serializer);
                        items.Dispose();
                        active.RemoveAt(i);
                        continue;
                    }

                    AddBlocking(resource, index, serializer, items.Current);
                    i++;
                }
            }
        }
        finally
        {
            foreach (var (_, _, items, serializer) in active)
            {
                items.Dispose();
                serializer.ReturnUntaken();
            }
        }
    }

    private void DrainParallelized(ConcurrentQueue<(Resource Resource, int Index)> queue)
    {
        while (queue.TryDequeue(out var next))
        {
            using var items = next.Resource.Items.Read().GetEnumerator();
            var serializer = _serializerFor(next.Resource, next.Index);
            try
            {
                while (!serializer.Stopped && Guard(next.Resource, () => items.MoveNext()))
                {
                    AddBlocking(next.Resource, next.Index, serializer, items.Current);
                }

                serializer.Complete();
                SendBlocking(serializer);
            }
            finally
            {
                serializer.ReturnUntaken();
            }
        }
    }

    private async Task DrainAsync(Resource resource, int index)
    {
        await Task.Yield();
        var items = resource.Items.ReadAsync(_cancel.Token).GetAsyncEnumerator(_cancel.Token);
        await using var _ = items.ConfigureAwait(false);
        var serializer = _serializerFor(resource, index);
        try
        {
            while (!serializer.Stopped)
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
                    break;
                }

                if (items.Current is Task or Func<Task>)
                {
                    await _asyncSlots.WaitAsync(_cancel.Token).ConfigureAwait(false);
                    ForwardWhenDone(resource, index, items.Current);
                    continue;
                }

                Serialize(resource, serializer, items.Current);
                while (serializer.TryTake(out var chunk))
                {
                    await SendAsync(chunk).ConfigureAwait(false);
                }
            }

            serializer.Complete();
            while (serializer.TryTake(out var chunk))
            {
                await SendAsync(chunk).ConfigureAwait(false);
            }
        }
        finally
        {
            serializer.ReturnUntaken();
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

    private static void Serialize(Resource resource, ItemSerializer serializer, object? item)
    {
        try
        {
            serializer.Add(item);
        }
        catch (Exception ex) when (ex is not ExtractException)
        {
            throw Failed(resource, ex);
        }
    }

    private void AddBlocking(Resource resource, int index, ItemSerializer serializer, object? item)
    {
        if (item is Task or Func<Task>)
        {
            _asyncSlots.Wait(_cancel.Token);
            ForwardWhenDone(resource, index, item);
            return;
        }

        Serialize(resource, serializer, item);
        SendBlocking(serializer);
    }

    private void SendBlocking(ItemSerializer serializer)
    {
        while (serializer.TryTake(out var chunk))
        {
            while (!_channel.Writer.TryWrite(chunk))
            {
                if (!_channel.Writer.WaitToWriteAsync(_cancel.Token).AsTask().GetAwaiter().GetResult())
                {
                    chunk.Return();
                    throw new OperationCanceledException(_cancel.Token);
                }
            }
        }
    }

    private async ValueTask SendAsync(SerializedChunk chunk)
    {
        try
        {
            await _channel.Writer.WriteAsync(chunk, _cancel.Token).ConfigureAwait(false);
        }
        catch
        {
            chunk.Return();
            throw;
        }
    }

    /// <summary>
    /// Awaits an item that is a task (or starts a deferred one and awaits it) while holding one async
    /// slot, then serializes and passes on its result.
    /// </summary>
    private void ForwardWhenDone(Resource resource, int index, object item)
    {
        Interlocked.Increment(ref _pending);
        _ = ForwardAsync();

        async Task ForwardAsync()
        {
            var serializer = _serializerFor(resource, index);
            try
            {
                var task = item as Task ?? ((Func<Task>)item)();
                await task.ConfigureAwait(false);
                var result = s_taskResult.GetOrAdd(task.GetType(), static t => t.GetProperty("Result"))?.GetValue(task);
                Serialize(resource, serializer, result);
                serializer.Complete();
                while (serializer.TryTake(out var chunk))
                {
                    await SendAsync(chunk).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Fail(ex is OperationCanceledException && _cancel.IsCancellationRequested ? ex : Failed(resource, ex));
            }
            finally
            {
                serializer.ReturnUntaken();
                _asyncSlots.Release();
                Done();
            }
        }
    }

    private static Task RunOnDedicatedThread(string name, Action body)
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

        while (_channel.Reader.TryRead(out var chunk))
        {
            chunk.Return();
        }

        _cancel.Dispose();
        _asyncSlots.Dispose();
    }
}
