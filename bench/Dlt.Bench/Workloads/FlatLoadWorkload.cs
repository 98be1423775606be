using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using DuckDB.NET.Data;
using ParquetSharp;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>flat_load</c>: the load stage alone on the normalized files of <c>flat</c>. A <c>prepare</c>
/// child extracts and normalizes once (not a row); the load variant runs on its own copy of that
/// pipeline. Baseline: the faster of DuckDB's raw appender fed from the same Parquet files and
/// <c>read_parquet</c> of them, each into a fresh file.
/// </summary>
internal sealed class FlatLoadWorkload : IWorkload
{
    public const string Prepare = "prepare";
    public const string RawAppender = "raw appender";
    public const string ReadParquet = "read_parquet";
    public const string DuckDb = "duckdb";

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

            var loadDirectory = context.NewRunDirectory(Name, DuckDb);
            DiskUsage.CopyTree(Path.Combine(prepared, "pipelines"), Path.Combine(loadDirectory, "pipelines"));
            var load = await context.MeasureInAsync(this, new ChildArgs(Name, DuckDb).With(ChildArgs.Rows, rows), loadDirectory).ConfigureAwait(false);
            context.Release(loadDirectory);
            return [appender, parquet, load.Against(baseline)];
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

            case DuckDb:
            {
                var pipeline = new StagedPipeline(args.Directory);
                await pipeline.LoadAsync(cancellationToken).ConfigureAwait(false);
                pipeline.ExpectRows(FlatRows.Table, args.RowCount);
                return pipeline.Result(args.RowCount);
            }

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
        using var reader = new ParquetFileReader(file);
        var schema = reader.FileMetaData.Schema;
        var index = Enumerable.Range(0, schema.NumColumns).ToDictionary(i => schema.Column(i).Name, StringComparer.Ordinal);
        for (var group = 0; group < reader.FileMetaData.NumRowGroups; group++)
        {
            using var rowGroup = reader.RowGroup(group);
            var count = checked((int)rowGroup.MetaData.NumRows);
            var ids = Read<long?>(rowGroup, index["id"], count);
            var vals = Read<double?>(rowGroup, index["val"], count);
            var names = Read<string?>(rowGroup, index["name"], count);
            var timestamps = Read<DateTime?>(rowGroup, index["ts"], count);
            var flags = Read<bool?>(rowGroup, index["flag"], count);
            var loadIds = Read<string?>(rowGroup, index["_dlt_load_id"], count);
            var rowIds = Read<string?>(rowGroup, index["_dlt_id"], count);
            for (var i = 0; i < count; i++)
            {
                appender.CreateRow()
                    .AppendValue(ids[i])
                    .AppendValue(vals[i])
                    .AppendValue(names[i])
                    .AppendValue(timestamps[i])
                    .AppendValue(flags[i])
                    .AppendValue(loadIds[i])
                    .AppendValue(rowIds[i])
                    .EndRow();
            }
        }

        reader.Close();
    }

    private static T[] Read<T>(RowGroupReader rowGroup, int column, int count)
    {
        using var reader = rowGroup.Column(column).LogicalReader<T>();
        return reader.ReadAll(count);
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
