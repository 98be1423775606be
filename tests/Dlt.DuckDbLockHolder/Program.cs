using DuckDB.NET.Data;

// Opens the DuckDB file given as the first argument, says so on stdout, and keeps it open until stdin closes.
using var connection = new DuckDBConnection($"Data Source={args[0]}");
connection.Open();
using (var command = connection.CreateCommand())
{
    command.CommandText = "CREATE TABLE IF NOT EXISTS held (n INTEGER)";
    command.ExecuteNonQuery();
}

Console.WriteLine("locked");
Console.Out.Flush();
Console.In.ReadToEnd();
