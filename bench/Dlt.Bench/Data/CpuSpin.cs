using System.Diagnostics;

namespace Dlt.Bench.Data;

/// <summary>
/// The machine's own parallel ceiling: the same pure CPU work (a register-only spin loop, no
/// memory traffic) on one thread and split across two, timed. On a quiet 2-core machine the
/// ratio is near 2; a noisy neighbour or hyper-threads make it lower.
/// </summary>
internal static class CpuSpin
{
    private static long s_sink;

    /// <summary>One-thread time over two-thread time for <paramref name="iterations"/> iterations.</summary>
    public static double MeasureRatio(long iterations)
    {
        Run(threads: 1, iterations / 20);
        var one = Run(threads: 1, iterations);
        var two = Run(threads: 2, iterations / 2);
        return one / two;
    }

    private static double Run(int threads, long iterationsEach)
    {
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => Spin(iterationsEach))).ToList();
        var stopwatch = Stopwatch.StartNew();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static void Spin(long iterations)
    {
        var x = 88172645463325252UL;
        for (var i = 0L; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        Interlocked.Add(ref s_sink, (long)x);
    }
}
