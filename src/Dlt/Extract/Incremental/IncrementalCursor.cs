using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Extract;
using Dlt.Schemas.Naming;

namespace Dlt;

/// <summary>
/// One run of an <see cref="Incremental{TCursor}"/> on a resource: the values the resource reads to
/// build its request (<see cref="StartValue"/>, <see cref="EndValue"/>), and the filter that drops the
/// rows already loaded and tracks the newest value. Only the hashes of the rows at the newest value
/// are kept in the state, so the state does not grow from run to run.
/// </summary>
/// <typeparam name="TCursor">The cursor type.</typeparam>
public sealed class IncrementalCursor<TCursor> : IIncrementalRun
{
    private const int HashBytes = 15;
    private const int ManyHashesWarning = 200;

    private readonly Incremental<TCursor> _definition;
    private readonly string _resourceName;
    private readonly JsonObject? _state;
    private readonly PathSegment[][] _keyPaths;
    private readonly bool _deduplicate;
    private readonly bool _stopAtEnd;
    private readonly bool _stopAtStart;
    private readonly HashSet<string> _storedHashes;
    private readonly HashSet<string> _boundaryHashes = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly Lock _lock = new();
    private TCursor _newest = default!;
    private bool _hasNewest;
    private bool _warnedNaive;

    internal IncrementalCursor(Incremental<TCursor> definition, string resourceName, JsonObject resourceState, IReadOnlyList<string> resourcePrimaryKey)
    {
        _definition = definition;
        _resourceName = resourceName;
        if (definition.HasEndValue && !definition.HasInitialValue)
        {
            throw new ArgumentException($"The incremental on '{definition.CursorPath}' of resource '{resourceName}' has an end value but no initial value: a backfill window needs both.");
        }

        if (definition.Lag is not null && definition.LastValueFunc != LastValueFunc<TCursor>.Max && definition.LastValueFunc != LastValueFunc<TCursor>.Min)
        {
            throw new ArgumentException($"The incremental on '{definition.CursorPath}' of resource '{resourceName}' has a lag with the custom last value function '{definition.LastValueFunc.Name}': a lag needs max or min.");
        }

        var stored = definition.HasEndValue ? null : StoredState(resourceState, definition.CursorPath);
        _state = definition.HasEndValue ? null : resourceState;
        if (stored?["last_value"] is { } last)
        {
            LastValue = CursorValues<TCursor>.FromState(last, $"the last value of '{definition.CursorPath}' of resource '{resourceName}'");
            HasLastValue = true;
        }
        else if (definition.HasInitialValue)
        {
            LastValue = definition.InitialValue;
            HasLastValue = true;
        }

        _storedHashes = new HashSet<string>(
            (stored?["unique_hashes"] as JsonArray ?? []).Select(h => h?.GetValue<string>()).OfType<string>(),
            StringComparer.Ordinal);
        var olderIsLower = definition.LastValueFunc != LastValueFunc<TCursor>.Min;
        StartValue = HasLastValue && definition.Lag is { } lag ? CursorValues<TCursor>.Lagged(LastValue!, lag, olderIsLower) : LastValue;
        var keys = definition.PrimaryKey ?? resourcePrimaryKey;
        _deduplicate = !(definition.PrimaryKey is { Count: 0 } || definition.HasEndValue || definition.Lag is not null || definition.RangeStart == RangeBoundary.Open);
        _keyPaths = [.. keys.Select(Dlt.Extract.CursorPath.Parse)];
        var isMax = definition.LastValueFunc == LastValueFunc<TCursor>.Max;
        var isMin = definition.LastValueFunc == LastValueFunc<TCursor>.Min;
        _stopAtEnd = (isMax && definition.RowOrder == Dlt.RowOrder.Ascending) || (isMin && definition.RowOrder == Dlt.RowOrder.Descending);
        _stopAtStart = (isMax && definition.RowOrder == Dlt.RowOrder.Descending) || (isMin && definition.RowOrder == Dlt.RowOrder.Ascending);
    }

    /// <summary>The cursor path, as given.</summary>
    public string CursorPath => _definition.CursorPath;

    /// <summary>The incremental's initial value.</summary>
    public TCursor? InitialValue => _definition.InitialValue;

    /// <summary>The newest value loaded by earlier runs (the initial value on the first run; with an end value, the initial value).</summary>
    public TCursor? LastValue { get; }

    /// <summary>Whether <see cref="LastValue"/> (and <see cref="StartValue"/>) hold a value.</summary>
    public bool HasLastValue { get; }

    /// <summary>Where this run starts: <see cref="LastValue"/> moved back by the lag, if any. Ask the API for rows from here.</summary>
    public TCursor? StartValue { get; }

    /// <summary>The end of the range, if any.</summary>
    public TCursor? EndValue => _definition.EndValue;

    /// <summary>Whether <see cref="EndValue"/> holds a value.</summary>
    public bool HasEndValue => _definition.HasEndValue;

    IReadOnlyList<string> IIncrementalRun.Warnings => _warnings;

    ItemVerdict IItemFilter.Check(ReadOnlySpan<byte> item, long index)
    {
        lock (_lock)
        {
            return Check(item, index);
        }
    }

    void IIncrementalRun.Complete()
    {
        if (_state is null)
        {
            return;
        }

        var func = _definition.LastValueFunc;
        var newest = _hasNewest && (!HasLastValue || func.IsNewer(_newest, LastValue!)) ? _newest : LastValue;
        if (!_hasNewest && !HasLastValue)
        {
            return;
        }

        IEnumerable<string> hashes = !_deduplicate ? []
            : _hasNewest && Equal(newest!, _newest) && HasLastValue && Equal(newest!, LastValue!) ? _storedHashes.Union(_boundaryHashes)
            : _hasNewest && Equal(newest!, _newest) ? _boundaryHashes
            : _storedHashes;
        var unique = hashes.Order(StringComparer.Ordinal).ToList();
        if (unique.Count > ManyHashesWarning)
        {
            _warnings.Add($"The incremental on '{CursorPath}' of resource '{_resourceName}' keeps {unique.Count} row hashes: that many rows share its newest value. Give it a primary key or a more precise cursor to keep the state small.");
        }

        var incremental = _state["incremental"] as JsonObject ?? [];
        _state["incremental"] = incremental;
        incremental[CursorPath] = new JsonObject
        {
            ["initial_value"] = _definition.HasInitialValue ? CursorValues<TCursor>.ToState(_definition.InitialValue!) : null,
            ["last_value"] = CursorValues<TCursor>.ToState(newest!),
            ["unique_hashes"] = new JsonArray([.. unique.Select(h => (JsonNode)JsonValue.Create(h))]),
        };
    }

    private ItemVerdict Check(ReadOnlySpan<byte> item, long index)
    {
        if (!Dlt.Extract.CursorPath.TryFind(item, _definition.Path, out var reader) || reader.TokenType == JsonTokenType.Null)
        {
            return _definition.OnCursorValueMissing switch
            {
                CursorValueMissing.Include => ItemVerdict.Keep,
                CursorValueMissing.Exclude => ItemVerdict.Drop,
                _ => throw new IncrementalCursorException(_resourceName, CursorPath,
                    $"Item {index} of resource '{_resourceName}' has {(reader.TokenType == JsonTokenType.Null ? "a null value" : "no value")} at the cursor path '{CursorPath}'. " +
                    "Fix the data, or set OnCursorValueMissing to Include (keep such rows) or Exclude (drop them)."),
            };
        }

        if (!CursorValues<TCursor>.TryRead(ref reader, out var value, out var found, out var naive))
        {
            throw new IncrementalCursorException(_resourceName, CursorPath,
                $"Item {index} of resource '{_resourceName}' has a {found} at the cursor path '{CursorPath}', where the cursor is a {CursorValues<TCursor>.TypeName}: a cursor must hold one type. Fix the data or declare the incremental with the type the field holds.");
        }

        if (naive && !_warnedNaive && typeof(TCursor) != typeof(string))
        {
            _warnedNaive = true;
            _warnings.Add($"Resource '{_resourceName}' has timestamps without a time zone at the cursor path '{CursorPath}' (first in item {index}): they are compared as UTC.");
        }

        var func = _definition.LastValueFunc;
        if (HasEndValue && (func.IsNewer(value, EndValue!) || (_definition.RangeEnd == RangeBoundary.Open && Equal(value, EndValue!))))
        {
            return _stopAtEnd ? ItemVerdict.Stop : ItemVerdict.Drop;
        }

        string? hash = null;
        if (HasLastValue)
        {
            if (func.IsNewer(StartValue!, value))
            {
                return _stopAtStart ? ItemVerdict.Stop : ItemVerdict.Drop;
            }

            if (Equal(value, StartValue!))
            {
                if (_definition.RangeStart == RangeBoundary.Open)
                {
                    return ItemVerdict.Drop;
                }

                if (_deduplicate && _storedHashes.Contains(hash = RowHash(item)))
                {
                    return ItemVerdict.Drop;
                }
            }
        }

        if (!_hasNewest || func.IsNewer(value, _newest))
        {
            _newest = value;
            _hasNewest = true;
            _boundaryHashes.Clear();
        }

        if (_deduplicate && Equal(value, _newest))
        {
            _boundaryHashes.Add(hash ?? RowHash(item));
        }

        return ItemVerdict.Keep;
    }

    /// <summary>SHAKE128 (15 bytes, base64) of the row's key values as they are in its JSON, or of the whole row without a key.</summary>
    private string RowHash(ReadOnlySpan<byte> item)
    {
        Span<byte> digest = stackalloc byte[HashBytes];
        if (_keyPaths.Length == 0)
        {
            Shake128Hash.HashData(item, digest);
            return Convert.ToBase64String(digest);
        }

        var keys = new ArrayBufferWriterOfBytes();
        foreach (var path in _keyPaths)
        {
            if (Dlt.Extract.CursorPath.TryFind(item, path, out var reader))
            {
                keys.Append(reader, item);
            }

            keys.Separator();
        }

        Shake128Hash.HashData(keys.Written, digest);
        return Convert.ToBase64String(digest);
    }

    private static bool Equal(TCursor a, TCursor b) => EqualityComparer<TCursor>.Default.Equals(a, b);

    private static JsonObject? StoredState(JsonObject resourceState, string cursorPath) =>
        resourceState["incremental"]?[cursorPath] as JsonObject;

    /// <summary>The JSON text of a row's key values, one after another.</summary>
    private sealed class ArrayBufferWriterOfBytes
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(64);

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public void Append(Utf8JsonReader reader, ReadOnlySpan<byte> item)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            _buffer.Write(item[start..end]);
        }

        public void Separator() => _buffer.Write<byte>([0]);
    }
}
