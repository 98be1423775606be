using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>A column of a dlt schema table: its name and its properties (<c>data_type</c>, <c>nullable</c>, hints) without <c>name</c>.</summary>
internal sealed record SchemaColumn(string Name, JsonObject Properties)
{
    public string? DataType => (string?)Properties["data_type"];
}
