using Dlt.Destinations;
using Dlt.Schemas;

namespace Dlt.Postgres;

/// <summary>
/// The <c>UNIQUE</c> constraint of <c>_dlt_id</c> (dlt's unique hint, with <c>create_indexes</c>) on a
/// table that a package creates is added when the package completes, not by its <c>CREATE TABLE</c>:
/// PostgreSQL builds the index of a filled table by sorting it, several times faster than it inserts
/// the random ids one by one while the rows are copied (PostgreSQL's own advice for populating a
/// database). The table ends as dlt creates it, with the constraint PostgreSQL names
/// <c>&lt;table&gt;__dlt_id_key</c>. The schema update records the deferral in the completed-jobs ledger,
/// in the transaction that creates the table, so a load that crashes before completing adds the
/// constraint when it resumes; the completion of any package of the dataset adds every deferred one.
/// Columns the user hints unique keep their constraint in the <c>CREATE TABLE</c>: a duplicate fails
/// its load job, as in dlt. <c>_dlt_id</c> values are unique by construction (<c>OwnRowIds</c> checks
/// those a user supplies).
/// </summary>
internal static class RowIdConstraints
{
    /// <summary>The ledger's job ids of deferred constraints: this prefix and the table name.</summary>
    private const string JobIdPrefix = "unique-after-load:";

    /// <summary>Whether the constraint of <paramref name="column"/> waits for the package's completion when its table is created.</summary>
    public static bool IsDeferred(ColumnSchema column) => column.Unique && column.Name == Schema.IdColumn;

    /// <summary>The ledger job id that records the deferred constraint of <paramref name="table"/>.</summary>
    public static string JobId(string table) => JobIdPrefix + table;

    /// <summary>The table of a ledger job id of a deferred constraint; null for other job ids.</summary>
    public static string? TableOf(string jobId) => jobId.StartsWith(JobIdPrefix, StringComparison.Ordinal) ? jobId[JobIdPrefix.Length..] : null;

    /// <summary>The ledger job ids of every deferred constraint of the dataset, of any package.</summary>
    public static string SelectDeferred(string ledger) => $"SELECT DISTINCT job_id FROM {ledger} WHERE job_id LIKE '{JobIdPrefix}%'";

    /// <summary>Deletes the ledger records of every deferred constraint.</summary>
    public static string ForgetDeferred(string ledger) => $"DELETE FROM {ledger} WHERE job_id LIKE '{JobIdPrefix}%'";

    /// <summary>
    /// One row when the table ($1, quoted and qualified) exists: whether a one-column unique index on
    /// <c>_dlt_id</c> exists (a staging-optimized replace moves in a staging table that has it).
    /// </summary>
    public const string HasUniqueIndex =
        "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
        $"WHERE i.indrelid = c.oid AND i.indisunique AND i.indnkeyatts = 1 AND a.attname = '{Schema.IdColumn}') FROM pg_class c WHERE c.oid = to_regclass($1)";

    /// <summary>The statement that adds the constraint, named by PostgreSQL as a <c>UNIQUE</c> column of a <c>CREATE TABLE</c> is.</summary>
    public static string Add(string qualifiedTable) => $"ALTER TABLE {qualifiedTable} ADD UNIQUE ({SqlIdentifier.Quote(Schema.IdColumn)})";
}
