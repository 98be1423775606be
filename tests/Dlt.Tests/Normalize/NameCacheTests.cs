using System.Text;
using Dlt.Normalize;
using Dlt.Schemas.Naming;
using Dlt.Storage;

namespace Dlt.Tests.Normalize;

/// <summary>A key's names are found through the key expected at its place in the row when it is that key, and looked up otherwise.</summary>
public sealed class NameCacheTests
{
    [Fact]
    public void The_expected_key_is_taken_only_when_its_bytes_are_the_same()
    {
        // Given rows whose first key changes from row to row, some sharing a prefix with the one before
        var names = new NameCache(new SnakeCaseNaming());
        var tape = new JsonTape();
        KeyName? expected = null;
        string[] keys = ["id", "id", "idx", "id", "Customer ID", "Customer IDs", "Customer ID", "", "a"];

        foreach (var key in keys)
        {
            // When the first property of the row is named through the key the last row had there
            var property = ParseFirst(tape, key);
            var found = names.Key(property, ref expected);

            // Then it is the same key object a lookup gives, and it becomes the expected one
            Assert.Same(names.Key(property), found);
            Assert.Same(found, expected);
            Assert.Equal(key, Encoding.UTF8.GetString(found.Raw));
        }
    }

    private static JsonTapeProperty ParseFirst(JsonTape tape, string key)
    {
        tape.Parse(Encoding.UTF8.GetBytes($$"""{"{{key}}": 1}"""));
        foreach (var property in tape.Root.EnumerateObject())
        {
            return property;
        }

        throw new InvalidOperationException("The object has no property.");
    }
}
