namespace Dlt.IntegrationTests.Reliability;

/// <summary>A pipeline fault hook that stops the run the first time it reaches <paramref name="point"/>, leaving disk and destination as a crash there would.</summary>
internal sealed class CrashOnce(string point)
{
    private int _crashed;

    public bool Crashed => _crashed == 1;

    public void At(string reached)
    {
        if (reached == point && Interlocked.Exchange(ref _crashed, 1) == 0)
        {
            throw new SimulatedCrashException(point);
        }
    }

    private sealed class SimulatedCrashException(string point) : Exception($"Simulated crash at {point}.");
}
