using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Dlt.Postgres;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>flat_load</c>: the load stage alone on the normalized files of <c>flat</c>. A <c>prepare</c>
/// child extracts and normalizes once (not a row); the load variant runs on its own copy of that
/// pipeline. Baseline: the faster of DuckDB's raw appender fed from the same Parquet files and
/// <c>read_parquet</c> of them, each into a fresh file. Variant <c>duckdb load.workers=1</c>: the
/// same load with one job at a time, compared with the default. Variant <c>postgres</c>: the load stage alone
/// into PostgreSQL on the normalized files of its own <c>prepare postgres</c> child (the package
/// is normalized for the destination it loads into); baseline <c>raw binary copy</c>: Npgsql's
/// binary COPY (<c>BeginBinaryImport</c>) of the same files' rows, all 7 columns, into a fresh
/// table with the destination's DDL, its default <c>UNIQUE</c> on <c>_dlt_id</c> included
/// (<see cref="RawPostgres.FlatColumnsDdl"/>), so both maintain the same index.
/// </summary>
internal sealed class FlatLoadWorkload : IWorkload
{
    public const string Prepare = "prepare";
    public const string RawAppender = "raw appender";
    public const string ReadParquet = "read_parquet";
    public const string DuckDb = "duckdb";
    public const string DuckDbOneWorker = "duckdb load.workers=1";
    public const string PreparePostgres = "prepare postgres";
    public const string RawBinaryCopy = "raw binary copy";
    public const string Postgres = "postgres";

    public string Name => "flat_load";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = context.Sizes.FlatRows;
        var prepared = context.NewRunDirectory(Name, Prepare);
        try
        {
            var prepare = await context.MeasureInAsync(this, new ChildArgs(Name, Prepare).With(ChildArgs.Rows, rows), prepared).ConfigureAwait(false);
            if (prepare.Error is not null)
            {
                return [prepare];
            }

            var appender = await context.MeasureAsync(this, new ChildArgs(Name, RawAppender).With(ChildArgs.Rows, rows).With(ChildArgs.Input, prepared)).ConfigureAwait(false);
            var parquet = await context.MeasureAsync(this, new ChildArgs(Name, ReadParquet).With(ChildArgs.Rows, rows).With(ChildArgs.Input, prepared)).ConfigureAwait(false);
            var baseline = (appender.RowsPerS ?? 0) >= (parquet.RowsPerS ?? 0) ? appender : parquet;

            var load = await MeasureLoadAsync(context, prepared, DuckDb, rows, Knobs.Defaults).ConfigureAwait(false);
            var oneWorker = await MeasureLoadAsync(context, prepared, DuckDbOneWorker, rows, Knobs.Of((Knobs.LoadWorkers, 1))).ConfigureAwait(false);
            return [appender, parquet, load.Against(baseline), oneWorker.Against(load), .. await RunPostgresAsync(context, rows).ConfigureAwait(false)];
        }
        finally
        {
            context.Release(prepared);
        }
    }

    /// <summary>The load stage on its own copy of the prepared pipeline.</summary>
    private async Task<ResultRow> MeasureLoadAsync(BenchContext context, string prepared, string variant, long rows, IReadOnlyDictionary<string, string> knobs)
    {
        var loadDirectory = context.NewRunDirectory(Name, variant);
        DiskUsage.CopyTree(Path.Combine(prepared, "pipelines"), Path.Combine(loadDirectory, "pipelines"));
        var load = await context.MeasureInAsync(this, new ChildArgs(Name, variant).With(ChildArgs.Rows, rows), loadDirectory, knobs).ConfigureAwait(false);
        context.Release(loadDirectory);
        return load;
    }

    /// <summary>The PostgreSQL pair: its own prepared package, the raw binary COPY of its files, then the load stage on a copy of it.</summary>
    private async Task<IReadOnlyList<ResultRow>> RunPostgresAsync(BenchContext context, long rows)
    {
        var prepared = context.NewRunDirectory(Name, PreparePostgres);
        try
        {
            var prepare = await context.MeasureInAsync(this, new ChildArgs(Name, PreparePostgres).With(ChildArgs.Rows, rows), prepared).ConfigureAwait(false);
            if (prepare.Error is not null)
            {
                return [prepare];
            }

            var copy = await context.MeasureAsync(this, new ChildArgs(Name, RawBinaryCopy).With(ChildArgs.Rows, rows).With(ChildArgs.Input, prepared)).ConfigureAwait(false);
            var loadDirectory = context.NewRunDirectory(Name, Postgres);
            DiskUsage.CopyTree(Path.Combine(prepared, "pipelines"), Path.Combine(loadDirectory, "pipelines"));
            var load = await context.MeasureInAsync(this, new ChildArgs(Name, Postgres).With(ChildArgs.Rows, rows), loadDirectory).ConfigureAwait(false);
            context.Release(loadDirectory);
            return [copy, load.Against(copy)];
        }
        finally
        {
            context.Release(prepared);
        }
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        switch (args.Variant)
        {
            case Prepare:
            {
                var pipeline = new StagedPipeline(args.Directory);
                var source = Source.Create("flat_source", Resource.Create(FlatRows.Table, FlatRows.Pages(args.RowCount)));
                await pipeline.ExtractAsync(source, cancellationToken).ConfigureAwait(false);
                await pipeline.NormalizeAsync(cancellationToken).ConfigureAwait(false);
                return pipeline.Result(args.RowCount);
            }

            case DuckDb or DuckDbOneWorker:
            {
                var pipeline = new StagedPipeline(args.Directory);
                await pipeline.LoadAsync(cancellationToken).ConfigureAwait(false);
                pipeline.ExpectRows(FlatRows.Table, args.RowCount);
                return pipeline.Result(args.RowCount);
            }

            case PreparePostgres:
            {
                await using var destination = PostgresDestination.Create(RawPostgres.ConnectionString);
                var pipeline = new StagedPipeline(args.Directory, destination);
                var source = Source.Create("flat_source", Resource.Create(FlatRows.Table, FlatRows.Pages(args.RowCount)));
                await pipeline.ExtractAsync(source, cancellationToken).ConfigureAwait(false);
                await pipeline.NormalizeAsync(cancellationToken).ConfigureAwait(false);
                return pipeline.Result(args.RowCount);
            }

            case Postgres:
            {
                await using var destination = RawPostgres.FreshDestination();
                var pipeline = new StagedPipeline(args.Directory, destination);
                await pipeline.LoadAsync(cancellationToken).ConfigureAwait(false);
                pipeline.ExpectRows(FlatRows.Table, args.RowCount);
                return pipeline.Result(args.RowCount);
            }

            case RawBinaryCopy:
                return RunRawBinaryCopy(NormalizedFiles(args[ChildArgs.Input]), args.RowCount);
            case RawAppender:
                return RunRawAppender(args.Directory, NormalizedFiles(args[ChildArgs.Input]), args.RowCount);
            case ReadParquet:
                return RunReadParquet(args.Directory, NormalizedFiles(args[ChildArgs.Input]), args.RowCount);
            default:
                throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}.");
        }
    }

    /// <summary>The Parquet files the normalize stage wrote for the flat table in a prepared run folder.</summary>
    private static List<string> NormalizedFiles(string preparedDirectory)
    {
        var files = Directory.EnumerateFiles(Path.Combine(preparedDirectory, "pipelines"), $"{FlatRows.Table}.*.parquet", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new InvalidOperationException($"No normalized '{FlatRows.Table}' Parquet files under '{preparedDirectory}'.");
    }

    /// <summary>The appender fed column by column from the Parquet row groups (reading them is part of the work, as it is for the load stage).</summary>
    private static Measurement RunRawAppender(string runDirectory, List<string> files, long rows)
    {
        var stopwatch = Stopwatch.StartNew();
        string databasePath;
        using (var db = new RawDuckDb(runDirectory))
        {
            databasePath = db.DatabasePath;
            db.Execute($"CREATE TABLE {RawDuckDb.Table(FlatRows.Table)} ({FlatRows.ColumnsDdl})");
            using var appender = db.Connection.CreateAppender(StagedPipeline.DatasetName, FlatRows.Table);
            foreach (var file in files)
            {
                AppendFile(appender, file);
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        RawDuckDb.ExpectRows(databasePath, FlatRows.Table, rows);
        return new Measurement(rows, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }

    private static void AppendFile(DuckDBAppender appender, string file)
    {
        foreach (var group in FlatRowGroup.ReadAll(file))
        {
            for (var i = 0; i < group.Count; i++)
            {
                appender.CreateRow()
                    .AppendValue(group.Ids[i])
                    .AppendValue(group.Vals[i])
                    .AppendValue(group.Names[i])
                    .AppendValue(group.Timestamps[i])
                    .AppendValue(group.Flags[i])
                    .AppendValue(group.LoadIds[i])
                    .AppendValue(group.RowIds[i])
                    .EndRow();
            }
        }
    }

    /// <summary>
    /// Binary COPY fed column by column from the Parquet row groups (reading them is timed, as it is
    /// for the load stage), on one connection; the schema and table are created on the clock.
    /// </summary>
    private static Measurement RunRawBinaryCopy(List<string> files, long rows)
    {
        RawPostgres.Reset();
        var stopwatch = Stopwatch.StartNew();
        using (var db = new RawPostgres())
        {
            db.Execute($"CREATE SCHEMA \"{StagedPipeline.DatasetName}\"; CREATE TABLE {RawPostgres.Table(FlatRows.Table)} ({RawPostgres.FlatColumnsDdl})");
            using var importer = db.Connection.BeginBinaryImport($"COPY {RawPostgres.Table(FlatRows.Table)} ({RawPostgres.FlatColumnList}) FROM STDIN (FORMAT BINARY)");
            foreach (var file in files)
            {
                CopyFile(importer, file);
            }

            importer.Complete();
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        RawPostgres.ExpectRows(FlatRows.Table, rows);
        return new Measurement(rows, seconds, StageSeconds.None, RawPostgres.DatasetBytes());
    }

    private static void CopyFile(NpgsqlBinaryImporter importer, string file)
    {
        foreach (var group in FlatRowGroup.ReadAll(file))
        {
            for (var i = 0; i < group.Count; i++)
            {
                importer.StartRow();
                Write(importer, group.Ids[i], NpgsqlDbType.Bigint);
                Write(importer, group.Vals[i], NpgsqlDbType.Double);
                Write(importer, group.Names[i], NpgsqlDbType.Varchar);
                Write(importer, group.Timestamps[i] is { } ts ? DateTime.SpecifyKind(ts, DateTimeKind.Utc) : (DateTime?)null, NpgsqlDbType.TimestampTz);
                Write(importer, group.Flags[i], NpgsqlDbType.Boolean);
                Write(importer, group.LoadIds[i], NpgsqlDbType.Varchar);
                Write(importer, group.RowIds[i], NpgsqlDbType.Varchar);
            }
        }
    }

    private static void Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            importer.Write(v, type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static void Write(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    /// <summary>DuckDB's own Parquet reader over all the files in one statement and one transaction.</summary>
    private static Measurement RunReadParquet(string runDirectory, List<string> files, long rows)
    {
        var stopwatch = Stopwatch.StartNew();
        string databasePath;
        using (var db = new RawDuckDb(runDirectory))
        {
            databasePath = db.DatabasePath;
            db.Execute($"CREATE TABLE {RawDuckDb.Table(FlatRows.Table)} ({FlatRows.ColumnsDdl})");
            var list = string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"));
            db.Execute($"BEGIN TRANSACTION; INSERT INTO {RawDuckDb.Table(FlatRows.Table)} BY NAME SELECT * FROM read_parquet([{list}]); COMMIT;");
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        RawDuckDb.ExpectRows(databasePath, FlatRows.Table, rows);
        return new Measurement(rows, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }
}
