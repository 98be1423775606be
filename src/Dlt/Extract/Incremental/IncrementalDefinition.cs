using System.Text.Json.Nodes;

namespace Dlt;

/// <summary>An incremental of any cursor type; see <see cref="Incremental{TCursor}"/>.</summary>
public abstract class IncrementalDefinition
{
    private protected IncrementalDefinition()
    {
    }

    /// <summary>The field the cursor reads, as given.</summary>
    public abstract string CursorPath { get; }

    internal abstract Type CursorType { get; }

    /// <summary>Starts one run of the resource <paramref name="resourceName"/> from its state.</summary>
    internal abstract Dlt.Extract.IIncrementalRun Bind(string resourceName, JsonObject resourceState, IReadOnlyList<string> resourcePrimaryKey);
}
