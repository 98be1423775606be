namespace Dlt.TestKit;

/// <summary>
/// 400 items whose columns, types and child tables first appear at different points, including a
/// column that is a number early and text later (a variant when normalized in order): the data
/// for tests that the schema does not depend on how normalize splits the work.
/// </summary>
public static class EvolvingItems
{
    public static IEnumerable<Dictionary<string, object?>> Create()
    {
        for (var i = 0; i < 400; i++)
        {
            var item = new Dictionary<string, object?> { ["id"] = i, ["code"] = i < 150 ? i : $"c{i}" };
            if (i >= 90)
            {
                item[$"late_{i / 100}"] = i * 1.5;
            }

            if (i % 120 == 119)
            {
                item["tags"] = new[] { "a", "b" };
                item["when"] = "2024-01-02T03:04:05Z";
            }

            if (i >= 250)
            {
                item["when"] = i;
            }

            yield return item;
        }
    }
}
