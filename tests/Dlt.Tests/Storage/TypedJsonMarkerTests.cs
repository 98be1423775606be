using System.Text;
using Dlt.Storage;

namespace Dlt.Tests.Storage;

public sealed class TypedJsonMarkerTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("alpha", true)]
    [InlineData("café 日本語 ＡＢＣ \uF025\uF02F", true)]
    [InlineData("quote\\\"d", false)]
    [InlineData("\\uf026x", false)]
    [InlineData("\uF026verbatim", false)]
    [InlineData("x\uF02E", false)]
    [InlineData("a lead byte that starts no marker \uF000", true)]
    public void Plain_string_content_has_no_escape_and_no_marker(string content, bool expected)
    {
        Assert.Equal(expected, TypedJsonMarker.IsPlainStringContent(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void Plain_content_never_holds_what_the_marker_check_looks_for()
    {
        // Every string of a few bytes from the interesting ones: plain content has no backslash and no raw or escaped marker.
        byte[] alphabet = [(byte)'a', (byte)'\\', (byte)'u', (byte)'f', (byte)'0', (byte)'2', (byte)'6', 0xEF, 0x80, 0xA6, 0xAE, 0xBC];
        var random = new Random(7);
        for (var n = 0; n < 20000; n++)
        {
            var content = Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            if (TypedJsonMarker.IsPlainStringContent(content))
            {
                Assert.DoesNotContain((byte)'\\', content);
                Assert.False(TypedJsonMarker.MayContainMarker(content), Convert.ToHexString(content));
            }
        }
    }
}
