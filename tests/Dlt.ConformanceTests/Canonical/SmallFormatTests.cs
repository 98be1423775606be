namespace Dlt.ConformanceTests.Canonical;

public sealed class SmallFormatTests
{
    [Theory]
    [InlineData(1634132972901899L, "2021-10-13T13:49:32.901899+00:00")]
    [InlineData(1680846253000000L, "2023-04-07T05:44:13+00:00")]
    [InlineData(1680846253000010L, "2023-04-07T05:44:13.000010+00:00")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999+00:00")]
    public void Formats_timestamps_like_python_isoformat(long microseconds, string expected) =>
        Assert.Equal(expected, IsoTimestamp.FromUnixMicroseconds(microseconds));

    [Fact]
    public void Formats_times_like_python_isoformat()
    {
        Assert.Equal("12:00:00", IsoTimestamp.Format(new TimeOnly(12, 0)));
        Assert.Equal("12:00:00.500000", IsoTimestamp.Format(new TimeOnly(12, 0, 0, 500)));
    }

    [Fact]
    public void Orders_strings_by_code_point()
    {
        Assert.True(CodePointComparer.Instance.Compare("\uFFFF", "\U0001F600") < 0);
        Assert.True(string.CompareOrdinal("\uFFFF", "\U0001F600") > 0);
        Assert.True(CodePointComparer.Instance.Compare("a", "ab") < 0);
        Assert.True(CodePointComparer.Instance.Compare("B", "a") < 0);
        Assert.Equal(0, CodePointComparer.Instance.Compare("x\U0001F600", "x\U0001F600"));
    }
}
