using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dlt.Cli.Pipelines;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dlt.Cli.Commands;

/// <summary>
/// <c>dlt pipeline &lt;name&gt; show</c>: the tables of the pipeline's dataset with their row counts, and the first
/// rows of each, read from the destination (where dlt opens its dashboard).
/// </summary>
internal static class PipelineShowCommand
{
    private const int MaxCellLength = 40;

    private static readonly Option<int> s_rows = new("--rows", "-n")
    {
        Description = "How many rows of each table to print (0: only the row counts).",
        DefaultValueFactory = _ => 5,
    };

    private static readonly Option<string[]> s_tables = new("--table", "-t")
    {
        Description = "Print the rows of this table only (repeat for more).",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("show", "Print the tables of the pipeline's dataset with their row counts and their first rows, read from the destination; -v adds dlt's own tables and columns.")
        {
            s_rows, s_tables,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var name = result.GetValue(PipelineCommand.Name) ?? throw new CliException("Give the pipeline name before the operation: dlt pipeline <name> show.");
            var rows = result.GetValue(s_rows);
            if (rows < 0)
            {
                throw new CliException($"--rows must be 0 or more, not {rows}.");
            }

            var verbose = result.GetValue(PipelineCommand.Verbose);
            var pipelinesDirectory = PipelineFolder.ResolvePipelinesDirectory(result.GetValue(PipelineCommand.PipelinesDirectory), console.EnvironmentVariables());
            var dataset = PipelineAttach.Open(console, pipelinesDirectory, name).Dataset();
            var counts = await dataset.RowCountsAsync(includeDltTables: verbose, cancellationToken).ConfigureAwait(false);
            var output = CreateConsole(console.Out);
            output.WriteLine($"Dataset {dataset}: {counts.Count} table(s)");
            var countTable = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var count in counts)
            {
                countTable.AddRow(new Text(count.Table), new Text(count.Rows.ToString(CultureInfo.InvariantCulture)));
            }

            output.Write(countTable);
            var selected = result.GetValue(s_tables) is { Length: > 0 } only ? only : [.. counts.Select(c => c.Table)];
            foreach (var table in rows == 0 ? [] : selected)
            {
                if (!counts.Any(c => c.Table == table))
                {
                    throw new CliException($"Dataset {dataset.Name} has no table '{table}'. Its tables: {string.Join(", ", counts.Select(c => c.Table))}.");
                }

                output.WriteLine();
                output.WriteLine($"{table} (first {rows} row(s)):");
                output.Write(await RowsTableAsync(dataset, table, rows, verbose, cancellationToken).ConfigureAwait(false));
            }

            return CliApp.Success;
        });
        return command;
    }

    private static async Task<Table> RowsTableAsync(Dataset dataset, string table, int rows, bool verbose, CancellationToken cancellationToken)
    {
        var grid = new Table();
        List<string>? columns = null;
        await foreach (var row in dataset.ReadTableAsync(table, rows, cancellationToken).ConfigureAwait(false))
        {
            if (columns is null)
            {
                columns = [.. row.Keys.Where(c => verbose || !c.StartsWith("_dlt_", StringComparison.Ordinal))];
                foreach (var column in columns)
                {
                    grid.AddColumn(new TableColumn(new Text(column)));
                }
            }

            grid.AddRow(columns.Select(c => (IRenderable)new Text(Format(row[c]))));
        }

        if (columns is null)
        {
            grid.AddColumn("(no rows)");
        }

        return grid;
    }

    /// <summary>A value as one short line: invariant numbers and ISO dates, <c>null</c> for SQL NULL, long text cut.</summary>
    private static string Format(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToHexString(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value),
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxCellLength ? text : text[..(MaxCellLength - 1)] + "…";
    }

    /// <summary>A Spectre console writing to <paramref name="writer"/>: colours only on a terminal, wide enough for a few columns.</summary>
    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = writer == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (writer != Console.Out || Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
