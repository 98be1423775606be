using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

/// <summary>Doubles turn into text as Python's <c>repr</c> writes them: dlt's str() of a float.</summary>
public sealed class PythonFloatTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(9.2898e+41, "9.2898e+41")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1.1449e-05, "1.1449e-05")]
    [InlineData(878172.8292, "878172.8292")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1234567890123456.7, "1234567890123456.8")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1.5e-300, "1.5e-300")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(100.0, "100.0")]
    public void Formats_like_python_repr(double value, string expected)
    {
        // Given / When
        var text = PythonFloat.Format(value);

        // Then
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Formats_non_finite_values_like_python()
    {
        // Given / When / Then
        Assert.Equal("nan", PythonFloat.Format(double.NaN));
        Assert.Equal("inf", PythonFloat.Format(double.PositiveInfinity));
        Assert.Equal("-inf", PythonFloat.Format(double.NegativeInfinity));
    }
}
