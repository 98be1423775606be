namespace Dlt.Schemas;

/// <summary>dlt's bookkeeping tables with the exact columns dlt creates.</summary>
internal static class SystemTables
{
    public static TableSchema Version()
    {
        var table = new TableSchema(Schema.VersionTable) { WriteDisposition = WriteDisposition.Skip, Resource = Schema.VersionTable };
        table.SetColumn(new ColumnSchema("version", DataType.BigInt) { Nullable = false });
        table.SetColumn(new ColumnSchema("engine_version", DataType.BigInt) { Nullable = false });
        table.SetColumn(new ColumnSchema("inserted_at", DataType.Timestamp) { Nullable = false });
        table.SetColumn(new ColumnSchema("schema_name", DataType.Text) { Nullable = false });
        table.SetColumn(new ColumnSchema("version_hash", DataType.Text) { Nullable = false });
        table.SetColumn(new ColumnSchema("schema", DataType.Text) { Nullable = false });
        return table;
    }

    public static TableSchema Loads()
    {
        var table = new TableSchema(Schema.LoadsTable) { WriteDisposition = WriteDisposition.Skip, Resource = Schema.LoadsTable };
        table.SetColumn(new ColumnSchema("load_id", DataType.Text) { Nullable = false, Precision = 64 });
        table.SetColumn(new ColumnSchema("schema_name", DataType.Text));
        table.SetColumn(new ColumnSchema("status", DataType.BigInt) { Nullable = false });
        table.SetColumn(new ColumnSchema("inserted_at", DataType.Timestamp) { Nullable = false });
        table.SetColumn(new ColumnSchema("schema_version_hash", DataType.Text));
        return table;
    }

    public static TableSchema PipelineState()
    {
        var table = new TableSchema(Schema.PipelineStateTable) { WriteDisposition = WriteDisposition.Append, Resource = Schema.PipelineStateTable };
        table.SetColumn(new ColumnSchema("version", DataType.BigInt) { Nullable = false });
        table.SetColumn(new ColumnSchema("engine_version", DataType.BigInt) { Nullable = false });
        table.SetColumn(new ColumnSchema("pipeline_name", DataType.Text) { Nullable = false });
        table.SetColumn(new ColumnSchema("state", DataType.Text) { Nullable = false });
        table.SetColumn(new ColumnSchema("created_at", DataType.Timestamp) { Nullable = false });
        table.SetColumn(new ColumnSchema("version_hash", DataType.Text));
        table.SetColumn(new ColumnSchema(Schema.LoadIdColumn, DataType.Text) { Nullable = false, Precision = 64 });
        table.SetColumn(new ColumnSchema(Schema.IdColumn, DataType.Text) { Nullable = false, Unique = true, RowKey = true });
        return table;
    }
}
