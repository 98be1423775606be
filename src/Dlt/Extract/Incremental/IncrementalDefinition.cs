using System.Text.Json.Nodes;
using Dlt.Configuration;

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

    /// <summary>The section, under the resource's, of this incremental's configuration keys.</summary>
    internal abstract string ConfigSectionName { get; }

    /// <summary>This incremental with the values found in configuration in place of its own; invalid values go to the reader's problems.</summary>
    internal abstract IncrementalDefinition Configure(Dlt.Extract.IncrementalConfiguration configuration, SettingsReader reader);

    /// <summary>Starts one run of the resource <paramref name="resourceName"/> from its state.</summary>
    internal abstract Dlt.Extract.IIncrementalRun Bind(string resourceName, JsonObject resourceState, IReadOnlyList<string> resourcePrimaryKey);
}
