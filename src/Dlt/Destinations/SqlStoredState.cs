using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>
/// The SQL that reads a pipeline's state and schemas back from a dataset (dlt's <c>get_stored_state</c>
/// and <c>get_stored_schema</c>), and the SQL of the drops and truncations a refresh records in a load
/// package. Standard SQL that DuckDB and PostgreSQL both take; values are written as quoted literals.
/// </summary>
internal static class SqlStoredState
{
    /// <summary>dlt's tables whose presence tells whether a dataset holds a pipeline's loads.</summary>
    public static IReadOnlyList<string> SystemTables { get; } = [Schema.VersionTable, Schema.LoadsTable, Schema.PipelineStateTable];

    /// <summary>The names of dlt's tables present in <paramref name="dataset"/>; <paramref name="catalogFilter"/> adds a condition such as DuckDB's catalog.</summary>
    public static string ExistingSystemTables(string dataset, string catalogFilter = "") =>
        $"SELECT table_name FROM information_schema.tables WHERE table_schema = {SqlIdentifier.Literal(dataset)}{catalogFilter} " +
        $"AND table_name IN ({string.Join(", ", SystemTables.Select(SqlIdentifier.Literal))})";

    /// <summary>
    /// The newest state row of <paramref name="pipelineName"/> whose package completed (a <c>_dlt_loads</c>
    /// row with status 0): version, engine_version, pipeline_name, state, _dlt_load_id.
    /// </summary>
    public static string NewestState(Func<string, string> qualifiedTable, string pipelineName) =>
        $"SELECT s.version, s.engine_version, s.pipeline_name, s.state, s._dlt_load_id FROM {qualifiedTable(Schema.PipelineStateTable)} AS s " +
        $"JOIN {qualifiedTable(Schema.LoadsTable)} AS l ON l.load_id = s._dlt_load_id " +
        $"WHERE s.pipeline_name = {SqlIdentifier.Literal(pipelineName)} AND l.status = 0 ORDER BY l.load_id DESC, s.version DESC LIMIT 1";

    /// <summary>Every stored version of the named schemas, newest first: schema_name, schema.</summary>
    public static string StoredSchemas(Func<string, string> qualifiedTable, IEnumerable<string> schemaNames) =>
        $"SELECT schema_name, schema FROM {qualifiedTable(Schema.VersionTable)} " +
        $"WHERE schema_name IN ({string.Join(", ", schemaNames.Select(SqlIdentifier.Literal))}) ORDER BY inserted_at DESC, version DESC";

    /// <summary>
    /// The statements of a refresh, run first in the schema update's transaction: drops of the tables
    /// present (in the dataset and in its staging dataset), the erasure of the schema's versions that
    /// still list dropped tables (as dlt's <c>drop_tables(delete_schema=True)</c>), and truncations.
    /// </summary>
    public static List<SchemaStatement> Refresh(
        TableRefresh refresh,
        string schemaName,
        Func<string, string> qualifiedTable,
        IReadOnlyDictionary<string, HashSet<string>> existing,
        Func<string, string> qualifiedStagingTable,
        IReadOnlyDictionary<string, HashSet<string>> existingStaging)
    {
        var statements = new List<SchemaStatement>();
        foreach (var table in refresh.DropTables)
        {
            if (existing.ContainsKey(table))
            {
                statements.Add(new(table, $"DROP TABLE {qualifiedTable(table)}"));
            }

            if (existingStaging.ContainsKey(table))
            {
                statements.Add(new(table, $"DROP TABLE {qualifiedStagingTable(table)}"));
            }
        }

        if (refresh.DropTables.Count > 0 && existing.ContainsKey(Schema.VersionTable))
        {
            statements.Add(new(Schema.VersionTable, $"DELETE FROM {qualifiedTable(Schema.VersionTable)} WHERE schema_name = {SqlIdentifier.Literal(schemaName)}"));
        }

        statements.AddRange(refresh.TruncateTables.Where(existing.ContainsKey).Select(table => new SchemaStatement(table, $"DELETE FROM {qualifiedTable(table)}")));
        return statements;
    }
}

/// <summary>A <c>_dlt_pipeline_state</c> row as stored: the state is base64 of zlib of its JSON.</summary>
internal sealed record StoredState(long Version, long EngineVersion, string PipelineName, string State, string LoadId);

/// <summary>
/// The tables a refresh or a drop of load package <paramref name="LoadId"/> drops or empties before
/// its data loads (dlt's <c>dropped_tables</c> and <c>truncated_tables</c>). They run once: the
/// destination records <see cref="JobId"/> in the completed-jobs ledger in the same transaction.
/// </summary>
internal sealed record TableRefresh(string LoadId, IReadOnlyList<string> DropTables, IReadOnlyList<string> TruncateTables)
{
    public const string JobId = "_dlt_refresh";

    public bool IsEmpty => DropTables.Count == 0 && TruncateTables.Count == 0;
}
