using System.Text.RegularExpressions;

namespace Dlt.Tests;

/// <summary>
/// The rooms of <c>src/Dlt</c> depend one way (DESIGN.md, "Layout"): <c>Pipelines</c> composes the stages,
/// the stages (<c>Extract</c>, <c>Normalize</c>, <c>Load</c>) never reference each other nor <c>Pipelines</c>,
/// and <c>Storage</c>, <c>Schemas</c> and <c>Configuration</c> reference none of them. Read from the sources:
/// a constant such as a fault point's name leaves no reference in the compiled code.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Stages = ["Extract", "Normalize", "Load"];

    public static TheoryData<string, string[]> Rooms() => new()
    {
        { "Extract", ["Normalize", "Load", "Pipelines"] },
        { "Normalize", ["Extract", "Load", "Pipelines"] },
        { "Load", ["Extract", "Normalize", "Pipelines"] },
        { "Storage", [.. Stages, "Pipelines", "Destinations", "Progress"] },
        { "Schemas", [.. Stages, "Pipelines", "Destinations", "Progress", "Storage", "Configuration"] },
        { "Configuration", [.. Stages, "Pipelines", "Destinations", "Progress"] },
        { "Progress", [.. Stages, "Pipelines"] },
        { "Destinations", [.. Stages, "Pipelines"] },
    };

    [Theory]
    [MemberData(nameof(Rooms))]
    public void A_room_does_not_reference_the_rooms_above_or_beside_it(string room, string[] forbidden)
    {
        // Given the C# sources of one room of the library
        var folder = Path.Combine(RepositoryRoot(), "src", "Dlt", room);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        // When their references to other rooms are collected (using directives, Dlt.X.Y and X.Y names)
        var found = files
            .SelectMany(file => References(File.ReadAllText(file)).Where(forbidden.Contains).Select(target => $"{Path.GetRelativePath(folder, file)} -> {target}"))
            .Distinct()
            .ToList();

        // Then none of them points at a forbidden room
        Assert.True(found.Count == 0, $"src/Dlt/{room} references rooms it must not:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void The_reference_scan_finds_each_form_of_reference()
    {
        // A check that cannot see references would pass on anything.
        var source = """
            using Dlt.Pipelines;
            var a = Dlt.Extract.Resource.Create();
            hook?.Invoke(Normalize.FaultPoint.Published);
            var b = settings.Load.Workers;
            """;

        Assert.Equal(["Extract", "Normalize", "Pipelines"], References(source).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> References(string source) =>
        RoomReference().Matches(source).Select(m => m.Groups["room"].Value).Distinct();

    // "using Dlt.X;", "Dlt.X.Y" and "X.Y" where X is a room and not itself a member access (settings.Load.Workers).
    [GeneratedRegex(@"(?:\bDlt\.|(?<![\w.]))(?<room>Extract|Normalize|Load|Pipelines|Storage|Schemas|Configuration|Progress|Destinations)(?:;|\.[A-Z])", RegexOptions.Multiline)]
    private static partial Regex RoomReference();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dlt.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Dlt.slnx above {AppContext.BaseDirectory}: cannot find the sources.");
    }
}
