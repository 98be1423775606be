using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// What the segments of each file normalized so far found, so that a parallel worker starts a
/// segment from the columns and types of the file's earlier items rather than from the schema
/// before the package: a field whose type changes between items then gets, in every later segment,
/// the column and variant a sequential run gives it, instead of a conflicting column that makes
/// the segment be normalized again, alone, when the results merge. So a file's first segment is
/// normalized before the others of that file start. What a segment assumed is kept with its result
/// and checked against the merged schema (<see cref="SchemaChanges.HoldsIn"/>): the outcome stays
/// that of one worker.
/// </summary>
internal sealed class EarlierSegments : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FileRun> _files = new(StringComparer.Ordinal);

    /// <summary>Notes a segment of a file; the segments of one file are given in file order.</summary>
    public void Dispatched(FileSegment segment)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(segment.Path, out var run))
            {
                run = new FileRun();
                _files[segment.Path] = run;
            }

            run.Segments.Add(segment.Offset);
        }
    }

    /// <summary>Waits until the first segment of the file of <paramref name="segment"/> is done, unless it is that one.</summary>
    public void WaitForFirst(FileSegment segment, CancellationToken cancellationToken)
    {
        var (run, isFirst) = Run(segment);
        if (!isFirst)
        {
            run.FirstDone.Wait(cancellationToken);
        }
    }

    /// <summary>Records what a segment changed (null: it failed, and the segments after it start without it).</summary>
    public void Completed(FileSegment segment, SchemaChanges? changes)
    {
        var (run, isFirst) = Run(segment);
        lock (_lock)
        {
            run.Done[segment.Offset] = changes;
        }

        if (isFirst)
        {
            run.FirstDone.Set();
        }
    }

    /// <summary>
    /// Adds to <paramref name="snapshot"/> the changes of the file's segments before
    /// <paramref name="segment"/> that are done, from the first on and as long as none is missing,
    /// failed or conflicts with the ones before it; returns what was added.
    /// </summary>
    public SchemaChanges ExtendForSegment(Schema snapshot, FileSegment segment)
    {
        var (run, _) = Run(segment);
        var prefix = new List<SchemaChanges>();
        lock (_lock)
        {
            foreach (var offset in run.Segments)
            {
                if (offset >= segment.Offset || !run.Done.TryGetValue(offset, out var changes) || changes is null)
                {
                    break;
                }

                prefix.Add(changes);
            }
        }

        var assumed = new SchemaChanges();
        foreach (var changes in prefix)
        {
            if (changes.ConflictsWith(snapshot).Count > 0)
            {
                break;
            }

            changes.ApplyTo(snapshot, assumed);
        }

        return assumed;
    }

    public void Dispose()
    {
        foreach (var run in _files.Values)
        {
            run.FirstDone.Dispose();
        }
    }

    /// <summary>The file's segments so far, and whether <paramref name="segment"/> is its first.</summary>
    private (FileRun Run, bool IsFirst) Run(FileSegment segment)
    {
        lock (_lock)
        {
            var run = _files[segment.Path];
            return (run, run.Segments[0] == segment.Offset);
        }
    }

    private sealed class FileRun
    {
        /// <summary>The offsets of the file's segments, in file order.</summary>
        public List<long> Segments { get; } = [];

        public Dictionary<long, SchemaChanges?> Done { get; } = [];

        public ManualResetEventSlim FirstDone { get; } = new();
    }
}
