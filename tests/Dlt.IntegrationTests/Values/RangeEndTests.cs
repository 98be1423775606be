using System.Globalization;
using System.Numerics;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Values;

/// <summary>Both ends of every type's range load exactly, on every destination.</summary>
public sealed class RangeEndTests
{
    private static readonly BigInteger LargestWei = BigInteger.Pow(10, 38) - 1;

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task The_smallest_and_largest_value_of_each_type_load_exactly(string kind)
    {
        // Given one row at the low end and one at the high end of each type
        using var destination = TestDestination.Create(kind);
        var rows = new[]
        {
            new Dictionary<string, object?>
            {
                ["id"] = 0,
                ["ts"] = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
                ["d"] = DateOnly.MinValue,
                ["b"] = long.MinValue,
                ["f"] = -double.MaxValue,
                ["w"] = -LargestWei,
                ["m"] = decimal.MinValue,
            },
            new Dictionary<string, object?>
            {
                ["id"] = 1,
                ["ts"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
                ["d"] = DateOnly.MaxValue,
                ["b"] = long.MaxValue,
                ["f"] = double.MaxValue,
                ["w"] = LargestWei,
                ["m"] = decimal.MaxValue,
            },
        };

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("ends", rows));

        // Then each value compares equal to its literal in the database (PostgreSQL's -infinity would not)
        using var db = destination.OpenReader();
        var table = db.Table("ends");
        (string Column, string Low, string High, string SqlType)[] checks =
        [
            ("ts", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00", "TIMESTAMP WITH TIME ZONE"),
            ("d", "0001-01-01", "9999-12-31", "DATE"),
            ("b", long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture), "BIGINT"),
            ("f", "-1.7976931348623157e308", "1.7976931348623157e308", "DOUBLE PRECISION"),
            ("w", (-LargestWei).ToString(CultureInfo.InvariantCulture), LargestWei.ToString(CultureInfo.InvariantCulture), "DECIMAL(38,0)"),
            ("m", decimal.MinValue.ToString(CultureInfo.InvariantCulture), decimal.MaxValue.ToString(CultureInfo.InvariantCulture), "DECIMAL(38,9)"),
        ];
        foreach (var (column, low, high, sqlType) in checks)
        {
            var matches = db.Query($"SELECT id FROM {table} WHERE {column} = CAST('{low}' AS {sqlType}) OR {column} = CAST('{high}' AS {sqlType}) ORDER BY id");
            Assert.True(matches.Count == 2, $"column {column}: {matches.Count} of 2 rows equal their literal");
        }
    }

    [Fact]
    public async Task Loading_into_postgres_leaves_the_processes_npgsql_switches_as_the_application_set_them()
    {
        // Given an application whose own Npgsql code keeps Npgsql's default infinity conversions
        using var destination = TestDestination.Create(TestDestination.Postgres);

        // When a pipeline loads a date at the low end of the range
        await destination.CreatePipeline().RunAsync(Resource.Create("ends", new[] { new Dictionary<string, object?> { ["d"] = DateOnly.MinValue } }));

        // Then the library did not turn the process-wide switch on behind the application's back
        Assert.False(AppContext.TryGetSwitch("Npgsql.DisableDateTimeInfinityConversions", out var on) && on);
        using var db = destination.OpenReader();
        Assert.Equal("0001-01-01", db.Query($"SELECT CAST(d AS text) FROM {db.Table("ends")}").Single()[0]);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task An_integer_too_long_for_a_wei_column_loads_into_a_double_variant(string kind)
    {
        // Given a wei column, then an integer of 41 digits
        using var destination = TestDestination.Create(kind);
        var items = Json.Items("""{"id": 1, "w": 123456789012345678901234567}""", """{"id": 2, "w": 10000000000000000000000000000000000000000}""");

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("big", items));

        // Then the load succeeded and the long one is in w__v_double
        using var db = destination.OpenReader();
        var table = db.Table("big");
        Assert.Equal(2L, db.Count("big"));
        Assert.Equal(1e40, Convert.ToDouble(db.Scalar($"SELECT w__v_double FROM {table} WHERE id = 2"), CultureInfo.InvariantCulture));
        Assert.Equal("123456789012345678901234567", Convert.ToString(db.Scalar($"SELECT CAST(CAST(w AS DECIMAL(38,0)) AS VARCHAR(60)) FROM {table} WHERE id = 1"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_decimal_past_its_columns_declared_precision_fails_the_load_naming_table_column_and_value_and_commits_nothing(string kind)
    {
        // Given a decimal column declared DECIMAL(5,2) (dlt's precision and scale hints), holding 999.99 at most
        using var destination = TestDestination.Create(kind);
        var rows = new[]
        {
            new Dictionary<string, object?> { ["id"] = 1, ["amount"] = 999.99m },
            new Dictionary<string, object?> { ["id"] = 2, ["amount"] = 1234.5m },
        };
        var resource = Resource.Create("prices", rows).WithColumns(new ColumnHint("amount", DataType.Decimal) { Precision = 5, Scale = 2 });

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(resource));

        // Then the load fails naming the table, the column and the value, and no row of the package is there
        Assert.Equal("load", error.Step);
        Assert.Contains("'prices'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
        Assert.Contains("1234.5", error.Message, StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal(0L, db.Count("prices"));
        Assert.Equal(0L, db.Count("_dlt_loads"));
    }
}
