using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>
/// How every normalized Parquet file is written: Snappy compression; a dictionary only for text
/// columns other than the unique <c>_dlt_id</c> (a dictionary of values that rarely repeat, as ids,
/// amounts and timestamps do, costs a hash per value and adds bytes; fixed-width values are cheaper
/// to write and to read plain: docs/performance.md measures it); and
/// Arrow's system memory pool (malloc). Arrow's default pool here is mimalloc, which keeps a 1 GiB arena with about 75 MB
/// resident after the normalize stage has ended; malloc hands freed pages back, so the load stage
/// starts from a smaller process (measured in docs/performance.md).
/// </summary>
internal static class ParquetProperties
{
    /// <param name="plainColumns">The columns written without a dictionary besides <c>_dlt_id</c>.</param>
    public static WriterProperties Writer(IEnumerable<string> plainColumns)
    {
        var builder = new WriterPropertiesBuilder()
            .Compression(Compression.Snappy)
            .DisableDictionary(Schemas.Schema.IdColumn)
            .MemoryPool(MemoryPool.SystemMemoryPool());
        foreach (var column in plainColumns)
        {
            builder.DisableDictionary(column);
        }

        return builder.Build();
    }
}
