using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>
/// The follow-up SQL of a replace chain loaded through the staging dataset (dlt's
/// <c>SqlStagingCopyFollowupJob</c>), run in one transaction with the chain's ledger record.
/// insert-from-staging: every table of the chain is emptied and gets the staged rows.
/// staging-optimized (PostgreSQL): every table is dropped, its staging table moves into the dataset,
/// and an empty staging table like it is created again.
/// </summary>
internal static class SqlReplaceJob
{
    /// <summary>The ledger job id of a chain's replace follow-up.</summary>
    public static string JobId(string rootTable) => rootTable + ".replace";

    /// <param name="chain">The root table first, then its child tables that exist.</param>
    /// <param name="destination">Quoted, qualified name of a destination table.</param>
    /// <param name="staging">Quoted, qualified name of a staging table.</param>
    /// <param name="dataset">The quoted dataset the staging tables move into (staging-optimized).</param>
    /// <param name="swap">True for staging-optimized.</param>
    public static List<string> Statements(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging, string dataset, bool swap)
    {
        var statements = new List<string>();
        foreach (var table in chain)
        {
            if (swap)
            {
                statements.Add($"DROP TABLE {destination(table.Name)}");
                statements.Add($"ALTER TABLE {staging(table.Name)} SET SCHEMA {dataset}");
                statements.Add($"CREATE TABLE {staging(table.Name)} (LIKE {destination(table.Name)} INCLUDING ALL)");
                continue;
            }

            var columns = string.Join(", ", table.Columns.Where(c => c.IsComplete).Select(c => SqlIdentifier.Quote(c.Name)));
            statements.Add($"DELETE FROM {destination(table.Name)}");
            statements.Add($"INSERT INTO {destination(table.Name)} ({columns}) SELECT {columns} FROM {staging(table.Name)}");
        }

        return statements;
    }
}
