using System.Collections.Concurrent;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// Normalizes an extract package while it is being written. The flushed members of each file wait
/// until a worker is free; the worker then takes the oldest file's waiting members as one segment:
/// a fair share of them (what waits divided by the workers), at least <c>minItems</c> and at most
/// <see cref="MaxGrowth"/> times that while the file is open, and once the file closes an equal
/// part of what was left at that moment. A segment is thus cut when it starts rather than when its
/// members arrive, so when extract ends, what is left is split between the workers instead of
/// waiting in large segments that one worker would finish alone. <c>normalize.workers</c> threads
/// normalize each segment against the schema as extract had it when the segment's last member was
/// written, with what the finished earlier segments of its file found (<see cref="EarlierSegments"/>).
/// Nothing is merged here: <see cref="PackageNormalizer"/> merges the schema changes in file order
/// once extract has published the package, so the outcome is the one a normalize run after extract gives.
/// </summary>
internal sealed class StreamingNormalizer : IExtractFileObserver, IDisposable
{
    /// <summary>The largest segment cut from an open file, as a multiple of <c>minItems</c>, so that a large file still ends up in few, large load files.</summary>
    public const int MaxGrowth = 8;

    private readonly PackageNormalizer _normalizer;
    private readonly string _loadId;
    private readonly string _jobs;
    private readonly Schema _schema;
    private readonly long _minItems;
    private readonly int _workers;

    /// <summary>Guards <see cref="_files"/>, <see cref="_filesByPath"/> and <see cref="_extractDone"/>; workers wait on it for members.</summary>
    private readonly object _gate = new();

    /// <summary>The files with members that wait, oldest first.</summary>
    private readonly List<WaitingFile> _files = [];
    private readonly Dictionary<string, WaitingFile> _filesByPath = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<(FileSegment Segment, PackageNormalizer.SegmentResult Result)> _results = [];
    private readonly ConcurrentQueue<Exception> _errors = new();
    private readonly EarlierSegments _earlier = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<Thread> _threads;
    private bool _extractDone;
    private bool _stopped;

    /// <param name="normalizer">Writes the Parquet files into the package <paramref name="loadId"/> (already created).</param>
    /// <param name="loadId">The package being extracted.</param>
    /// <param name="schema">The extract's schema; read only on the extracting thread, which also changes it.</param>
    /// <param name="workers">Threads (<c>normalize.workers</c>).</param>
    /// <param name="minItems">The smallest segment cut from an open file.</param>
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
        // The schema as extract has it now, taken here on the extracting thread, for a segment that ends with this member.
        var snapshot = _schema.Clone();
        lock (_gate)
        {
            if (!_filesByPath.TryGetValue(member.Path, out var file))
            {
                file = new WaitingFile(member.Path);
                _files.Add(file);
                _filesByPath[member.Path] = file;
            }

            file.Add(member, snapshot);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>What waits of a closed file is split into equal parts, one per worker.</summary>
    public void FileClosed(string path)
    {
        lock (_gate)
        {
            if (_filesByPath.TryGetValue(path, out var file))
            {
                Close(file);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Normalizes what is left and waits for the workers. Null when a segment failed: the package
    /// is then normalized again after extract, where the error is reported as a normalize failure.
    /// </summary>
    public StreamedSegments? Complete()
    {
        lock (_gate)
        {
            foreach (var file in _files.ToList())
            {
                Close(file);
            }

            _extractDone = true;
            Monitor.PulseAll(_gate);
        }

        Stop();
        return _errors.IsEmpty ? new StreamedSegments([.. _results], _normalizer.OwnIdsOf(_loadId)) : null;
    }

    /// <summary>Stops the workers without normalizing what waits (extract failed).</summary>
    public void Dispose()
    {
        if (!_stopped)
        {
            CancelWorkers();
            Stop();
        }

        _cancel.Dispose();
        _earlier.Dispose();
    }

    /// <summary>Waits for the next segment; false once extract is done and nothing waits, or when stopped.</summary>
    private bool TryTake(out FileSegment segment, out Schema snapshot)
    {
        lock (_gate)
        {
            while (!_cancel.IsCancellationRequested)
            {
                foreach (var file in _files)
                {
                    if (file.TryCut(_minItems, _minItems * MaxGrowth, _workers, out segment, out snapshot))
                    {
                        // Cut under the lock, in file order: the order EarlierSegments needs.
                        _earlier.Dispatched(segment);
                        ForgetIfDone(file);
                        return true;
                    }
                }

                if (_extractDone)
                {
                    break;
                }

                Monitor.Wait(_gate);
            }
        }

        segment = null!;
        snapshot = null!;
        return false;
    }

    private void Close(WaitingFile file)
    {
        file.Close(_workers);
        ForgetIfDone(file);
    }

    private void ForgetIfDone(WaitingFile file)
    {
        if (file.IsDone)
        {
            _files.Remove(file);
            _filesByPath.Remove(file.Path);
        }
    }

    /// <summary>Cancels the segments being normalized and wakes the workers that wait for members, so that all of them end.</summary>
    private void CancelWorkers()
    {
        _cancel.Cancel();
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void Stop()
    {
        _stopped = true;
        _threads.ForEach(t => t.Join());
    }

    private void Work()
    {
        try
        {
            while (TryTake(out var segment, out var snapshot))
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
            CancelWorkers();
        }
    }
}
