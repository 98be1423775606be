namespace Dlt.Extract;

/// <summary>Where a resource's items come from: a synchronous or an asynchronous sequence of items or pages.</summary>
internal abstract class ItemSource
{
    /// <summary>The declared item type, used to tell pages from single items.</summary>
    public abstract Type ItemType { get; }

    /// <summary>Yields the items (or pages) boxed; value-type items box once each.</summary>
    public abstract IAsyncEnumerable<object?> ReadAsync(CancellationToken cancellationToken);
}

internal sealed class EnumerableItemSource<T>(IEnumerable<T> items) : ItemSource
{
    public override Type ItemType => typeof(T);

    public override async IAsyncEnumerable<object?> ReadAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}

internal sealed class AsyncEnumerableItemSource<T>(IAsyncEnumerable<T> items) : ItemSource
{
    public override Type ItemType => typeof(T);

    public override async IAsyncEnumerable<object?> ReadAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
