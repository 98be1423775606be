namespace Dlt;

/// <summary>A pipeline step (extract, normalize or load) failed; the inner exception says why.</summary>
public sealed class PipelineStepFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="step"/> of <paramref name="pipelineName"/>.</summary>
    public PipelineStepFailedException(string pipelineName, string step, string? loadId, Exception innerException)
        : this(pipelineName, step, loadId, innerException, outcome: null)
    {
    }

    /// <summary>Creates the exception, saying what became of the package (<paramref name="outcome"/>) when it was not kept for the next run.</summary>
    internal PipelineStepFailedException(string pipelineName, string step, string? loadId, Exception innerException, string? outcome)
        : base(BuildMessage(pipelineName, step, loadId, innerException, outcome), innerException)
    {
        PipelineName = pipelineName;
        Step = step;
        LoadId = loadId;
    }

    /// <summary>The pipeline that failed.</summary>
    public string PipelineName { get; }

    /// <summary>The step that failed: <c>extract</c>, <c>normalize</c> or <c>load</c>.</summary>
    public string Step { get; }

    /// <summary>The load package being processed, when there was one.</summary>
    public string? LoadId { get; }

    private static string BuildMessage(string pipelineName, string step, string? loadId, Exception inner, string? outcome)
    {
        var package = loadId is null ? "" : $" while processing load package {loadId}";
        var kept = outcome ?? step switch
        {
            "extract" => "Packages extracted or normalized before are kept and load first on the next run.",

            // The destination was checked before anything was extracted: there is no package to keep.
            "load" when loadId is null => "",
            _ when inner is Load.LoadJobFailedException or Load.LoadJobRetryException => "",
            _ => "The package is kept in the pipeline's working dir; the next run resumes it.",
        };
        return $"Pipeline '{pipelineName}' failed at step '{step}'{package}: {MessageText.Sentence(inner.Message)} {kept}".TrimEnd();
    }
}
