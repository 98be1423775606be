using System.Globalization;
using Dlt.Postgres;
using Npgsql;

namespace Dlt.Bench.Data;

/// <summary>
/// The bench's PostgreSQL server: <c>scripts/bench.sh</c> starts a private cluster (as
/// <c>scripts/test.sh</c> does, through <c>scripts/postgres.sh</c>) and passes its Npgsql keyword
/// connection string to the harness and its children as <see cref="EnvironmentVariable"/>. All
/// runs share one database and one dataset (<see cref="StagedPipeline.DatasetName"/>), dropped
/// before each run (outside the clock); the children run one at a time.
/// </summary>
internal sealed class RawPostgres : IDisposable
{
    public const string EnvironmentVariable = "DLT_BENCH_POSTGRES";

    /// <summary>
    /// The flat table as <see cref="PostgresDestination"/> creates it (column types, order and
    /// <c>NOT NULL</c>), with the <c>UNIQUE</c> constraint on <c>_dlt_id</c> that its default
    /// <see cref="PostgresOptions.CreateIndexes"/> adds: the baseline maintains the same index.
    /// </summary>
    public const string FlatColumnsDdl =
        "\"id\" bigint, \"val\" double precision, \"name\" varchar, \"ts\" timestamp with time zone, \"flag\" boolean, "
        + "\"_dlt_load_id\" varchar NOT NULL, \"_dlt_id\" varchar UNIQUE NOT NULL";

    /// <summary>The columns of <see cref="FlatColumnsDdl"/>, for a COPY column list.</summary>
    public const string FlatColumnList = "\"id\", \"val\", \"name\", \"ts\", \"flag\", \"_dlt_load_id\", \"_dlt_id\"";

    public RawPostgres()
    {
        Connection = new NpgsqlConnection(ConnectionString);
        Connection.Open();
    }

    public NpgsqlConnection Connection { get; }

    /// <summary>The connection string from <see cref="EnvironmentVariable"/>; fails when the bench was started without a server.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run the bench through `bash scripts/bench.sh`, which starts a private PostgreSQL, "
                + $"or set {EnvironmentVariable}=\"Host=...;Port=...;Username=...;Password=...;Database=...\" for a server of your own.");

    public static string Table(string name) => $"\"{StagedPipeline.DatasetName}\".\"{name}\"";

    /// <summary>The pipeline's destination, on a fresh dataset.</summary>
    public static PostgresDestination FreshDestination()
    {
        Reset();
        return PostgresDestination.Create(ConnectionString);
    }

    /// <summary>Drops the dataset (the schema and all its tables) a previous run left.</summary>
    public static void Reset()
    {
        using var db = new RawPostgres();
        db.Execute($"DROP SCHEMA IF EXISTS \"{StagedPipeline.DatasetName}\" CASCADE");
    }

    public void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, Connection);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = new NpgsqlCommand(sql, Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = StagedPipeline.DatasetName });
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>Fails unless <paramref name="table"/> of the dataset holds <paramref name="expected"/> rows.</summary>
    public static void ExpectRows(string table, long expected)
    {
        using var db = new RawPostgres();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {Table(table)}", db.Connection);
        var actual = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (actual != expected)
        {
            throw new InvalidOperationException($"Table {Table(table)} in PostgreSQL holds {actual} rows; expected {expected}.");
        }
    }

    /// <summary>
    /// The rows of all data tables of the dataset (every table but dlt's own <c>_dlt_</c> tables),
    /// after checking that <paramref name="parentTable"/> holds <paramref name="records"/> rows.
    /// </summary>
    public static long DataTableRows(string parentTable, long records)
    {
        ExpectRows(parentTable, records);
        using var db = new RawPostgres();
        var names = new List<string>();
        using (var tables = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT LIKE '\\_dlt\\_%'", db.Connection))
        {
            tables.Parameters.Add(new NpgsqlParameter { Value = StagedPipeline.DatasetName });
            using var reader = tables.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        using var count = new NpgsqlCommand("SELECT " + string.Join(" + ", names.Select(name => $"(SELECT count(*) FROM {Table(name)})")), db.Connection);
        return names.Count == 0 ? 0 : Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The bytes of the dataset's tables with their indexes and TOAST (<c>pg_total_relation_size</c>).</summary>
    public static long DatasetBytes()
    {
        using var db = new RawPostgres();
        return db.Scalar(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = $1 AND c.relkind = 'r'");
    }

    public void Dispose() => Connection.Dispose();
}
