using Dlt.Storage;

namespace Dlt.Tests.Storage;

/// <summary>dlt's job file names <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;[.gz]</c> (reference §7.1), and <c>.lz4</c> for our LZ4 extract files.</summary>
public sealed class JobFileNameTests
{
    [Theory]
    [InlineData("users.0a1b2c3d4e.0.typed-jsonl.gz", "users", "0a1b2c3d4e", 0, "typed-jsonl", "Gzip")]
    [InlineData("users.0a1b2c3d4e.0.typed-jsonl.lz4", "users", "0a1b2c3d4e", 0, "typed-jsonl", "Lz4")]
    [InlineData("users__orders.ffffffffff.3.parquet", "users__orders", "ffffffffff", 3, "parquet", "None")]
    [InlineData("_dlt_pipeline_state.0123456789.12.jsonl", "_dlt_pipeline_state", "0123456789", 12, "jsonl", "None")]
    public void Parses_the_parts_of_a_job_file_name_and_formats_them_back(string fileName, string table, string fileId, int retry, string extension, string compression)
    {
        // Given / When
        var parsed = JobFileName.Parse(fileName);

        // Then
        Assert.Equal(new JobFileName(table, fileId, retry, extension, Enum.Parse<FileCompression>(compression)), parsed);
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
        var first = JobFileName.New("users", "parquet", FileCompression.None);
        var second = JobFileName.New("users", "parquet", FileCompression.None);

        // Then
        Assert.Matches("^[0-9a-f]{13}$", first.FileId);
        Assert.True(string.CompareOrdinal(first.FileId, second.FileId) < 0, $"{first.FileId} does not sort before {second.FileId}");
        Assert.Equal(0, first.RetryCount);
        Assert.Equal($"users.{first.FileId}.0.parquet", first.ToString());
        Assert.EndsWith(".typed-jsonl.gz", JobFileName.New("users", "typed-jsonl", FileCompression.Gzip).ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".typed-jsonl.lz4", JobFileName.New("users", "typed-jsonl", FileCompression.Lz4).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, 'a')]
    [InlineData(151, 'a')]
    [InlineData(100, '\u0663')]
    public void A_table_name_past_150_bytes_is_written_shortened_and_read_back_through_the_schemas_tables(int length, char fill)
    {
        // Given a table name longer than 150 bytes of UTF-8, and another one that shares its first 100 bytes
        var table = "t" + new string(fill, length);
        var sibling = table + "z";

        // When its job file name is written and read back
        var name = JobFileName.New(table, "typed-jsonl", FileCompression.Lz4).ToString();
        var parsed = JobFileName.Parse(name, new JobFileTables(["users", sibling, table]));

        // Then the file name fits a file system's 255 bytes with room for ".exception", and maps back to the table
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name + ".exception") <= 255, name);
        Assert.Equal(table, parsed.Table);
        Assert.Equal(name, parsed.ToString());
        Assert.NotEqual(JobFileName.TablePart(table), JobFileName.TablePart(sibling));
        Assert.Equal(JobFileName.TablePart(table), JobFileName.Parse(name).Table);
    }

    [Fact]
    public void A_table_name_of_150_bytes_is_written_whole_as_dlt_writes_it()
    {
        // Given / When
        var table = new string('a', 150);
        var name = JobFileName.New(table, "parquet", FileCompression.None).ToString();

        // Then
        Assert.StartsWith(table + ".", name, StringComparison.Ordinal);
        Assert.Equal(table, JobFileName.Parse(name).Table);
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
