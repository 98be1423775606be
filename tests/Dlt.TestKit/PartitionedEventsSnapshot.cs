namespace Dlt.TestKit;

/// <summary>
/// What a dataset loaded from <see cref="PartitionedEvents"/> holds, in a form two datasets can be
/// compared by: the columns of every table (name, type, nullability; not their order, which follows
/// the order partitions finished in) and the events and their items as sorted text rows.
/// </summary>
public sealed record PartitionedEventsSnapshot(IReadOnlyList<string> Columns, IReadOnlyList<string> Events, IReadOnlyList<string> Items)
{
    public static PartitionedEventsSnapshot Read(PostgresReader reader)
    {
        var columns = reader.Query($"""
            SELECT concat_ws(' ', table_name || '.' || column_name, data_type, coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), is_nullable)
            FROM information_schema.columns WHERE table_schema = '{reader.Dataset}'
            """).Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
        var events = reader.Query($"""
            SELECT concat_ws('|', id, "partition", amount, payload__seq, payload__label, coalesce(tag_0, '-'), coalesce(tag_1, '-'), coalesce(tag_2, '-'))
            FROM {reader.Table("events")} ORDER BY id
            """).Select(r => (string)r[0]!).ToList();
        var items = reader.Query($"""
            SELECT concat_ws('|', e.id, i.n, i._dlt_list_idx)
            FROM {reader.Table("events__items")} i JOIN {reader.Table("events")} e ON e._dlt_id = i._dlt_parent_id
            ORDER BY e.id, i._dlt_list_idx
            """).Select(r => (string)r[0]!).ToList();
        return new PartitionedEventsSnapshot(columns, events, items);
    }
}
