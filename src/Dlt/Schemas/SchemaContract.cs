using System.Text.Json;
using Dlt.Schemas;

namespace Dlt;

/// <summary>
/// dlt's schema contract: what happens when data would add a table, add a column or make a variant
/// column. Set it on a resource (its tables and their nested tables), on a source (the schema's
/// default) or for one run (overrides both). Entities left unset evolve.
/// </summary>
/// <example><c>SchemaContract.Freeze</c>, <c>new SchemaContract { Columns = ContractMode.DiscardValue }</c>, <c>SchemaContract.Parse("freeze")</c>.</example>
public sealed record SchemaContract
{
    /// <summary>What happens to a new table (nested tables included). <value>The default value is <see langword="null"/>: evolve.</value></summary>
    public ContractMode? Tables { get; init; }

    /// <summary>What happens to a new column of an existing table. <value>The default value is <see langword="null"/>: evolve.</value></summary>
    public ContractMode? Columns { get; init; }

    /// <summary>What happens to a new variant column (a value that does not fit its column's type). <value>The default value is <see langword="null"/>: evolve.</value></summary>
    public ContractMode? DataType { get; init; }

    /// <summary>All three entities evolve (dlt's <c>"evolve"</c>, the default).</summary>
    public static SchemaContract Evolve { get; } = All(ContractMode.Evolve);

    /// <summary>No new tables, columns or variant columns: the run fails instead (dlt's <c>"freeze"</c>).</summary>
    public static SchemaContract Freeze { get; } = All(ContractMode.Freeze);

    /// <summary>Rows that would change the schema are dropped (dlt's <c>"discard_row"</c>).</summary>
    public static SchemaContract DiscardRow { get; } = All(ContractMode.DiscardRow);

    /// <summary>Values that would change the schema are dropped (dlt's <c>"discard_value"</c>).</summary>
    public static SchemaContract DiscardValue { get; } = All(ContractMode.DiscardValue);

    /// <summary>Written as dlt's one-word shorthand (<c>"freeze"</c>) rather than as a dictionary.</summary>
    internal bool IsShorthand { get; private init; }

    /// <summary>The same <paramref name="mode"/> for tables, columns and data types (dlt's mode string).</summary>
    public static SchemaContract All(ContractMode mode) => new() { Tables = mode, Columns = mode, DataType = mode, IsShorthand = true };

    /// <summary>
    /// Parses dlt's forms: a mode (<c>evolve</c>, <c>freeze</c>, <c>discard_row</c>, <c>discard_value</c>)
    /// for all entities, or a JSON object such as <c>{"tables": "evolve", "columns": "freeze"}</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is neither; the message lists what is accepted.</exception>
    public static SchemaContract Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (!text.StartsWith('{'))
        {
            return All(ContractModeNames.Parse(text));
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return FromJson(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Schema contract '{value}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Reads dlt's stored form: a mode string or an object with <c>tables</c>, <c>columns</c> and <c>data_type</c>.</summary>
    internal static SchemaContract FromJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return All(ContractModeNames.Parse(element.GetString()!));
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A schema contract is a mode string or an object, not a JSON {element.ValueKind}.");
        }

        var contract = new SchemaContract();
        foreach (var property in element.EnumerateObject())
        {
            var mode = property.Value.ValueKind == JsonValueKind.String
                ? ContractModeNames.Parse(property.Value.GetString()!)
                : throw new FormatException($"Schema contract entity '{property.Name}' must be a mode string, not a JSON {property.Value.ValueKind}.");
            contract = property.Name switch
            {
                "tables" => contract with { Tables = mode },
                "columns" => contract with { Columns = mode },
                "data_type" => contract with { DataType = mode },
                _ => throw new FormatException($"Unknown schema contract entity '{property.Name}'; use 'tables', 'columns' or 'data_type'."),
            };
        }

        return contract;
    }

    /// <summary>Writes dlt's stored form: the mode string for a shorthand, else an object of the entities set.</summary>
    internal void WriteTo(System.Text.Json.Utf8JsonWriter writer, string propertyName)
    {
        if (IsShorthand && Tables == Columns && Columns == DataType && Tables is { } mode)
        {
            writer.WriteString(propertyName, ContractModeNames.ToDltName(mode));
            return;
        }

        writer.WriteStartObject(propertyName);
        WriteEntity(writer, "tables", Tables);
        WriteEntity(writer, "columns", Columns);
        WriteEntity(writer, "data_type", DataType);
        writer.WriteEndObject();
    }

    /// <summary>Every entity's mode, unset ones as <see cref="ContractMode.Evolve"/>.</summary>
    internal ResolvedContract Expand() => new(Tables ?? ContractMode.Evolve, Columns ?? ContractMode.Evolve, DataType ?? ContractMode.Evolve);

    /// <summary>Two contracts are equal when they set the same modes, whichever form they were written in.</summary>
    public bool Equals(SchemaContract? other) =>
        other is not null && Tables == other.Tables && Columns == other.Columns && DataType == other.DataType;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tables, Columns, DataType);

    /// <summary>dlt's form: <c>freeze</c>, or <c>{"columns": "freeze"}</c>.</summary>
    public override string ToString()
    {
        if (IsShorthand && Tables == Columns && Columns == DataType && Tables is { } mode)
        {
            return ContractModeNames.ToDltName(mode);
        }

        var entities = new[] { ("tables", Tables), ("columns", Columns), ("data_type", DataType) }
            .Where(e => e.Item2 is not null)
            .Select(e => $"\"{e.Item1}\": \"{ContractModeNames.ToDltName(e.Item2!.Value)}\"");
        return "{" + string.Join(", ", entities) + "}";
    }

    private static void WriteEntity(Utf8JsonWriter writer, string name, ContractMode? mode)
    {
        if (mode is { } set)
        {
            writer.WriteString(name, ContractModeNames.ToDltName(set));
        }
    }
}
