using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Extract;

namespace Dlt.Tests.Extract;

/// <summary>Which item types extract prepares a serializer for before the first item arrives.</summary>
public sealed class PreparedSerializerTests
{
    public static TheoryData<Type, Type?> DeclaredTypes => new()
    {
        { typeof(Order), typeof(Order) },
        { typeof(List<Order>), typeof(Order) },
        { typeof(Order[]), typeof(Order) },
        { typeof(IReadOnlyList<Order>), typeof(Order) },
        { typeof(Dictionary<string, object?>), null },
        { typeof(List<Dictionary<string, object?>>), null },
        { typeof(JsonElement), null },
        { typeof(JsonObject), null },
        { typeof(RawJson), null },
        { typeof(object), null },
        { typeof(List<object>), null },
        { typeof(string), null },
    };

    [Theory]
    [MemberData(nameof(DeclaredTypes))]
    public void The_item_type_of_a_declared_item_or_page_type_is_prepared(Type declared, Type? expected)
    {
        Assert.Equal(expected, ItemSerializer.PreparableItemType(declared));
    }

    private sealed record Order(int Id, string Sku);
}
