namespace Dlt.Tests.Pipelines;

/// <summary>A failed step's message reads as sentences: the cause ends with a full stop before what happens next.</summary>
public sealed class PipelineStepFailedExceptionTests
{
    [Fact]
    public void A_cause_without_a_full_stop_gets_one_before_the_next_sentence()
    {
        // Given a cause whose message is not a finished sentence
        var cause = new InvalidOperationException("the source returned 503");

        // When
        var error = new PipelineStepFailedException("shop", "extract", null, cause);

        // Then
        Assert.Equal(
            "Pipeline 'shop' failed at step 'extract': the source returned 503. Packages extracted or normalized before are kept and load first on the next run.",
            error.Message);
    }

    [Fact]
    public void A_cause_that_ends_a_sentence_is_kept_as_it_is()
    {
        // Given
        var cause = new InvalidOperationException("Disk full.  ");

        // When
        var error = new PipelineStepFailedException("shop", "normalize", "123.4", cause);

        // Then
        Assert.Equal(
            "Pipeline 'shop' failed at step 'normalize' while processing load package 123.4: Disk full. The package is kept in the pipeline's working dir; the next run resumes it.",
            error.Message);
    }

    [Theory]
    [InlineData("Could not convert string \"1\" to DECIMAL(38,0) when casting from source column w", "Could not convert string \"1\" to DECIMAL(38,0) when casting from source column w.")]
    [InlineData("Done!", "Done!")]
    [InlineData("Is it? ", "Is it?")]
    [InlineData("", "")]
    public void A_message_from_elsewhere_ends_as_a_sentence_before_the_next_one(string message, string expected)
    {
        // Given / When / Then
        Assert.Equal(expected, MessageText.Sentence(message));
    }
}
