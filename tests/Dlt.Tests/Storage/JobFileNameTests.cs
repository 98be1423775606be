using Dlt.Storage;

namespace Dlt.Tests.Storage;

/// <summary>dlt's job file names <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;[.gz]</c> (reference §7.1).</summary>
public sealed class JobFileNameTests
{
    [Theory]
    [InlineData("users.0a1b2c3d4e.0.typed-jsonl.gz", "users", "0a1b2c3d4e", 0, "typed-jsonl", true)]
    [InlineData("users__orders.ffffffffff.3.parquet", "users__orders", "ffffffffff", 3, "parquet", false)]
    [InlineData("_dlt_pipeline_state.0123456789.12.jsonl", "_dlt_pipeline_state", "0123456789", 12, "jsonl", false)]
    public void Parses_the_parts_of_a_job_file_name_and_formats_them_back(string fileName, string table, string fileId, int retry, string extension, bool compressed)
    {
        // Given / When
        var parsed = JobFileName.Parse(fileName);

        // Then
        Assert.Equal(new JobFileName(table, fileId, retry, extension, compressed), parsed);
        Assert.Equal(fileName, parsed.ToString());
    }

    [Fact]
    public void A_retry_bumps_only_the_retry_count()
    {
        // Given
        var name = JobFileName.Parse("users.0a1b2c3d4e.0.parquet");

        // When
        var retried = name.NextRetry().NextRetry();

        // Then
        Assert.Equal("users.0a1b2c3d4e.2.parquet", retried.ToString());
        Assert.Equal(name with { RetryCount = 2 }, retried);
    }

    [Fact]
    public void New_names_get_a_fresh_hex_file_id_in_creation_order_and_retry_zero()
    {
        // Given / When
        var first = JobFileName.New("users", "parquet", compressed: false);
        var second = JobFileName.New("users", "parquet", compressed: false);

        // Then
        Assert.Matches("^[0-9a-f]{13}$", first.FileId);
        Assert.True(string.CompareOrdinal(first.FileId, second.FileId) < 0, $"{first.FileId} does not sort before {second.FileId}");
        Assert.Equal(0, first.RetryCount);
        Assert.Equal($"users.{first.FileId}.0.parquet", first.ToString());
        Assert.EndsWith(".typed-jsonl.gz", JobFileName.New("users", "typed-jsonl", compressed: true).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users.parquet")]
    [InlineData("users.0a1b2c3d4e.x.parquet")]
    [InlineData("users.0a1b2c3d4e.0.parquet.zip")]
    [InlineData("a.b.0a1b2c3d4e.0.parquet")]
    public void Rejects_names_that_are_not_job_file_names(string fileName)
    {
        // Given / When / Then
        Assert.Throws<FormatException>(() => JobFileName.Parse(fileName));
    }
}
