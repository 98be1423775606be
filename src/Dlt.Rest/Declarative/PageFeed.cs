namespace Dlt.Rest;

/// <summary>
/// The pages of one resource in one run, shared by its readers (the resource itself and its child
/// resources): the reader that needs a page not yet fetched fetches it (within its own extract
/// slot), the others find it buffered. A page is dropped once every reader has passed it.
/// </summary>
internal sealed class PageFeed(IAsyncEnumerator<RawJson[]> producer, IReadOnlyList<string> readers) : IAsyncDisposable
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<RawJson[]> _pages = [];
    private readonly Dictionary<string, long> _positions = readers.ToDictionary(r => r, _ => 0L, StringComparer.Ordinal);
    private long _first;
    private bool _done;
    private Exception? _failure;

    /// <summary>The pages in order, for <paramref name="reader"/>.</summary>
    public async IAsyncEnumerable<RawJson[]> ReadAsync(string reader)
    {
        while (await NextAsync(reader).ConfigureAwait(false) is { } page)
        {
            yield return page;
        }

        lock (_lock)
        {
            _positions[reader] = long.MaxValue;
            Trim();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await producer.DisposeAsync().ConfigureAwait(false);
        _fetch.Dispose();
    }

    private async Task<RawJson[]?> NextAsync(string reader)
    {
        while (true)
        {
            lock (_lock)
            {
                var position = _positions[reader];
                if (position < _first + _pages.Count)
                {
                    _positions[reader] = position + 1;
                    var page = _pages[(int)(position - _first)];
                    Trim();
                    return page;
                }

                if (_failure is not null)
                {
                    throw new RestApiException(_failure.Message, _failure);
                }

                if (_done)
                {
                    return null;
                }
            }

            await _fetch.WaitAsync().ConfigureAwait(false);
            try
            {
                lock (_lock)
                {
                    if (_positions[reader] < _first + _pages.Count || _done || _failure is not null)
                    {
                        continue;
                    }
                }

                try
                {
                    var hasPage = await producer.MoveNextAsync().ConfigureAwait(false);
                    lock (_lock)
                    {
                        if (hasPage)
                        {
                            _pages.Add(producer.Current);
                        }
                        else
                        {
                            _done = true;
                        }
                    }
                }
                catch (Exception ex)
                {
                    lock (_lock)
                    {
                        _failure = ex;
                    }

                    throw;
                }
            }
            finally
            {
                _fetch.Release();
            }
        }
    }

    private void Trim()
    {
        var slowest = _positions.Values.Min();
        while (_pages.Count > 0 && _first < slowest)
        {
            _pages.RemoveAt(0);
            _first++;
        }
    }
}
