using System.Reflection;
using System.Text;

namespace Dlt.Tests.PublicApi;

/// <summary>
/// The public surface is what a pipeline script touches, and it changes only on purpose: the
/// approved listing is checked in beside this file and compared here (the test never rewrites it).
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Dlt")]
    [InlineData("Dlt.DuckDb")]
    [InlineData("Dlt.Postgres")]
    [InlineData("Dlt.Rest")]
    [InlineData("Dlt.Hangfire")]
    public void The_public_api_matches_the_approved_listing(string assemblyName)
    {
        // Given
        var approvedPath = Path.Combine(SourceDirectory(), $"{assemblyName}.approved.txt");
        var actual = Describe(Assembly.Load(assemblyName));

        // When
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        // Then
        if (approved != actual)
        {
            var received = Path.Combine(Path.GetTempPath(), $"{assemblyName}.received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The public API of {assemblyName} changed. If the change is deliberate, copy {received} over {approvedPath}.\n" +
                        $"Added: {string.Join("; ", Lines(actual).Except(Lines(approved)))}\nRemoved: {string.Join("; ", Lines(approved).Except(Lines(actual)))}");
        }
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName).Append('\n');
            const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(Visible)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m.DeclaringType == type && !IsCompilerGenerated(m))
                .Select(m => "  " + Member(m))
                .Distinct()
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name is "<Clone>$" or "EqualityContract" || member.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null && member is MethodInfo;

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{TypeName(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m)})",
        PropertyInfo p => $"{TypeName(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? "set; " : "")}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{TypeName(f.FieldType)} {f.Name}",
        EventInfo e => $"event {TypeName(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {nested.Name}",
        _ => member.Name,
    };

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{(p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "")}{TypeName(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.IsGenericParameter ? type.Name : type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        return $"{name[..name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
