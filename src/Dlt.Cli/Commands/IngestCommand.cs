using System.CommandLine;
using Dlt.Cli.Ingest;
using Dlt.Schemas;
using Dlt.Schemas.Naming;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt ingest</c>: loads JSON lines, JSON, CSV or Parquet files (or stdin) into DuckDB or PostgreSQL.</summary>
internal static class IngestCommand
{
    private static readonly Argument<string[]> s_files = new("files")
    {
        Description = "Files or globs (*.jsonl, data/**/*.csv) to load, or - for standard input (JSON lines unless --format says otherwise).",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> s_destination = new Option<string>("--destination", "-d")
    {
        Description = "Where to load: duckdb (the file <pipeline>.duckdb, or destination.duckdb.credentials) or postgres (destination.postgres.credentials).",
        DefaultValueFactory = _ => "duckdb",
    }.AcceptOnlyFromAmong("duckdb", "postgres");

    private static readonly Option<string?> s_dataset = new("--dataset")
    {
        Description = "The dataset (database schema) to load into (default: <pipeline>_dataset).",
    };

    private static readonly Option<string?> s_table = new("--table", "-t")
    {
        Description = "The table to load into (default: the first file's name without its extensions; required for stdin).",
    };

    private static readonly Option<string?> s_writeDisposition = new Option<string?>("--write-disposition", "-w")
    {
        Description = "append (the default), replace or merge.",
    }.AcceptOnlyFromAmong("append", "replace", "merge");

    private static readonly Option<string[]> s_primaryKey = new("--primary-key")
    {
        Description = "The primary key column(s), comma separated or repeated (merge deduplicates on them).",
    };

    private static readonly Option<int?> s_maxTableNesting = new("--max-table-nesting")
    {
        Description = "How deep nested lists become child tables; deeper data stays JSON.",
    };

    private static readonly Option<string?> s_pipeline = new("--pipeline", "-p")
    {
        Description = "The pipeline name (default: ingest_<table>); its working dir keeps the state and the load packages.",
    };

    private static readonly Option<string?> s_format = new Option<string?>("--format")
    {
        Description = "The input format when the extension does not tell it: jsonl, json, csv or parquet.",
    }.AcceptOnlyFromAmong("jsonl", "ndjson", "json", "csv", "parquet");

    private static readonly Option<string?> s_pipelinesDirectory = new("--pipelines-dir")
    {
        Description = "The folder of the pipelines' working dirs (default: DLT_DATA_DIR/pipelines, ~/.dlt/pipelines).",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("ingest", "Load JSON lines, JSON, CSV or Parquet files (or stdin) into DuckDB or PostgreSQL.")
        {
            s_files, s_destination, s_dataset, s_table, s_writeDisposition, s_primaryKey, s_maxTableNesting, s_pipeline, s_format, s_pipelinesDirectory,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = CreateRequest(result, console.CurrentDirectory);
            await IngestRunner.RunAsync(request, console, cancellationToken).ConfigureAwait(false);
            return CliApp.Success;
        });
        return command;
    }

    private static IngestRequest CreateRequest(ParseResult result, string currentDirectory)
    {
        var files = InputFiles.Expand(result.GetValue(s_files)!, result.GetValue(s_format), currentDirectory);
        var table = result.GetValue(s_table) ?? (files[0].IsStdin
            ? throw new CliException("Reading stdin needs --table: there is no file name to take the table name from.")
            : TableFromFileName(files[0].Path));
        return new IngestRequest
        {
            Files = files,
            Destination = result.GetValue(s_destination)!,
            Table = table,
            PipelineName = result.GetValue(s_pipeline) ?? "ingest_" + new SnakeCaseNaming().NormalizeTableIdentifier(table),
            Dataset = result.GetValue(s_dataset),
            WriteDisposition = result.GetValue(s_writeDisposition) is { } disposition ? WriteDispositionNames.Parse(disposition) : null,
            PrimaryKey = [.. (result.GetValue(s_primaryKey) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            MaxTableNesting = result.GetValue(s_maxTableNesting),
            PipelinesDirectory = result.GetValue(s_pipelinesDirectory),
        };
    }

    private static string TableFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
