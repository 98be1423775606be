namespace Dlt.Cli.Ingest;

/// <summary>The formats <c>dlt ingest</c> reads.</summary>
internal enum InputFormat
{
    /// <summary>JSON lines: one object per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,

    /// <summary>A JSON array of objects, or objects one after another (<c>.json</c>).</summary>
    Json,

    /// <summary>Comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,
}
