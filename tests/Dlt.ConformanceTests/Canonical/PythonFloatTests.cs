namespace Dlt.ConformanceTests.Canonical;

public sealed class PythonFloatTests
{
    // Expected strings are Python 3's repr() of the same doubles.
    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-07, "1e-07")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(9.2898e41, "9.2898e+41")]
    [InlineData(1.1449e-05, "1.1449e-05")]
    [InlineData(2.5e-5, "2.5e-05")]
    [InlineData(0.9999822378, "0.9999822378")]
    [InlineData(878172.8292, "878172.8292")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(1234567890123456.7, "1234567890123456.8")]
    [InlineData(12345678901234567.0, "1.2345678901234568e+16")]
    [InlineData(9223372036854775808.0, "9.223372036854776e+18")]
    [InlineData(1.87178630182e+21, "1.87178630182e+21")]
    public void Formats_doubles_like_python_repr(double value, string expected) =>
        Assert.Equal(expected, PythonFloat.Repr(value));

    [Fact]
    public void Formats_non_finite_values_like_python()
    {
        Assert.Equal("nan", PythonFloat.Repr(double.NaN));
        Assert.Equal("inf", PythonFloat.Repr(double.PositiveInfinity));
        Assert.Equal("-inf", PythonFloat.Repr(double.NegativeInfinity));
        Assert.Equal("NaN", PythonFloat.JsonDumps(double.NaN));
        Assert.Equal("Infinity", PythonFloat.JsonDumps(double.PositiveInfinity));
        Assert.Equal("-Infinity", PythonFloat.JsonDumps(double.NegativeInfinity));
    }
}
