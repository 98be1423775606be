namespace Dlt.Cli.Ingest;

/// <summary>What <c>dlt ingest</c> was asked to load, and where.</summary>
internal sealed record IngestRequest
{
    public required IReadOnlyList<InputFile> Files { get; init; }

    public required string Destination { get; init; }

    public required string Table { get; init; }

    public required string PipelineName { get; init; }

    public string? Dataset { get; init; }

    public WriteDisposition? WriteDisposition { get; init; }

    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    public int? MaxTableNesting { get; init; }

    public string? PipelinesDirectory { get; init; }
}
