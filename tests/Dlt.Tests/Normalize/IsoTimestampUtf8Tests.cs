using System.Text;
using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

public sealed class IsoTimestampUtf8Tests
{
    [Theory]
    [InlineData("2024-01-01T00:00:03.007919Z")]
    [InlineData("2024-01-01T03:00:37.007919+02:00")]
    [InlineData("2024-02-29T23:59:59-05:30")]
    [InlineData("2024-01-01T00:00:00.1234567890Z")]
    [InlineData("2024-01-01T00:00:00.5+00:00")]
    [InlineData("0002-01-01T00:00:00+23:59")]
    [InlineData("9998-12-31T23:59:59.999999-23:59")]
    public void The_common_shape_is_parsed_from_UTF8_as_the_general_parser_parses_it(string text)
    {
        Assert.True(IsoTimestamp.TryParseCommonShapeUtf8(Encoding.UTF8.GetBytes(text), out var fast));
        Assert.True(IsoTimestamp.TryParseDateTime(text, out var general));
        Assert.Equal(general, fast);
        Assert.Equal(DateTimeKind.Utc, fast.Kind);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T23:60:00Z")]
    [InlineData("2024-01-01T23:59:60Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-00-01T00:00:00Z")]
    [InlineData("2024-01-00T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00+24:00")]
    [InlineData("2024-01-01T00:00:00+02:75")]
    [InlineData("2024-01-01t00:00:00Z")]
    [InlineData("2024-01-01T00:00:00z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("2024-01-01T00:00:00.Z")]
    [InlineData("2024-01-01T00:00:00,5Z")]
    [InlineData("2024-01-01T00:00:00+0200")]
    [InlineData("2024-01-01T00:00:00+02")]
    [InlineData("2024-01-01T00:00:00ZZ")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2024-01-01T00:00:0\u0663Z")]
    [InlineData("20240101T000000Z")]
    [InlineData("2024-01-01")]
    [InlineData("")]
    public void Anything_else_is_left_to_the_general_parser(string text)
    {
        Assert.False(IsoTimestamp.TryParseCommonShapeUtf8(Encoding.UTF8.GetBytes(text), out _));
    }
}
