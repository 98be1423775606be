using System.Text;
using Dlt.Destinations;
using Dlt.Schemas;

namespace Dlt.Postgres;

/// <summary>
/// PostgreSQL cuts identifiers longer than 63 bytes (NAMEDATALEN - 1) without an error, so two names
/// could meet in one and a table would not be found under its own name. dlt's naming shortens to 63
/// characters, which holds every ASCII name; a name of multibyte characters can still pass 63 bytes
/// and is refused here, before any DDL runs, naming the table and column.
/// </summary>
internal static class PostgresIdentifierLimit
{
    /// <summary>The longest identifier PostgreSQL keeps whole, in bytes.</summary>
    public const int MaxBytes = 63;

    /// <summary>Fails with a terminal <see cref="DestinationException"/> if a dataset, table or complete column name of <paramref name="tables"/> is too long.</summary>
    public static void Check(Schema schema, IEnumerable<string> tables, params string[] datasets)
    {
        foreach (var dataset in datasets.Where(TooLong))
        {
            throw Refused($"The dataset name '{dataset}' is {Encoding.UTF8.GetByteCount(dataset)} bytes long in UTF-8.", "Choose a shorter dataset name.");
        }

        foreach (var name in tables)
        {
            if (!schema.TryGetTable(name, out var table))
            {
                continue;
            }

            if (TooLong(table.Name))
            {
                throw Refused($"The name of table '{table.Name}' is {Encoding.UTF8.GetByteCount(table.Name)} bytes long in UTF-8.", "Give the resource a shorter table name.");
            }

            foreach (var column in table.Columns.Where(c => c.IsComplete && TooLong(c.Name)))
            {
                throw Refused(
                    $"Column '{column.Name}' of table '{table.Name}' is {Encoding.UTF8.GetByteCount(column.Name)} bytes long in UTF-8.",
                    "Rename the key in the data (for example with a map step) so that its name fits.");
            }
        }
    }

    private static bool TooLong(string identifier) => identifier.Length > MaxBytes / 3 && Encoding.UTF8.GetByteCount(identifier) > MaxBytes;

    private static DestinationException Refused(string what, string todo) => new(
        $"{what} PostgreSQL keeps identifiers of at most {MaxBytes} bytes and would cut it silently (dlt's naming shortens to {MaxBytes} characters, which multibyte characters can exceed in bytes). {todo} Nothing of the package was loaded.",
        isTerminal: true);
}
