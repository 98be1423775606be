using System.Text.Json;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Hostile;

/// <summary>
/// Hostile keys load into both destinations under the names dlt's snake_case convention gives them
/// (NamingConvention.normalize_identifier in dlt/common/normalizers/naming/snake_case.py, via
/// normalize_path), each quoted as an identifier, never spliced into SQL.
/// </summary>
public sealed class HostileKeyTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Hostile_keys_load_under_the_names_dlt_gives_them(string kind)
    {
        // Given one item whose keys are SQL, quotes, control characters, unicode of several planes,
        // an empty key and a 2,000-character key; expected names worked out by hand from dlt's rule
        using var destination = TestDestination.Create(kind);
        var longKey = new string('k', 2000);
        (string Key, string Column)[] keys =
        [
            ("x'; DROP TABLE t; --", "x_drop_table_txxx"),
            ("\"quoted\"", "_quotedx"),
            ("a\tb\u0001c", "a_b_c"),
            ("", "_empty"),
            ("a\U0001F600", "ax"),
            ("b\U00020000", "bx"),
            ("c\U000E0041", "cx"),
            ("d\u00e9", "dx"),
            ("f\U000F0000", "fx"),
            ("g\u0663", "g\u0663"),
            ("Robert'); DELETE FROM x;", "robert_delete_from_xx"),
            (longKey, kind == TestDestination.Postgres ? DltIdentifier.Shorten(longKey, 63) : longKey),
        ];
        var item = new Dictionary<string, object?>();
        for (var i = 0; i < keys.Length; i++)
        {
            item[keys[i].Key] = i;
        }

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("hostile", Json.Items(JsonSerializer.Serialize(item))));

        // Then every column is there under its name, with its value
        using var db = destination.OpenReader();
        var columns = db.ColumnNames("hostile").Where(c => !c.StartsWith("_dlt", StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.Select(k => k.Column).Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        var row = db.Query($"SELECT * FROM {db.Table("hostile")}").Single();
        var names = db.ColumnNames("hostile");
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal((long)i, Convert.ToInt64(row[names.ToList().IndexOf(keys[i].Column)], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
