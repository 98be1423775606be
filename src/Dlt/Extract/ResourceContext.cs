using System.Text.Json.Nodes;

namespace Dlt;

/// <summary>
/// What a resource made with <c>Resource.Create(name, context => ...)</c> sees when the pipeline runs
/// it: its state and its source's state (kept in the pipeline state and loaded with the data), its
/// incremental cursor, and the run's cancellation. The states are plain JSON objects: what the
/// resource writes there is saved when the load package that carries it has loaded.
/// </summary>
public sealed class ResourceContext
{
    private readonly Dlt.Extract.IIncrementalRun? _incremental;

    internal ResourceContext(string sourceName, string resourceName, JsonObject state, JsonObject sourceState, Dlt.Extract.IIncrementalRun? incremental, CancellationToken cancellationToken)
    {
        SourceName = sourceName;
        ResourceName = resourceName;
        State = state;
        SourceState = sourceState;
        _incremental = incremental;
        CancellationToken = cancellationToken;
    }

    /// <summary>The source (schema) the resource runs in.</summary>
    public string SourceName { get; }

    /// <summary>The resource's name.</summary>
    public string ResourceName { get; }

    /// <summary>The resource's state (dlt's <c>resource_state()</c>): <c>sources.&lt;source&gt;.resources.&lt;resource&gt;</c>.</summary>
    public JsonObject State { get; }

    /// <summary>The source's state (dlt's <c>source_state()</c>): <c>sources.&lt;source&gt;</c>, shared by its resources.</summary>
    public JsonObject SourceState { get; }

    /// <summary>Cancelled when the run is cancelled.</summary>
    public CancellationToken CancellationToken { get; }

    internal Dlt.Extract.IIncrementalRun? IncrementalRun => _incremental;

    /// <summary>The cursor of the resource's <see cref="Incremental{TCursor}"/> for this run.</summary>
    /// <exception cref="InvalidOperationException">The resource has no incremental, or one of another cursor type.</exception>
    public IncrementalCursor<TCursor> Incremental<TCursor>() => _incremental switch
    {
        IncrementalCursor<TCursor> cursor => cursor,
        null => throw new InvalidOperationException($"Resource '{ResourceName}' has no incremental: add one with WithIncremental."),
        _ => throw new InvalidOperationException($"The incremental of resource '{ResourceName}' has another cursor type than {typeof(TCursor).Name}: ask for the type it was declared with."),
    };
}
