using System.Globalization;
using System.Text;
using System.Text.Json;
using Dlt.Storage;

namespace Dlt.Tests.Storage;

public sealed class JsonNumberTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-9007199254740993", -9007199254740993L)]
    [InlineData("999999999999999999", 999999999999999999L)]
    public void Integer_literals_that_fit_are_read_as_integers(string text, long expected)
    {
        Assert.Equal(JsonNumber.Kind.Integer, JsonNumber.TryRead(Encoding.UTF8.GetBytes(text), out var integer, out _));
        Assert.Equal(expected, integer);
    }

    [Theory]
    [InlineData("1234567890123456789")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e400")]
    [InlineData("-1.5e308000")]
    [InlineData("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792.0")]
    public void Other_numbers_are_left_to_the_general_path(string text)
    {
        Assert.Equal(JsonNumber.Kind.Other, JsonNumber.TryRead(Encoding.UTF8.GetBytes(text), out _, out _));
    }

    [Theory]
    [InlineData("-0.0")]
    [InlineData("0.1")]
    [InlineData("-12.50e-1")]
    [InlineData("1E5")]
    [InlineData("0.000123")]
    [InlineData("123456789012345e7")]
    [InlineData("90071992547409.3")]
    [InlineData("1.0000000000000001")]
    [InlineData("1e-23")]
    [InlineData("1e-2000")]
    [InlineData("12345678901234567e0")]
    [InlineData("9007199254740993.0")]
    [InlineData("0.030589983033553536")]
    [InlineData("-2.2250738585072011e-308")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("123456789012345678901234567890.5")]
    public void Decimals_read_here_are_the_doubles_System_Text_Json_reads(string text)
    {
        Assert.Equal(JsonNumber.Kind.Real, JsonNumber.TryRead(Encoding.UTF8.GetBytes(text), out _, out var real));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceDouble(text)), BitConverter.DoubleToInt64Bits(real));
    }

    [Fact]
    public void Random_numbers_read_here_equal_System_Text_Json_bit_for_bit()
    {
        // Given numbers of many shapes: sign, integer and fraction digits, exponents
        var random = new Random(20261207);
        var read = new Dictionary<JsonNumber.Kind, int>();
        for (var n = 0; n < 40000; n++)
        {
            var text = RandomNumber(random);

            // When read here
            var kind = JsonNumber.TryRead(Encoding.UTF8.GetBytes(text), out var integer, out var real);
            read[kind] = read.GetValueOrDefault(kind) + 1;

            // Then it is what the parsed token gives
            using var document = JsonDocument.Parse(text);
            var element = document.RootElement;
            switch (kind)
            {
                case JsonNumber.Kind.Integer:
                    Assert.True(element.TryGetInt64(out var expected), text);
                    Assert.Equal(expected, integer);
                    break;
                case JsonNumber.Kind.Real:
                    Assert.False(element.TryGetInt64(out _) && !text.AsSpan().ContainsAny(".eE"), text);
                    Assert.True(BitConverter.DoubleToInt64Bits(element.GetDouble()) == BitConverter.DoubleToInt64Bits(real), $"{text}: {real:R} against {element.GetDouble():R}");
                    break;
            }
        }

        // And every outcome was exercised
        Assert.All(Enum.GetValues<JsonNumber.Kind>(), kind => Assert.True(read.GetValueOrDefault(kind) > 1000, $"{kind}: {read.GetValueOrDefault(kind)}"));
    }

    private static string RandomNumber(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(3) == 0)
        {
            text.Append('-');
        }

        var integerDigits = random.Next(1, 21);
        text.Append(integerDigits == 1 ? (char)('0' + random.Next(10)) : (char)('1' + random.Next(9)));
        for (var i = 1; i < integerDigits; i++)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(2) == 0)
        {
            text.Append('.');
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                text.Append((char)('0' + random.Next(10)));
            }
        }

        if (random.Next(3) == 0)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E');
            text.Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => "" });
            text.Append(random.Next(0, 30).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static double ReferenceDouble(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetDouble();
    }
}
