using System.Collections.Concurrent;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// Normalizes an extract package while it is being written: the flushed members of each file are
/// gathered into segments (a closed file ends its segment) whose size starts at <c>minItems</c>
/// and doubles with each segment of the file up to <see cref="MaxGrowth"/> times that, so that
/// normalize starts early and a large file still ends up in few, large load files. What is left of
/// a file when it closes is split between the workers, so that at the end of extract none of them
/// finishes alone. <c>normalize.workers</c> threads normalize each segment against the schema as
/// extract had it when the segment was complete, with what the finished earlier segments of its
/// file found (<see cref="EarlierSegments"/>). Nothing is merged here: <see cref="PackageNormalizer"/> merges the
/// schema changes in file order once extract has published the package, so the outcome is the
/// one a normalize run after extract gives.
/// </summary>
internal sealed class StreamingNormalizer : IExtractFileObserver, IDisposable
{
    private readonly PackageNormalizer _normalizer;
    private readonly string _loadId;
    private readonly string _jobs;
    private readonly Schema _schema;
    private readonly long _minItems;
    /// <summary>The largest segment, as a multiple of <c>minItems</c>: small enough that the segments still being normalized when extract ends share the cores.</summary>
    public const int MaxGrowth = 8;

    private readonly int _workers;
    private readonly Dictionary<string, List<FileSegment>> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _nextSize = new(StringComparer.Ordinal);
    private readonly BlockingCollection<(FileSegment Segment, Schema Snapshot)> _queue = [];
    private readonly ConcurrentBag<(FileSegment Segment, PackageNormalizer.SegmentResult Result)> _results = [];
    private readonly ConcurrentQueue<Exception> _errors = new();
    private readonly EarlierSegments _earlier = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<Thread> _threads;
    private bool _stopped;

    /// <param name="normalizer">Writes the Parquet files into the package <paramref name="loadId"/> (already created).</param>
    /// <param name="loadId">The package being extracted.</param>
    /// <param name="schema">The extract's schema; read only on the extracting thread, which also changes it.</param>
    /// <param name="workers">Threads (<c>normalize.workers</c>).</param>
    /// <param name="minItems">The smallest segment, but for the last of a file.</param>
    public StreamingNormalizer(PackageNormalizer normalizer, string loadId, Schema schema, int workers, long minItems)
    {
        _normalizer = normalizer;
        _loadId = loadId;
        _jobs = normalizer.JobsFolder(loadId);
        _schema = schema;
        _minItems = minItems;
        _workers = Math.Max(1, workers);
        _threads = [.. Enumerable.Range(0, _workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"dlt-normalize-stream-{i}" })];
        _threads.ForEach(t => t.Start());
    }

    public void MemberWritten(FileSegment member)
    {
        if (!_open.TryGetValue(member.Path, out var members))
        {
            members = [];
            _open[member.Path] = members;
        }

        members.Add(member);
        var size = _nextSize.GetValueOrDefault(member.Path, _minItems);
        if (members.Sum(m => m.Items) >= size)
        {
            _nextSize[member.Path] = Math.Min(size * 2, _minItems * MaxGrowth);
            _open.Remove(member.Path);
            Dispatch(Join(members));
        }
    }

    /// <summary>
    /// A closed file's last members are split evenly between the workers: when extract ends, that
    /// is where most of the work left is, and when a rotated file closes it costs only smaller segments.
    /// </summary>
    public void FileClosed(string path)
    {
        if (_open.Remove(path, out var members))
        {
            foreach (var part in SplitEvenly(members, _workers))
            {
                Dispatch(Join(part));
            }
        }
    }

    /// <summary>
    /// Normalizes what is left and waits for the workers. Null when a segment failed: the package
    /// is then normalized again after extract, where the error is reported as a normalize failure.
    /// </summary>
    public StreamedSegments? Complete()
    {
        foreach (var path in _open.Keys.Order(StringComparer.Ordinal).ToList())
        {
            FileClosed(path);
        }

        Stop();
        return _errors.IsEmpty ? new StreamedSegments([.. _results], _normalizer.OwnIdsOf(_loadId)) : null;
    }

    /// <summary>Stops the workers without waiting for the queued segments (extract failed).</summary>
    public void Dispose()
    {
        if (!_stopped)
        {
            _cancel.Cancel();
            Stop();
        }

        _cancel.Dispose();
        _queue.Dispose();
        _earlier.Dispose();
    }

    private void Dispatch(FileSegment segment)
    {
        _earlier.Dispatched(segment);
        _queue.Add((segment, _schema.Clone()));
    }

    /// <summary>Consecutive members of one file as one segment.</summary>
    private static FileSegment Join(List<FileSegment> members) =>
        members[0] with { Length = members[^1].Offset + members[^1].Length - members[0].Offset, Items = members.Sum(m => m.Items) };

    /// <summary>Consecutive members in at most <paramref name="parts"/> runs of about equal items.</summary>
    private static IEnumerable<List<FileSegment>> SplitEvenly(List<FileSegment> members, int parts)
    {
        var share = Math.Max(1, members.Sum(m => m.Items) / parts);
        var run = new List<FileSegment>();
        long items = 0;
        foreach (var member in members)
        {
            run.Add(member);
            items += member.Items;
            if (items >= share)
            {
                yield return run;
                run = [];
                items = 0;
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private void Stop()
    {
        _stopped = true;
        _queue.CompleteAdding();
        _threads.ForEach(t => t.Join());
    }

    private void Work()
    {
        try
        {
            foreach (var (segment, snapshot) in _queue.GetConsumingEnumerable(_cancel.Token))
            {
                var result = _normalizer.NormalizeAfterEarlier(_loadId, segment, snapshot, _earlier, _jobs, segmentsDone: null, _cancel.Token);
                _results.Add((segment, result));
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _errors.Enqueue(ex);
            _cancel.Cancel();
        }
    }
}
