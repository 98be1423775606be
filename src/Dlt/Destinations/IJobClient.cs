using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>A destination session that loads the packages of one dataset.</summary>
internal interface IJobClient : IAsyncDisposable
{
    /// <summary>Creates the dataset and the tables that received data, adds new columns, and records the schema version; all in one transaction.</summary>
    Task UpdateSchemaAsync(Schema schema, DateTime now, CancellationToken cancellationToken);

    /// <summary>Loads job files in one transaction, after deleting the rows of <paramref name="truncateTables"/> (replace).</summary>
    Task LoadAsync(Schema schema, IReadOnlyList<LoadJobFile> jobs, IReadOnlyList<string> truncateTables, CancellationToken cancellationToken);

    /// <summary>Writes the <c>_dlt_loads</c> row that marks the package as loaded.</summary>
    Task CompleteLoadAsync(Schema schema, string loadId, DateTime now, CancellationToken cancellationToken);
}

/// <summary>A normalized file to load into <paramref name="Table"/>.</summary>
internal sealed record LoadJobFile(string Table, string Path);
