namespace Dlt.Bench.Data;

/// <summary>
/// DuckDB SQL that loads a gen_data.py file into the tables the pipeline makes of it, with the
/// same names and types and dlt's system columns: DuckDB's own <c>read_json</c>, the baseline of
/// <c>json_flat</c> and <c>json_nested</c>.
/// </summary>
internal static class JsonBaselineSql
{
    public const string Flat = "flat";
    public const string Nested = "nested";

    /// <summary>The nested baseline's DuckDB memory limit (the pipeline runs at the destination's default).</summary>
    public const string NestedMemoryLimit = "1GB";

    /// <summary>
    /// DuckDB's own <c>preserve_insertion_order</c> (true): with the destination's default (false)
    /// DuckDB's <c>read_json</c> of these files runs out of the 96 MB <c>memory_limit</c>.
    /// </summary>
    public const string KeepOrder = "SET preserve_insertion_order = true;\n";

    public static string Build(string kind, string path, string loadId)
    {
        var file = path.Replace("'", "''", StringComparison.Ordinal);
        return KeepOrder + kind switch
        {
            Flat => FlatSql(file, loadId),
            Nested => NestedSql(file, loadId),
            _ => throw new ArgumentException($"Unknown kind '{kind}'."),
        };
    }

    /// <summary>One typed table, the <c>device</c> object flattened into two columns.</summary>
    private static string FlatSql(string file, string loadId) => $$"""
        CREATE TABLE {{RawDuckDb.Table(Workloads.JsonWorkload.Table)}} AS
          SELECT id, customer_id, event_type, created_at, amount, quantity, is_active, country, currency, session, score, note,
                 device.os AS device__os, device.version AS device__version,
                 '{{loadId}}' AS _dlt_load_id, gen_random_uuid()::VARCHAR AS _dlt_id
          FROM read_json('{{file}}', format = 'newline_delimited', columns = {
            id: 'BIGINT', customer_id: 'BIGINT', event_type: 'VARCHAR', created_at: 'TIMESTAMPTZ', amount: 'DOUBLE',
            quantity: 'BIGINT', is_active: 'BOOLEAN', country: 'VARCHAR', currency: 'VARCHAR', session: 'VARCHAR',
            score: 'DOUBLE', note: 'VARCHAR', device: 'STRUCT(os VARCHAR, version BIGINT)'});
        """;

    /// <summary>
    /// The ten tables of the nested events: <c>read_json</c> into a temporary table (a random row
    /// id per record), the parent flattened with dlt's normalized names, every list unnested into
    /// its child table with the parent's id, the list index and a hash as the child's id. The
    /// field of changing type (<c>mixed</c>) goes where the pipeline puts it: scalars as text,
    /// objects into two parent columns, lists into a child table. DuckDB's <c>read_json</c> of
    /// nested lists of structs runs out of the destination's default <c>memory_limit</c> (96 MB
    /// on 2 cores) at 200k records, so the baseline gets <see cref="NestedMemoryLimit"/>.
    /// </summary>
    private static string NestedSql(string file, string loadId)
    {
        string Child(string table, string parentId, string list, string from, string value = "value") =>
            $"CREATE TABLE {RawDuckDb.Table(table)} AS SELECT {value}, p AS _dlt_parent_id, i AS _dlt_list_idx, md5(p || '{table}' || i::VARCHAR) AS _dlt_id "
            + $"FROM (SELECT {parentId} AS p, unnest({list}) AS value, generate_subscripts({list}, 1) - 1 AS i FROM {from});";
        string Children(string temp, string parentId, string list, string from, string table) =>
            $"CREATE TEMP TABLE {temp} AS SELECT p, value, i, md5(p || '{table}' || i::VARCHAR) AS id "
            + $"FROM (SELECT {parentId} AS p, unnest({list}) AS value, generate_subscripts({list}, 1) - 1 AS i FROM {from});";

        const string Phones = "\"user\".phones";
        return $$"""
            SET memory_limit = '{{NestedMemoryLimit}}';
            BEGIN TRANSACTION;
            CREATE TEMP TABLE src AS
              SELECT *, gen_random_uuid()::VARCHAR AS _dlt_id,
                     CASE WHEN json_type(mixed) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL ELSE mixed ->> '$' END AS mixed_text,
                     CASE WHEN json_type(mixed) = 'OBJECT' THEN (mixed ->> 'inner')::BIGINT END AS mixed_inner,
                     CASE WHEN json_type(mixed) = 'OBJECT' THEN mixed ->> 'label' END AS mixed_label,
                     CASE WHEN json_type(mixed) = 'ARRAY' THEN mixed::BIGINT[] END AS mixed_list
              FROM read_json('{{file}}', format = 'newline_delimited', columns = {
                'id': 'BIGINT', 'version': 'BIGINT', 'Customer ID': 'VARCHAR', 'camelCase': 'BIGINT', 'a-b': 'VARCHAR',
                'UPPER': 'VARCHAR', 'with.dot': 'BIGINT', '  padded ': 'VARCHAR', 'ümlaut': 'VARCHAR', '日本語': 'VARCHAR',
                'event_type': 'VARCHAR', 'created_at': 'TIMESTAMPTZ', 'event_date': 'VARCHAR', 'amount': 'DOUBLE',
                'amount_str': 'VARCHAR', 'big_int': 'BIGINT', 'is_active': 'BOOLEAN', 'score': 'DOUBLE', 'mixed': 'JSON',
                'user': 'STRUCT(name VARCHAR, email VARCHAR, address STRUCT(city VARCHAR, country VARCHAR, geo STRUCT(lat DOUBLE, lon DOUBLE)), phones VARCHAR[])',
                'tags': 'VARCHAR[]', 'scores': 'BIGINT[]',
                'items': 'STRUCT(sku VARCHAR, qty BIGINT, price DOUBLE, currency VARCHAR, tags VARCHAR[], discounts STRUCT(code VARCHAR, pct BIGINT)[], gift STRUCT(wrap BOOLEAN, message VARCHAR))[]',
                'matrix': 'BIGINT[][]', 'rare_field': 'VARCHAR',
                'meta': 'STRUCT(source VARCHAR, batch BIGINT, flags STRUCT(a BOOLEAN, b VARCHAR))'});
            CREATE TABLE {{RawDuckDb.Table("records")}} AS
              SELECT id, version, "Customer ID" AS customer_id, camelCase AS camel_case, "a-b" AS a_b, UPPER AS upper, "with.dot" AS with_dot,
                     "  padded " AS padded, "ümlaut" AS _mlaut, "日本語" AS x, event_type, created_at, event_date, amount, amount_str,
                     big_int, is_active, score, mixed_text AS mixed, "user".name AS user__name, "user".email AS user__email,
                     "user".address.city AS user__address__city, "user".address.country AS user__address__country,
                     "user".address.geo.lat AS user__address__geo__lat, "user".address.geo.lon AS user__address__geo__lon,
                     '{{loadId}}' AS _dlt_load_id, _dlt_id, mixed_inner AS mixed__inner, mixed_label AS mixed__label, rare_field,
                     meta.source AS meta__source, meta.batch AS meta__batch, meta.flags.a AS meta__flags__a
              FROM src;
            {{Child("records__tags", "_dlt_id", "tags", "src")}}
            {{Child("records__scores", "_dlt_id", "scores", "src")}}
            {{Child("records__user__phones", "_dlt_id", Phones, "src")}}
            {{Child("records__mixed", "_dlt_id", "mixed_list", "src")}}
            {{Children("items", "_dlt_id", "items", "src", "records__items")}}
            CREATE TABLE {{RawDuckDb.Table("records__items")}} AS
              SELECT value.sku AS sku, value.qty AS qty, value.price AS price, value.currency AS currency,
                     p AS _dlt_parent_id, i AS _dlt_list_idx, id AS _dlt_id, value.gift.wrap AS gift__wrap, value.gift.message AS gift__message
              FROM items;
            {{Child("records__items__tags", "id", "value.tags", "items")}}
            {{Child("records__items__discounts", "id", "value.discounts", "items", "value.code AS code, value.pct AS pct")}}
            {{Children("matrix", "_dlt_id", "matrix", "src", "records__matrix")}}
            CREATE TABLE {{RawDuckDb.Table("records__matrix")}} AS SELECT p AS _dlt_parent_id, i AS _dlt_list_idx, id AS _dlt_id FROM matrix;
            {{Child("records__matrix__list", "id", "value", "matrix")}}
            DROP TABLE src;
            DROP TABLE items;
            DROP TABLE matrix;
            COMMIT;
            """;
    }
}
