using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>
/// How every normalized Parquet file is written: Snappy compression; no dictionary for the unique
/// <c>_dlt_id</c> (a dictionary of values that never repeat costs hashing and adds bytes); and
/// Arrow's system memory pool (malloc). Arrow's default pool here is mimalloc, which keeps a 1 GiB arena with about 75 MB
/// resident after the normalize stage has ended; malloc hands freed pages back, so the load stage
/// starts from a smaller process (measured in docs/performance.md).
/// </summary>
internal static class ParquetProperties
{
    public static WriterProperties Writer() =>
        new WriterPropertiesBuilder()
            .Compression(Compression.Snappy)
            .DisableDictionary(Schemas.Schema.IdColumn)
            .MemoryPool(MemoryPool.SystemMemoryPool())
            .Build();
}
