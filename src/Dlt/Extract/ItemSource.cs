namespace Dlt.Extract;

/// <summary>Where a resource's items come from: a synchronous or an asynchronous sequence of items or pages.</summary>
internal abstract class ItemSource
{
    /// <summary>Whether <see cref="Read"/> (blocking) rather than <see cref="ReadAsync"/> is the natural way to drain it.</summary>
    public abstract bool IsSynchronous { get; }

    /// <summary>The type the sequence declares for its items or pages.</summary>
    public abstract Type DeclaredType { get; }

    /// <summary>Yields the items (or pages) boxed; blocking for synchronous sources.</summary>
    public abstract IEnumerable<object?> Read();

    /// <summary>Yields the items (or pages) boxed.</summary>
    public abstract IAsyncEnumerable<object?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The source for one run with <paramref name="context"/>: a factory is called; a sequence is its own source.</summary>
    public virtual ItemSource Bind(ResourceContext context) => this;
}

internal sealed class EnumerableItemSource<T>(IEnumerable<T> items) : ItemSource
{
    public override bool IsSynchronous => true;

    public override Type DeclaredType => typeof(T);

    public override IEnumerable<object?> Read()
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

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
    public override bool IsSynchronous => false;

    public override Type DeclaredType => typeof(T);

    public override IEnumerable<object?> Read() =>
        throw new NotSupportedException("An asynchronous resource is drained with ReadAsync.");

    public override async IAsyncEnumerable<object?> ReadAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}

/// <summary>A resource function that needs its <see cref="ResourceContext"/>: it is called when the run starts.</summary>
internal sealed class FactoryItemSource<T>(Func<ResourceContext, IEnumerable<T>> factory) : ItemSource
{
    public override bool IsSynchronous => true;

    public override Type DeclaredType => typeof(T);

    public override IEnumerable<object?> Read() => throw Unbound();

    public override IAsyncEnumerable<object?> ReadAsync(CancellationToken cancellationToken) => throw Unbound();

    public override ItemSource Bind(ResourceContext context) => new EnumerableItemSource<T>(factory(context));

    internal static InvalidOperationException Unbound() => new("A resource made from a function of its context is run by a pipeline, which binds it to its state first.");
}

/// <summary>An asynchronous resource function that needs its <see cref="ResourceContext"/>.</summary>
internal sealed class AsyncFactoryItemSource<T>(Func<ResourceContext, IAsyncEnumerable<T>> factory) : ItemSource
{
    public override bool IsSynchronous => false;

    public override Type DeclaredType => typeof(T);

    public override IEnumerable<object?> Read() => throw FactoryItemSource<T>.Unbound();

    public override IAsyncEnumerable<object?> ReadAsync(CancellationToken cancellationToken) => throw FactoryItemSource<T>.Unbound();

    public override ItemSource Bind(ResourceContext context) => new AsyncEnumerableItemSource<T>(factory(context));
}
