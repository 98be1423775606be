using System.Globalization;

namespace Dlt.Bench.Runner;

/// <summary>
/// What a child process is asked to run: <c>--run &lt;workload&gt; &lt;variant&gt; [--name value]...</c>.
/// The variant's knobs travel separately, as environment variables (<see cref="Knobs"/>).
/// </summary>
internal sealed class ChildArgs
{
    public const string Dir = "dir";
    public const string Rows = "rows";
    public const string Input = "input";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ChildArgs(string workload, string variant)
    {
        Workload = workload;
        Variant = variant;
    }

    public string Workload { get; }

    public string Variant { get; }

    /// <summary>The folder the child works in: its pipelines, its database.</summary>
    public string Directory => Get(Dir);

    public long RowCount => GetLong(Rows);

    public string this[string name] => Get(name);

    public ChildArgs With(string name, long value)
    {
        _values[name] = value.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    public ChildArgs With(string name, string value)
    {
        _values[name] = value;
        return this;
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"The child run '{Workload}' / '{Variant}' needs --{name}.");

    public long GetLong(string name) => long.Parse(Get(name), CultureInfo.InvariantCulture);

    public IEnumerable<string> ToCommandLine()
    {
        yield return "--run";
        yield return Workload;
        yield return Variant;
        foreach (var (name, value) in _values)
        {
            yield return "--" + name;
            yield return value;
        }
    }

    public static ChildArgs Parse(string[] args)
    {
        if (args.Length < 3 || args[0] != "--run" || args.Length % 2 == 0)
        {
            throw new ArgumentException("Expected: --run <workload> <variant> [--name value]...");
        }

        var parsed = new ChildArgs(args[1], args[2]);
        for (var i = 3; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name before '{args[i]}'.");
            }

            parsed._values[args[i][2..]] = args[i + 1];
        }

        return parsed;
    }
}
