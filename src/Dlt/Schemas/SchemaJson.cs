using System.Security.Cryptography;
using System.Text.Json;
using Dlt.Schemas.Naming;

namespace Dlt.Schemas;

/// <summary>Reads and writes a schema in dlt's stored JSON layout (<c>schemas/&lt;name&gt;.schema.json</c>).</summary>
internal static class SchemaJson
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8(Schema schema, bool indented = true)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indented : new JsonWriterOptions { Encoder = s_indented.Encoder }))
        {
            Write(writer, schema, includeVersion: true);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Save(Schema schema, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, ToUtf8(schema));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>base64 SHA3-256 of the schema content without its version fields.</summary>
    public static string ComputeHash(Schema schema)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, schema, includeVersion: false);
        }

        var hash = SHA3_256.IsSupported ? SHA3_256.HashData(buffer.WrittenSpan) : SHA256.HashData(buffer.WrittenSpan);
        return Convert.ToBase64String(hash);
    }

    private static void Write(Utf8JsonWriter writer, Schema schema, bool includeVersion)
    {
        writer.WriteStartObject();
        if (includeVersion)
        {
            writer.WriteNumber("version", schema.Version);
            writer.WriteString("version_hash", schema.VersionHash);
        }

        writer.WriteNumber("engine_version", Schema.EngineVersion);
        writer.WriteString("name", schema.Name);
        writer.WriteStartObject("tables");
        foreach (var table in schema.Tables)
        {
            WriteTable(writer, table);
        }

        writer.WriteEndObject();
        WriteSettings(writer, schema);
        writer.WriteStartObject("normalizers");
        writer.WriteString("names", "snake_case");
        writer.WriteStartObject("json");
        writer.WriteString("module", "dlt.common.normalizers.json.relational");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter writer, TableSchema table)
    {
        writer.WriteStartObject(table.Name);
        writer.WriteString("name", table.Name);
        writer.WriteStartObject("columns");
        foreach (var column in table.Columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndObject();
        if (table.Parent is not null)
        {
            writer.WriteString("parent", table.Parent);
        }

        if (table.WriteDisposition is { } disposition)
        {
            writer.WriteString("write_disposition", WriteDispositionNames.ToDltName(disposition));
        }

        if (table.Resource is not null)
        {
            writer.WriteString("resource", table.Resource);
        }

        if (table.MergeStrategy is { } strategy)
        {
            writer.WriteString("x-merge-strategy", MergeStrategyNames.ToDltName(strategy));
        }

        if (table.Deduplicated)
        {
            writer.WriteBoolean("x-stage-data-deduplicated", true);
        }

        if (table.BoundaryTimestamp is { } boundary)
        {
            writer.WriteString("x-boundary-timestamp", boundary.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture));
        }

        table.SchemaContract?.WriteTo(writer, "schema_contract");
        if (table.SeenData || table.MaxNesting is not null || table.EvolveColumnsOnce)
        {
            writer.WriteStartObject("x-normalizer");
            if (table.MaxNesting is { } maxNesting)
            {
                writer.WriteNumber("max_nesting", maxNesting);
            }

            if (table.SeenData)
            {
                writer.WriteBoolean("seen-data", true);
            }

            if (table.EvolveColumnsOnce)
            {
                writer.WriteBoolean("evolve-columns-once", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter writer, ColumnSchema column)
    {
        writer.WriteStartObject(column.Name);
        writer.WriteString("name", column.Name);
        if (column.DataType is { } type)
        {
            writer.WriteString("data_type", type.ToDltName());
        }

        writer.WriteBoolean("nullable", column.Nullable);
        WriteOptional(writer, "precision", column.Precision);
        WriteOptional(writer, "scale", column.Scale);
        WriteFlag(writer, "primary_key", column.PrimaryKey);
        WriteFlag(writer, "unique", column.Unique);
        WriteFlag(writer, "row_key", column.RowKey);
        WriteFlag(writer, "parent_key", column.ParentKey);
        WriteFlag(writer, "root_key", column.RootKey);
        WriteFlag(writer, "variant", column.Variant);
        WriteFlag(writer, "merge_key", column.MergeKey);
        WriteFlag(writer, "hard_delete", column.HardDelete);
        if (column.DedupSort is { } dedupSort)
        {
            writer.WriteString("dedup_sort", MergeStrategyNames.ToDltName(dedupSort));
        }

        WriteFlag(writer, "incremental", column.Incremental);

        WriteFlag(writer, "x-valid-from", column.ValidFrom);
        WriteFlag(writer, "x-valid-to", column.ValidTo);
        WriteFlag(writer, "x-row-version", column.RowVersion);
        if (column.ActiveRecordTimestamp is { } active)
        {
            writer.WriteString("x-active-record-timestamp", active.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter writer, Schema schema)
    {
        writer.WriteStartObject("settings");
        writer.WriteStartArray("detections");
        writer.WriteStringValue("iso_timestamp");
        writer.WriteEndArray();
        writer.WriteStartObject("default_hints");
        WriteStrings(writer, "not_null", Schema.IdColumn, Schema.RootIdColumn, Schema.ParentIdColumn, Schema.ListIndexColumn, Schema.LoadIdColumn);
        WriteStrings(writer, "parent_key", Schema.ParentIdColumn);
        WriteStrings(writer, "root_key", Schema.RootIdColumn);
        WriteStrings(writer, "unique", Schema.IdColumn);
        WriteStrings(writer, "row_key", Schema.IdColumn);
        writer.WriteEndObject();
        schema.SchemaContract?.WriteTo(writer, "schema_contract");
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, params ReadOnlySpan<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool value)
    {
        if (value)
        {
            writer.WriteBoolean(name, true);
        }
    }

    public static Schema Load(string path, INamingConvention naming)
    {
        try
        {
            return Parse(File.ReadAllBytes(path), naming);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The stored schema '{path}' is not a valid dlt schema: {ex.Message}. Delete the file (or the pipeline's working dir) to start afresh.", ex);
        }
    }

    public static Schema Parse(ReadOnlySpan<byte> utf8, INamingConvention naming)
    {
        using var document = JsonDocument.Parse(utf8.ToArray());
        var root = document.RootElement;
        var schema = new Schema(root.GetProperty("name").GetString()!, naming)
        {
            Version = root.TryGetProperty("version", out var version) ? version.GetInt32() : 0,
            VersionHash = root.TryGetProperty("version_hash", out var hash) ? hash.GetString() ?? "" : "",
        };
        if (root.TryGetProperty("settings", out var settings) && settings.TryGetProperty("schema_contract", out var contract))
        {
            schema.SchemaContract = SchemaContract.FromJson(contract);
        }

        foreach (var tableProperty in root.GetProperty("tables").EnumerateObject())
        {
            schema.AddTable(ReadTable(tableProperty.Name, tableProperty.Value));
        }

        return schema;
    }

    private static TableSchema ReadTable(string name, JsonElement element)
    {
        var table = new TableSchema(name, element.TryGetProperty("parent", out var parent) ? parent.GetString() : null);
        if (element.TryGetProperty("write_disposition", out var disposition))
        {
            table.WriteDisposition = WriteDispositionNames.Parse(disposition.GetString()!);
        }

        if (element.TryGetProperty("resource", out var resource))
        {
            table.Resource = resource.GetString();
        }

        if (element.TryGetProperty("x-merge-strategy", out var strategy))
        {
            table.MergeStrategy = MergeStrategyNames.Parse(strategy.GetString()!);
        }

        table.Deduplicated = element.TryGetProperty("x-stage-data-deduplicated", out var deduplicated) && deduplicated.ValueKind == JsonValueKind.True;
        table.BoundaryTimestamp = element.TryGetProperty("x-boundary-timestamp", out var boundary) ? DateTimeOffset.Parse(boundary.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;

        if (element.TryGetProperty("x-normalizer", out var normalizer))
        {
            table.SeenData = normalizer.TryGetProperty("seen-data", out var seen) && seen.GetBoolean();
            table.MaxNesting = normalizer.TryGetProperty("max_nesting", out var nesting) ? nesting.GetInt32() : null;
            table.EvolveColumnsOnce = normalizer.TryGetProperty("evolve-columns-once", out var once) && once.GetBoolean();
        }

        if (element.TryGetProperty("schema_contract", out var contract))
        {
            table.SchemaContract = SchemaContract.FromJson(contract);
        }

        foreach (var columnProperty in element.GetProperty("columns").EnumerateObject())
        {
            var c = columnProperty.Value;
            table.SetColumn(new ColumnSchema(columnProperty.Name, c.TryGetProperty("data_type", out var type) ? DataTypeNames.Parse(type.GetString()!) : null)
            {
                Nullable = !c.TryGetProperty("nullable", out var nullable) || nullable.GetBoolean(),
                Precision = c.TryGetProperty("precision", out var precision) ? precision.GetInt32() : null,
                Scale = c.TryGetProperty("scale", out var scale) ? scale.GetInt32() : null,
                PrimaryKey = Flag(c, "primary_key"),
                Unique = Flag(c, "unique"),
                RowKey = Flag(c, "row_key"),
                ParentKey = Flag(c, "parent_key"),
                RootKey = Flag(c, "root_key"),
                Variant = Flag(c, "variant"),
                MergeKey = Flag(c, "merge_key"),
                HardDelete = Flag(c, "hard_delete"),
                DedupSort = c.TryGetProperty("dedup_sort", out var dedupSort) ? MergeStrategyNames.ParseDedupSort(dedupSort.GetString()!) : null,
                Incremental = Flag(c, "incremental"),
                ValidFrom = Flag(c, "x-valid-from"),
                ValidTo = Flag(c, "x-valid-to"),
                RowVersion = Flag(c, "x-row-version"),
                ActiveRecordTimestamp = c.TryGetProperty("x-active-record-timestamp", out var active) ? DateTimeOffset.Parse(active.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
            });
        }

        return table;
    }

    private static bool Flag(JsonElement column, string name) =>
        column.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
