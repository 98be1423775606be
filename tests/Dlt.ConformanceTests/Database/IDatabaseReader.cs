using Dlt.ConformanceTests.Canonical;

namespace Dlt.ConformanceTests.Database;

/// <summary>Reads what a pipeline loaded into one database, whatever the engine: tables, columns, counts, canonical rows.</summary>
internal interface IDatabaseReader : IDisposable
{
    /// <summary>The engine's name for messages: <c>DuckDB</c>, <c>PostgreSQL</c>.</summary>
    string EngineName { get; }

    /// <summary>Table names of a schema, sorted ordinally.</summary>
    IReadOnlyList<string> ListTables(string schema);

    IReadOnlyList<DatabaseColumn> ReadColumns(string schema, string table);

    long CountRows(string schema, string table);

    /// <summary>Every row of a table, columns in the database's order, values in canonical JSON form.</summary>
    RawTable ReadTable(string schema, string table, string? parent);

    /// <summary>True when a column declared as <paramref name="dltType"/> may be stored as <paramref name="column"/>'s type.</summary>
    bool Stores(DatabaseColumn column, string? dltType);
}

/// <summary>A column as the database's catalog reports it, and the dlt data type that type stands for (null when none).</summary>
internal sealed record DatabaseColumn(string Name, string DataType, string? DltType);
