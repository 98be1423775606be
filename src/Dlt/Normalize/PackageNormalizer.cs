using System.Runtime.CompilerServices;
using System.Text.Json;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// Normalizes one extracted package into a load package: the typed JSON lines files are split into
/// segments (runs of flushed members), normalized into Parquet files per table by
/// <c>normalize.workers</c> threads, and their schema changes merged in file order, so the schema is
/// the same whatever the worker count. The package is written under <c>load/new/&lt;load_id&gt;</c>,
/// renamed to <c>load/normalized/&lt;load_id&gt;</c> once complete, and the extracted package deleted.
/// </summary>
/// <param name="directories">The pipeline's working dir.</param>
/// <param name="settings">The normalize stage's writer settings.</param>
/// <param name="workers">Threads (<c>normalize.workers</c>).</param>
/// <param name="segmentMinItems">Segments are at least this many items, so each worker's files stay reasonably large.</param>
/// <param name="progress">Receives the <c>Files</c> and per-table row counters.</param>
/// <param name="faultHook">Called once the package is published, before the extracted package is deleted (fault-injection tests).</param>
internal sealed class PackageNormalizer(PipelineDirectories directories, WriterSettings settings, int workers, ProgressReporter progress, long segmentMinItems = PackageNormalizer.DefaultSegmentMinItems, Action<string>? faultHook = null)
{
    public const long DefaultSegmentMinItems = 20_000;

    /// <summary>The folder a package's Parquet files are written to while it is normalized.</summary>
    public string JobsFolder(string loadId) => Path.Combine(directories.LoadNew, loadId, PackageFolders.NewJobs);

    /// <summary>The <c>_dlt_id</c> values rows brought themselves, per package being normalized.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OwnRowIds> _ownIds = new(StringComparer.Ordinal);

    /// <summary>Segments of the current <see cref="Normalize"/> call that <see cref="MergeInOrder"/> normalized a second time.</summary>
    private int _segmentsNormalizedAgain;

    /// <summary>The <c>_dlt_id</c> values rows of package <paramref name="loadId"/> brought so far.</summary>
    public OwnRowIds OwnIdsOf(string loadId) => _ownIds.GetOrAdd(loadId, _ => new OwnRowIds());

    /// <summary>Creates the empty load package <paramref name="loadId"/> under <c>load/new</c>, replacing a partial one (and the ids its rows brought).</summary>
    public void CreateTarget(string loadId)
    {
        _ownIds[loadId] = new OwnRowIds();
        var target = Path.Combine(directories.LoadNew, loadId);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        PackageFolders.Create(target);
    }

    /// <summary>
    /// Normalizes the extracted package <paramref name="loadId"/>; <paramref name="schema"/> (the
    /// pipeline's live schema, with the package's hints merged in) evolves as rows arrive. With
    /// <paramref name="streamed"/>, the segments were already normalized while extract ran (into
    /// the package <see cref="CreateTarget"/> made): only their schema changes are merged here.
    /// </summary>
    public NormalizedPackage Normalize(string loadId, Schema schema, CancellationToken cancellationToken, StreamedSegments? streamed = null)
    {
        var extracted = Path.Combine(directories.Extracted, loadId);
        var target = Path.Combine(directories.LoadNew, loadId);
        if (streamed is null)
        {
            CreateTarget(loadId);
        }
        else
        {
            _ownIds[loadId] = streamed.OwnIds;
        }

        _segmentsNormalizedAgain = 0;
        var jobs = JobsFolder(loadId);
        var segments = streamed?.Segments(Path.Combine(extracted, PackageFolders.NewJobs)) ?? PlanSegments(extracted, schema);
        progress.StartStep($"Normalize {schema.Name} in {loadId}");
        var segmentsDone = progress.Counter("Files", segments.Count);
        var changes = new SchemaChanges();
        var rowCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        SegmentResult[] results;
        if (streamed is not null)
        {
            results = MergeInOrder(loadId, segments, [.. streamed.Results], schema, jobs, changes, cancellationToken);
            segmentsDone.Add(segments.Count);
        }
        else
        {
            results = workers > 1 && segments.Count > 1
                ? NormalizeInParallel(loadId, segments, schema, jobs, changes, segmentsDone, cancellationToken)
                : [NormalizeSegments(loadId, segments, schema, jobs, changes, segmentsDone, cancellationToken)];
        }

        foreach (var result in results)
        {
            foreach (var (table, rows) in result.RowCounts)
            {
                rowCounts[table] = rowCounts.GetValueOrDefault(table) + rows;
                if (rows > 0)
                {
                    // dlt's clean_x_normalizer: a table with data is no longer new, so evolve-columns-once ends with this package.
                    var seen = schema.GetTable(table);
                    seen.SeenData = true;
                    seen.EvolveColumnsOnce = false;
                }

                if (streamed is not null)
                {
                    progress.Counter(table).Add(rows);
                }
            }
        }

        foreach (var table in schema.Tables)
        {
            table.OrderColumnsAsCompleted();
        }

        schema.BumpVersion();
        SchemaJson.Save(schema, Path.Combine(target, PackageFolders.SchemaFile));
        WriteSchemaUpdates(Path.Combine(target, PackageFolders.SchemaUpdatesFile), changes);
        foreach (var stateFile in new[] { PackageFolders.PackageStateFile, PackageFolders.PipelineStateFile })
        {
            if (File.Exists(Path.Combine(extracted, stateFile)))
            {
                File.Copy(Path.Combine(extracted, stateFile), Path.Combine(target, stateFile));
            }
        }

        DurableFiles.FlushTree(target);
        DurableFiles.MoveDirectory(target, Path.Combine(directories.Normalized, loadId));
        faultHook?.Invoke(FaultPoint.NormalizePackagePublished);
        Directory.Delete(extracted, recursive: true);
        _ownIds.TryRemove(loadId, out _);
        progress.EndStep();
        return new NormalizedPackage(loadId, schema, rowCounts, segments.Count, _segmentsNormalizedAgain);
    }

    /// <summary>
    /// About four segments per worker (each at least <c>segmentMinItems</c> items): enough to balance
    /// the workers, few enough that each writes large files and the load has few jobs. One worker
    /// takes whole files.
    /// </summary>
    private List<FileSegment> PlanSegments(string extracted, Schema schema)
    {
        var segmentsFolder = Path.Combine(extracted, PackageFolders.Segments);
        var files = Directory.GetFiles(Path.Combine(extracted, PackageFolders.NewJobs)).Order(StringComparer.Ordinal).ToList();
        var totalItems = files.Sum(file => FileSegment.CountItems(file, segmentsFolder));
        var minItems = workers <= 1 ? long.MaxValue : Math.Max(segmentMinItems, totalItems / (workers * 4L));
        var tables = new JobFileTables(schema.Tables.Select(t => t.Name));
        return [.. files.SelectMany(file => FileSegment.Plan(file, JobFileName.Parse(Path.GetFileName(file), tables).Table, segmentsFolder, minItems))];
    }

    /// <summary>
    /// Each worker takes the next segment and normalizes it against a snapshot of the schema. The
    /// results are merged in segment order; a segment whose new columns got another type than the
    /// merged schema already has (where a sequential run would have coerced or made a variant) is
    /// normalized again against the merged schema, as dlt does on parallel schema conflicts.
    /// </summary>
    private SegmentResult[] NormalizeInParallel(string loadId, List<FileSegment> segments, Schema schema, string jobs, SchemaChanges changes, ProgressCounter segmentsDone, CancellationToken cancellationToken)
    {
        var snapshot = schema.Clone();
        using var earlier = new EarlierSegments();
        segments.ForEach(earlier.Dispatched);
        var results = new SegmentResult[segments.Count];
        var next = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Math.Min(workers, segments.Count)).Select(i => new Thread(() =>
        {
            try
            {
                for (var index = Interlocked.Increment(ref next); index < segments.Count; index = Interlocked.Increment(ref next))
                {
                    results[index] = NormalizeAfterEarlier(loadId, segments[index], snapshot.Clone(), earlier, jobs, segmentsDone, failed.Token);
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
                failed.Cancel();
            }
        })
        { IsBackground = true, Name = $"dlt-normalize-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty)
        {
            throw errors.FirstOrDefault(e => e is not OperationCanceledException) ?? errors.First();
        }

        return MergeInOrder(loadId, segments, results, schema, jobs, changes, cancellationToken);
    }

    /// <summary>
    /// Merges the segments' schema changes into <paramref name="schema"/> in segment order; a segment
    /// whose changes conflict with what is merged before it is normalized again against it. So is a
    /// segment whose schema contract decisions depended on the schema (a table new to its snapshot,
    /// a column discarded or refused) once earlier segments changed the schema: its outcome, a
    /// contract violation included, is then the one a single worker gives.
    /// </summary>
    private SegmentResult[] MergeInOrder(string loadId, IReadOnlyList<FileSegment> segments, SegmentResult[] results, Schema schema, string jobs, SchemaChanges changes, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            var contractStale = (results[i].ContractDependent || results[i].Violation is not null) && !changes.IsEmpty;
            if (contractStale || results[i].Changes.ConflictsWith(schema).Count > 0 || !results[i].Assumed.HoldsIn(schema))
            {
                results[i].DeleteFiles();
                results[i] = NormalizeSegments(loadId, [segments[i]], schema, jobs, changes, null, cancellationToken);
                _segmentsNormalizedAgain++;
                continue;
            }

            if (results[i].Violation is { } violation)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(violation);
            }

            results[i].Changes.ApplyTo(schema, changes);
        }

        return results;
    }

    /// <summary>
    /// Normalizes one segment of a parallel run against <paramref name="snapshot"/> extended by what
    /// the earlier segments of its file found (after the file's first segment is done), and records
    /// its own changes for the later ones.
    /// </summary>
    public SegmentResult NormalizeAfterEarlier(string loadId, FileSegment segment, Schema snapshot, EarlierSegments earlier, string jobs, ProgressCounter? segmentsDone, CancellationToken cancellationToken)
    {
        SchemaChanges? found = null;
        try
        {
            earlier.WaitForFirst(segment, cancellationToken);
            var assumed = earlier.ExtendForSegment(snapshot, segment);
            var result = NormalizeSegments(loadId, [segment], snapshot, jobs, new SchemaChanges(), segmentsDone, cancellationToken, captureViolation: true) with { Assumed = assumed };
            found = result.Violation is null ? result.Changes : null;
            return result;
        }
        finally
        {
            earlier.Completed(segment, found);
        }
    }

    /// <summary>
    /// Normalizes <paramref name="segments"/> one after another with one writer per table. With
    /// <paramref name="captureViolation"/>, a schema contract violation is returned in the result
    /// (its files deleted) for <see cref="MergeInOrder"/> to judge, rather than thrown.
    /// </summary>
    public SegmentResult NormalizeSegments(string loadId, IReadOnlyList<FileSegment> segments, Schema schema, string jobs, SchemaChanges changes, ProgressCounter? segmentsDone, CancellationToken cancellationToken, bool captureViolation = false)
    {
        var writers = new Dictionary<string, TableFileWriter>(StringComparer.Ordinal);
        var owner = $"'{Path.GetFileName(segments[0].Path)}' at byte {segments[0].Offset}";
        var normalizer = new RelationalNormalizer(schema, loadId, new NameCache(schema.Naming), changes, OwnIdsOf(loadId).For(owner), table =>
        {
            if (!writers.TryGetValue(table.Name, out var writer))
            {
                writer = new TableFileWriter(table, jobs, settings, progress.Counter(table.Name));
                writers[table.Name] = writer;
            }

            return writer;
        });

        try
        {
            foreach (var segment in segments)
            {
                NormalizeSegment(normalizer, segment, cancellationToken);
                segmentsDone?.Add();
            }

            foreach (var writer in writers.Values)
            {
                writer.Complete();
            }
        }
        catch (SchemaContractViolationException violation) when (captureViolation)
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }

            var failed = new SegmentResult(changes, new Dictionary<string, long>(), [.. writers.Values.SelectMany(w => w.Files)], ContractDependent: true, violation);
            failed.DeleteFiles();
            return failed with { Files = [] };
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }
        }

        return new SegmentResult(changes, writers.ToDictionary(w => w.Key, w => w.Value.RowCount), [.. writers.Values.SelectMany(w => w.Files)], normalizer.ContractDependent);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalizeSegment(RelationalNormalizer normalizer, FileSegment segment, CancellationToken cancellationToken)
    {
        using var reader = new JsonLinesReader(segment);
        var tape = new JsonTape();
        var line = 0L;
        while (reader.TryReadLine(out var utf8))
        {
            line++;
            if ((line & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            try
            {
                tape.Parse(utf8);
                normalizer.NormalizeItem(tape.Root, segment.Table);
            }
            catch (Exception ex) when (ex is JsonException or NormalizeException or FormatException)
            {
                throw new NormalizeException($"Item {line} of the segment at byte {segment.Offset} of '{Path.GetFileName(segment.Path)}' (table '{segment.Table}'): {ex.Message}", ex);
            }
        }
    }

    private static void WriteSchemaUpdates(string path, SchemaChanges changes)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        foreach (var (table, columns) in changes.ColumnsByTable)
        {
            writer.WriteStartArray(table);
            foreach (var column in columns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>What normalizing some segments produced: its schema changes, rows per table and files, and whether schema contracts made it depend on the schema it ran against.</summary>
    internal sealed record SegmentResult(SchemaChanges Changes, IReadOnlyDictionary<string, long> RowCounts, IReadOnlyList<string> Files, bool ContractDependent = false, SchemaContractViolationException? Violation = null)
    {
        /// <summary>The tables and columns of earlier segments its snapshot started with (<see cref="EarlierSegments"/>), which the merged schema must hold as they were.</summary>
        public SchemaChanges Assumed { get; init; } = new();

        public void DeleteFiles()
        {
            foreach (var file in Files)
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
