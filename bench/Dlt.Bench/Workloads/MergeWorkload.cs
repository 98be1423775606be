using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Dlt.Postgres;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>merge</c>: a table of existing rows with a child table (<see cref="MergeRows"/>, primary key
/// <c>id</c>, two child rows each), then one <c>RunAsync</c> of new rows of which half update
/// existing keys, loaded with <c>merge</c> (delete-insert, the default strategy). Baseline
/// <c>append</c>: the same rows appended to the same number of existing rows (loaded with
/// <c>append</c>), in the same run. Before each variant a <c>prepare</c> child loads the existing
/// rows with the variant's write disposition into the variant's run folder (a DuckDB file there, or
/// the bench's PostgreSQL dataset, dropped first); it is not a row of the table.
/// </summary>
internal sealed class MergeWorkload : IWorkload
{
    public const string Append = "append";
    public const string DuckDb = "duckdb";
    public const string AppendPostgres = "append postgres";
    public const string Postgres = "postgres";

    private const string Prepare = "prepare";
    private const string Existing = "existing";
    private const int ExistingSeed = 11;
    private const int LoadSeed = 12;

    public string Name => "merge";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var append = await MeasurePreparedAsync(context, Append).ConfigureAwait(false);
        var merge = await MeasurePreparedAsync(context, DuckDb).ConfigureAwait(false);
        var appendPostgres = await MeasurePreparedAsync(context, AppendPostgres).ConfigureAwait(false);
        var mergePostgres = await MeasurePreparedAsync(context, Postgres).ConfigureAwait(false);
        return [append, merge.Against(append), appendPostgres, mergePostgres.Against(appendPostgres)];
    }

    /// <summary>The prepare child, then the measured child, in one run folder.</summary>
    private async Task<ResultRow> MeasurePreparedAsync(BenchContext context, string variant)
    {
        var directory = context.NewRunDirectory(Name, variant);
        try
        {
            var prepare = await context.MeasureInAsync(this, Args(Prepare + " " + variant, context), directory).ConfigureAwait(false);
            return prepare.Error is not null ? prepare with { Variant = variant } : await context.MeasureInAsync(this, Args(variant, context), directory).ConfigureAwait(false);
        }
        finally
        {
            context.Release(directory);
        }
    }

    private ChildArgs Args(string variant, BenchContext context) =>
        new ChildArgs(Name, variant).With(ChildArgs.Rows, context.Sizes.MergeLoadRows).With(Existing, context.Sizes.MergeExistingRows);

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        var existing = args.GetLong(Existing);
        var prepare = args.Variant.StartsWith(Prepare + " ", StringComparison.Ordinal);
        var variant = prepare ? args.Variant[(Prepare.Length + 1)..] : args.Variant;
        if (variant is not (Append or DuckDb or AppendPostgres or Postgres))
        {
            throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}.");
        }

        var merge = variant is DuckDb or Postgres;
        if (variant is Append or DuckDb)
        {
            var pipeline = new StagedPipeline(args.Directory);
            return prepare ? await PrepareAsync(pipeline, merge, existing, cancellationToken).ConfigureAwait(false) : await LoadAsync(pipeline, merge, existing, args.RowCount, cancellationToken).ConfigureAwait(false);
        }

        if (prepare)
        {
            ResetStaging();
        }

        await using var destination = prepare ? RawPostgres.FreshDestination() : PostgresDestination.Create(RawPostgres.ConnectionString);
        var postgres = new StagedPipeline(args.Directory, destination);
        return prepare ? await PrepareAsync(postgres, merge, existing, cancellationToken).ConfigureAwait(false) : await LoadAsync(postgres, merge, existing, args.RowCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The existing rows, with the write disposition of the variant that follows (outside any measured row).</summary>
    private static async Task<Measurement> PrepareAsync(StagedPipeline pipeline, bool merge, long existing, CancellationToken cancellationToken)
    {
        await pipeline.RunAsync(MergeSource(0, existing, ExistingSeed, merge), cancellationToken).ConfigureAwait(false);
        pipeline.ExpectRows(MergeRows.Table, existing);
        pipeline.ExpectRows(MergeRows.ChildTable, existing * MergeRows.ItemsPerRow);
        return pipeline.Result(existing);
    }

    /// <summary>The measured load: ids from <c>existing - rows / 2</c>, so half of them update existing keys.</summary>
    private static async Task<Measurement> LoadAsync(StagedPipeline pipeline, bool merge, long existing, long rows, CancellationToken cancellationToken)
    {
        var updated = rows / 2;
        await pipeline.RunAsync(MergeSource(existing - updated, rows, LoadSeed, merge), cancellationToken).ConfigureAwait(false);
        var expected = merge ? existing + rows - updated : existing + rows;
        pipeline.ExpectRows(MergeRows.Table, expected);
        pipeline.ExpectRows(MergeRows.ChildTable, expected * MergeRows.ItemsPerRow);
        return pipeline.Result(rows);
    }

    private static Source MergeSource(long first, long count, int seed, bool merge)
    {
        var resource = Resource.Create(MergeRows.Table, MergeRows.Pages(first, count, seed))
            .WithWriteDisposition(merge ? WriteDisposition.Merge : WriteDisposition.Append);
        return Source.Create("merge_source", merge ? resource.WithPrimaryKey("id") : resource);
    }

    private static void ResetStaging()
    {
        using var db = new RawPostgres();
        db.Execute($"DROP SCHEMA IF EXISTS \"{StagedPipeline.DatasetName}_staging\" CASCADE");
    }
}
