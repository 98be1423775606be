namespace Dlt.Configuration;

/// <summary>Values given in code (<see cref="PipelineOptions.BufferMaxItems"/>): they win over every provider and every section.</summary>
internal sealed class ExplicitProvider : IConfigProvider
{
    private readonly Dictionary<string, (object Value, string Origin)> _values = new(StringComparer.Ordinal);

    public string Name => "code";

    public bool SupportsSecrets => true;

    public bool IsEmpty => _values.Count == 0;

    /// <summary>Sets the value of the dotted key <paramref name="key"/> (<c>data_writer.buffer_max_items</c>).</summary>
    public void Set(string key, object value, string origin) => _values[key] = (value, origin);

    public bool TryGet(IReadOnlyList<string> path, out ConfigValue value)
    {
        var key = string.Join('.', path);
        if (_values.TryGetValue(key, out var found))
        {
            value = new ConfigValue(found.Value, key, found.Origin);
            return true;
        }

        value = default;
        return false;
    }
}
