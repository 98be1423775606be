using System.Buffers.Text;
using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using NpgsqlTypes;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>flat</c>: rows of (bigint, double, varchar(20), timestamp, bool) from a C# generator in pages
/// of 1,000, end to end into DuckDB. Baseline <c>raw appender</c>: DuckDB's appender writing the
/// same final rows (the 5 columns plus <c>_dlt_load_id</c> and <c>_dlt_id</c>) into a fresh file,
/// from the same generator. Variant <c>postgres</c>: the same rows end to end into PostgreSQL,
/// beside baseline <c>raw binary copy</c>: Npgsql's binary COPY of the same final rows from the
/// same generator into a fresh table with the destination's DDL (its <c>UNIQUE</c> on
/// <c>_dlt_id</c> included, see <see cref="RawPostgres.FlatColumnsDdl"/>).
/// </summary>
internal sealed class FlatWorkload : IWorkload
{
    public const string RawAppender = "raw appender";
    public const string DuckDb = "duckdb";
    public const string RawBinaryCopy = "raw binary copy";
    public const string Postgres = "postgres";

    /// <summary>A load id of dlt's form, for the baseline's rows.</summary>
    public const string BaselineLoadId = "1732780800.123456";

    public string Name => "flat";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = context.Sizes.FlatRows;
        var baseline = await context.MeasureAsync(this, new ChildArgs(Name, RawAppender).With(ChildArgs.Rows, rows)).ConfigureAwait(false);
        var pipeline = await context.MeasureAsync(this, new ChildArgs(Name, DuckDb).With(ChildArgs.Rows, rows)).ConfigureAwait(false);
        var copy = await context.MeasureAsync(this, new ChildArgs(Name, RawBinaryCopy).With(ChildArgs.Rows, rows)).ConfigureAwait(false);
        var postgres = await context.MeasureAsync(this, new ChildArgs(Name, Postgres).With(ChildArgs.Rows, rows)).ConfigureAwait(false);
        return [baseline, pipeline.Against(baseline), copy, postgres.Against(copy)];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) => args.Variant switch
    {
        DuckDb => RunPipelineAsync(args.Directory, args.RowCount, cancellationToken),
        RawAppender => Task.FromResult(RunRawAppender(args.Directory, args.RowCount)),
        Postgres => RunPostgresPipelineAsync(args.Directory, args.RowCount, cancellationToken),
        RawBinaryCopy => Task.FromResult(RunRawBinaryCopy(args.RowCount)),
        _ => throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}."),
    };

    /// <summary>
    /// The flat rows end to end: through one <c>RunAsync</c> call (also used by <c>memory</c>), or
    /// with extract, normalize and load called one by one so that the extract files are measured
    /// too (<c>compression</c>).
    /// </summary>
    public static async Task<Measurement> RunPipelineAsync(string runDirectory, long rows, CancellationToken cancellationToken, bool stepByStep = false)
    {
        var pipeline = new StagedPipeline(runDirectory);
        await (stepByStep ? pipeline.RunAllAsync(FlatSource(rows), cancellationToken) : pipeline.RunAsync(FlatSource(rows), cancellationToken)).ConfigureAwait(false);
        pipeline.ExpectRows(FlatRows.Table, rows);
        return pipeline.Result(rows);
    }

    internal static Source FlatSource(long rows) => Source.Create("flat_source", Resource.Create(FlatRows.Table, FlatRows.Pages(rows)));

    private static async Task<Measurement> RunPostgresPipelineAsync(string runDirectory, long rows, CancellationToken cancellationToken)
    {
        await using var destination = RawPostgres.FreshDestination();
        var pipeline = new StagedPipeline(runDirectory, destination);
        await pipeline.RunAsync(FlatSource(rows), cancellationToken).ConfigureAwait(false);
        pipeline.ExpectRows(FlatRows.Table, rows);
        return pipeline.Result(rows);
    }

    /// <summary>Binary COPY of the generator's rows with dlt's two system columns, on one connection, schema and table created on the clock.</summary>
    private static Measurement RunRawBinaryCopy(long rows)
    {
        RawPostgres.Reset();
        var stopwatch = Stopwatch.StartNew();
        using (var db = new RawPostgres())
        {
            db.Execute($"CREATE SCHEMA \"{StagedPipeline.DatasetName}\"; CREATE TABLE {RawPostgres.Table(FlatRows.Table)} ({RawPostgres.FlatColumnsDdl})");
            using var importer = db.Connection.BeginBinaryImport($"COPY {RawPostgres.Table(FlatRows.Table)} ({RawPostgres.FlatColumnList}) FROM STDIN (FORMAT BINARY)");
            var random = new Random(7);
            var idBytes = new byte[10 * FlatRows.PageSize];
            foreach (var page in FlatRows.Pages(rows))
            {
                random.NextBytes(idBytes);
                for (var i = 0; i < page.Count; i++)
                {
                    var row = page[i];
                    importer.StartRow();
                    importer.Write(row.Id, NpgsqlDbType.Bigint);
                    importer.Write(row.Val, NpgsqlDbType.Double);
                    importer.Write(row.Name, NpgsqlDbType.Varchar);
                    importer.Write(row.Ts, NpgsqlDbType.TimestampTz);
                    importer.Write(row.Flag, NpgsqlDbType.Boolean);
                    importer.Write(BaselineLoadId, NpgsqlDbType.Varchar);
                    importer.Write(Base64Url.EncodeToString(idBytes.AsSpan(i * 10, 10)), NpgsqlDbType.Varchar);
                }
            }

            importer.Complete();
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        RawPostgres.ExpectRows(FlatRows.Table, rows);
        return new Measurement(rows, seconds, StageSeconds.None, RawPostgres.DatasetBytes());
    }

    private static Measurement RunRawAppender(string runDirectory, long rows)
    {
        var stopwatch = Stopwatch.StartNew();
        string databasePath;
        using (var db = new RawDuckDb(runDirectory))
        {
            databasePath = db.DatabasePath;
            db.Execute($"CREATE TABLE {RawDuckDb.Table(FlatRows.Table)} ({FlatRows.ColumnsDdl})");
            using var appender = db.Connection.CreateAppender(StagedPipeline.DatasetName, FlatRows.Table);
            // Random row ids as dlt makes them: 10 random bytes, base64url (14 characters), filled in bulk.
            var random = new Random(7);
            var idBytes = new byte[10 * FlatRows.PageSize];
            foreach (var page in FlatRows.Pages(rows))
            {
                random.NextBytes(idBytes);
                for (var i = 0; i < page.Count; i++)
                {
                    var row = page[i];
                    appender.CreateRow()
                        .AppendValue(row.Id)
                        .AppendValue(row.Val)
                        .AppendValue(row.Name)
                        .AppendValue(row.Ts)
                        .AppendValue(row.Flag)
                        .AppendValue(BaselineLoadId)
                        .AppendValue(Base64Url.EncodeToString(idBytes.AsSpan(i * 10, 10)))
                        .EndRow();
                }
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        RawDuckDb.ExpectRows(databasePath, FlatRows.Table, rows);
        return new Measurement(rows, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }
}
