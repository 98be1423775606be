using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Ingest;

/// <summary>
/// Loads the files of an <see cref="IngestRequest"/> through a pipeline, one run per file: a file that
/// fails to read loads nothing of itself (its extract package is discarded) and the files before it stay
/// loaded. With <c>replace</c>, the first file replaces the table and the others append to it.
/// </summary>
internal static class IngestRunner
{
    public static async Task<IReadOnlyList<LoadInfo>> RunAsync(IngestRequest request, CliConsole console, CancellationToken cancellationToken)
    {
        var output = console.Out;
        var pipeline = Pipeline.Create(request.PipelineName, CliDestinations.Create(request.Destination), request.Dataset, console.PipelineOptions(request.PipelinesDirectory));
        var infos = new List<LoadInfo>();
        for (var i = 0; i < request.Files.Count; i++)
        {
            var file = request.Files[i];
            var disposition = request.WriteDisposition == WriteDisposition.Replace && i > 0 ? WriteDisposition.Append : request.WriteDisposition;
            try
            {
                var info = await pipeline.RunAsync([CreateResource(request, file, disposition)], cancellationToken).ConfigureAwait(false);
                infos.Add(info);
                output.WriteLine(info);
            }
            catch (PipelineStepFailedException ex) when (FindInputError(ex) is { } input)
            {
                var kept = i == 0 ? "" : $" The {i} file(s) before it were loaded.";
                throw new CliException($"{input.Message} Nothing of '{file.DisplayName}' was loaded.{kept}");
            }
        }

        return infos;
    }

    private static Resource CreateResource(IngestRequest request, InputFile file, WriteDisposition? disposition)
    {
        var resource = file.Format switch
        {
            InputFormat.JsonLines => Resource.Create(request.Table, JsonLinesReader.ReadPages(file)),
            InputFormat.Json => Resource.Create(request.Table, JsonDocumentReader.ReadPages(file)),
            InputFormat.Csv => Resource.Create(request.Table, CsvReader.ReadPages(file)),
            _ => Resource.Create(request.Table, ParquetReader.ReadPages(file)),
        };
        if (disposition is { } writeDisposition)
        {
            resource = resource.WithWriteDisposition(writeDisposition);
        }

        if (request.PrimaryKey.Count > 0)
        {
            resource = resource.WithPrimaryKey([.. request.PrimaryKey]);
        }

        if (request.MaxTableNesting is { } nesting)
        {
            resource = resource.WithMaxTableNesting(nesting);
        }

        return resource;
    }

    private static Exception? FindInputError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IngestInputException or CliException)
            {
                return current;
            }
        }

        return null;
    }
}
