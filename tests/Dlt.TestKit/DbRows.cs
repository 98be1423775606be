using System.Data.Common;

namespace Dlt.TestKit;

/// <summary>Reads every row of a query as values (DBNull as null), for any ADO.NET provider.</summary>
public static class DbRows
{
    public static IReadOnlyList<object?[]> Read(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
