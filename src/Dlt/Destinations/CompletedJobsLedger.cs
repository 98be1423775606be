using System.Globalization;

namespace Dlt.Destinations;

/// <summary>
/// The SQL of <c>_dlt_completed_jobs</c>, the dataset's record of the load jobs whose rows committed:
/// a job's rows and its record commit in one transaction, so after a crash the destination, not the
/// local job folders, says whether a job is loaded. A package's records are deleted in the
/// transaction that writes its <c>_dlt_loads</c> row, which then speaks for all of its jobs.
/// Values are our own load ids and job ids, written as quoted literals.
/// </summary>
internal static class CompletedJobsLedger
{
    public const string TableName = "_dlt_completed_jobs";

    /// <summary>Standard SQL that DuckDB and PostgreSQL both take.</summary>
    public static string CreateTable(string ledger) =>
        $"CREATE TABLE IF NOT EXISTS {ledger} (load_id TEXT NOT NULL, job_id TEXT NOT NULL, inserted_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (load_id, job_id))";

    public static string SelectJobs(string ledger, string loadId) =>
        $"SELECT job_id FROM {ledger} WHERE load_id = {SqlIdentifier.Literal(loadId)}";

    public static string SelectJobs(string ledger, string loadId, IEnumerable<string> jobIds) =>
        $"{SelectJobs(ledger, loadId)} AND job_id IN ({string.Join(", ", jobIds.Select(SqlIdentifier.Literal))})";

    public static string Record(string ledger, string loadId, IEnumerable<string> jobIds, DateTime now)
    {
        var at = $"CAST({SqlIdentifier.Literal(now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00")} AS TIMESTAMP WITH TIME ZONE)";
        return $"INSERT INTO {ledger} (load_id, job_id, inserted_at) VALUES {string.Join(", ", jobIds.Select(id => $"({SqlIdentifier.Literal(loadId)}, {SqlIdentifier.Literal(id)}, {at})"))}";
    }

    public static string Forget(string ledger, string loadId) =>
        $"DELETE FROM {ledger} WHERE load_id = {SqlIdentifier.Literal(loadId)}";

    public static string CountLoads(string loadsTable, string loadId) =>
        $"SELECT count(*) FROM {loadsTable} WHERE load_id = {SqlIdentifier.Literal(loadId)}";
}
