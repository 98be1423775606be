using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Dlt.Bench.Data;

/// <summary>
/// The nested workload: a JSONL file of event records of about 450 bytes, each with ISO
/// timestamps, two nested objects (<c>user</c>, <c>device</c>), a list of 3 objects
/// (<c>items</c>) and a list of 3 scalars (<c>tags</c>). The pipeline makes the tables
/// <c>events</c>, <c>events__items</c> and <c>events__tags</c> of it.
/// </summary>
internal static class NestedEvents
{
    public const string Table = "events";
    public const string ItemsTable = "events__items";
    public const string TagsTable = "events__tags";
    public const int ItemsPerEvent = 3;
    public const int TagsPerEvent = 3;
    public const int PageSize = 1_000;

    private static readonly string[] s_eventTypes = ["page_view", "add_to_cart", "purchase", "search", "signup"];
    private static readonly string[] s_countries = ["DE", "FR", "PL", "US", "BR", "JP", "SE", "ES"];
    private static readonly string[] s_systems = ["android", "ios", "windows", "macos", "linux"];
    private static readonly string[] s_tags = ["mobile", "promo", "returning", "newsletter", "beta", "vip", "organic", "paid"];
    private static readonly DateTime s_start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Writes <paramref name="records"/> events, one JSON object per line, from a seeded generator.</summary>
    public static void WriteFile(string path, long records)
    {
        var random = new Random(4242);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var json = new Utf8JsonWriter(stream))
        {
            for (var id = 1L; id <= records; id++)
            {
                WriteEvent(json, random, id);
                json.Flush();
                stream.WriteByte((byte)'\n');
                json.Reset();
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// The file's records in pages of <see cref="PageSize"/>: each page is one JSON array parsed
    /// once, handed to the pipeline as a <see cref="JsonElement"/> (a page travels as one unit).
    /// </summary>
    public static IEnumerable<JsonElement> Pages(string path)
    {
        using var lines = new LineReader(path);
        var page = new ArrayBufferWriter<byte>(PageSize * 512);
        while (FillPage(lines, page) > 0)
        {
            // The document reads the page buffer in place; it is disposed (when the pipeline asks
            // for the next page) before the buffer is refilled.
            using var document = JsonDocument.Parse(page.WrittenMemory);
            yield return document.RootElement;
        }
    }

    /// <summary>
    /// DuckDB SQL that builds the same three tables from the same file: <c>read_json</c> into a
    /// temporary table, then the parent columns flattened and the lists unnested, with dlt's system
    /// columns (a random row id, the parent's id and the list index, a hash as the child row id).
    /// It runs with DuckDB's own <c>preserve_insertion_order</c> (true): with the destination's
    /// default (false) DuckDB runs this SQL out of the 96 MB <c>memory_limit</c>.
    /// </summary>
    public static string BuildTablesSql(string path, string loadId)
    {
        var file = path.Replace("'", "''", StringComparison.Ordinal);
        return JsonBaselineSql.KeepOrder + $"""
            BEGIN TRANSACTION;
            CREATE TEMP TABLE src AS
              SELECT *, gen_random_uuid()::VARCHAR AS _dlt_id
              FROM read_json('{file}', format = 'newline_delimited', columns = {ReadJsonColumns});
            CREATE TABLE {RawDuckDb.Table(Table)} AS
              SELECT id, event_type, created_at, session_id, amount, is_test,
                     "user".id AS user__id, "user".name AS user__name, "user".email AS user__email,
                     "user".country AS user__country, "user".signup_at AS user__signup_at,
                     device.os AS device__os, device.version AS device__version,
                     '{loadId}' AS _dlt_load_id, _dlt_id
              FROM src;
            CREATE TABLE {RawDuckDb.Table(ItemsTable)} AS
              SELECT item.sku AS sku, item.qty AS qty, item.price AS price,
                     _dlt_id AS _dlt_parent_id, idx AS _dlt_list_idx, md5(_dlt_id || '{ItemsTable}' || idx::VARCHAR) AS _dlt_id
              FROM (SELECT _dlt_id, unnest(items) AS item, generate_subscripts(items, 1) - 1 AS idx FROM src);
            CREATE TABLE {RawDuckDb.Table(TagsTable)} AS
              SELECT value, _dlt_id AS _dlt_parent_id, idx AS _dlt_list_idx, md5(_dlt_id || '{TagsTable}' || idx::VARCHAR) AS _dlt_id
              FROM (SELECT _dlt_id, unnest(tags) AS value, generate_subscripts(tags, 1) - 1 AS idx FROM src);
            DROP TABLE src;
            COMMIT;
            """;
    }

    // The types the pipeline infers for the same fields (ISO timestamps are detected as timestamps).
    private const string ReadJsonColumns = """
        {id: 'BIGINT', event_type: 'VARCHAR', created_at: 'TIMESTAMPTZ', session_id: 'VARCHAR', amount: 'DOUBLE', is_test: 'BOOLEAN',
         "user": 'STRUCT(id BIGINT, name VARCHAR, email VARCHAR, country VARCHAR, signup_at TIMESTAMPTZ)',
         device: 'STRUCT(os VARCHAR, version VARCHAR)',
         items: 'STRUCT(sku VARCHAR, qty BIGINT, price DOUBLE)[]',
         tags: 'VARCHAR[]'}
        """;

    private static void WriteEvent(Utf8JsonWriter json, Random random, long id)
    {
        var createdAt = s_start.AddSeconds(id * 3).AddMilliseconds(random.Next(1_000));
        var userId = random.Next(1, 500_000);
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteString("event_type", s_eventTypes[random.Next(s_eventTypes.Length)]);
        json.WriteString("created_at", createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("session_id", random.NextInt64(1L << 48).ToString("x12", CultureInfo.InvariantCulture));
        json.WriteNumber("amount", Money(random));
        json.WriteBoolean("is_test", random.Next(50) == 0);

        json.WriteStartObject("user");
        json.WriteNumber("id", userId);
        json.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"user_{userId}"));
        json.WriteString("email", string.Create(CultureInfo.InvariantCulture, $"u{userId}@mail.com"));
        json.WriteString("country", s_countries[random.Next(s_countries.Length)]);
        json.WriteString("signup_at", createdAt.AddDays(-random.Next(1, 1_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteEndObject();

        json.WriteStartObject("device");
        json.WriteString("os", s_systems[random.Next(s_systems.Length)]);
        json.WriteString("version", string.Create(CultureInfo.InvariantCulture, $"{random.Next(8, 18)}.{random.Next(10)}.{random.Next(10)}"));
        json.WriteEndObject();

        json.WriteStartArray("items");
        for (var i = 0; i < ItemsPerEvent; i++)
        {
            json.WriteStartObject();
            json.WriteString("sku", string.Create(CultureInfo.InvariantCulture, $"S-{random.Next(100_000):D5}"));
            json.WriteNumber("qty", random.Next(1, 6));
            json.WriteNumber("price", Money(random));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("tags");
        for (var i = 0; i < TagsPerEvent; i++)
        {
            json.WriteStringValue(s_tags[random.Next(s_tags.Length)]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A price with non-zero cents, so that every value is a JSON double (19.99, never 20).</summary>
    private static double Money(Random random) => random.Next(1, 500) + (random.Next(1, 100) / 100.0);

    private static int FillPage(LineReader lines, ArrayBufferWriter<byte> page)
    {
        page.ResetWrittenCount();
        page.Write("["u8);
        var count = 0;
        while (count < PageSize && lines.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (count > 0)
            {
                page.Write(","u8);
            }

            page.Write(line);
            count++;
        }

        page.Write("]"u8);
        return count;
    }

    /// <summary>Splits a file into lines of UTF-8 bytes without decoding them.</summary>
    private sealed class LineReader(string path) : IDisposable
    {
        private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        private byte[] _buffer = new byte[1 << 20];
        private int _start;
        private int _end;
        private bool _eof;

        public bool TryReadLine(out ReadOnlySpan<byte> line)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line = _buffer.AsSpan(_start, newline);
                    _start += newline + 1;
                    return true;
                }

                if (_eof)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return !line.IsEmpty;
                }

                Refill();
            }
        }

        private void Refill()
        {
            var pending = _end - _start;
            if (pending == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            }

            _start = 0;
            _end = pending;
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _eof = read == 0;
        }

        public void Dispose() => _stream.Dispose();
    }
}
