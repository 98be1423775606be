namespace Dlt.Progress;

/// <summary>Receives the counters of a pipeline step (dlt's collectors: <c>log</c>, or none).</summary>
internal abstract class ProgressReporter
{
    /// <summary>A collector that reports nothing (dlt's default).</summary>
    public static ProgressReporter None { get; } = new NullProgressCollector();

    /// <summary>Starts a step (<c>Extract shop</c>, <c>Normalize shop in 1764...</c>); its counters start at zero.</summary>
    public abstract void StartStep(string step);

    /// <summary>The counter <paramref name="name"/> of the current step, created on first use.</summary>
    public abstract ProgressCounter Counter(string name, long? total = null, string? label = null, string? message = null);

    /// <summary>Reports the final counts of the step.</summary>
    public abstract void EndStep();

    /// <summary>Stops any live display of a step that ended by an error; called when a pipeline call returns.</summary>
    public virtual void Close()
    {
    }

    /// <summary>Called by a counter created with this reporter as its owner after each update.</summary>
    public virtual void Updated()
    {
    }

    private sealed class NullProgressCollector : ProgressReporter
    {
        private static readonly ProgressCounter s_counter = new(null, "", null, null, null);

        public override void StartStep(string step)
        {
        }

        public override ProgressCounter Counter(string name, long? total = null, string? label = null, string? message = null) => s_counter;

        public override void EndStep()
        {
        }
    }
}
