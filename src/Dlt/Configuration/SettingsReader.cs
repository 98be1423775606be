namespace Dlt.Configuration;

/// <summary>
/// Reads typed, validated values through a <see cref="ConfigResolver"/>: a missing value gives the
/// default, an invalid one is recorded in <see cref="ConfigProblems"/> (and the default is used so
/// that every other problem is found too).
/// </summary>
internal sealed class SettingsReader(ConfigResolver resolver, ConfigProblems problems)
{
    public ConfigResolver Resolver => resolver;

    public int Integer(IReadOnlyList<string[]> sections, string key, int defaultValue, int min, int max = int.MaxValue) =>
        Read(sections, key, defaultValue, IntegerExpectation(min, max), (object raw, out int v) =>
        {
            var ok = ConfigConvert.TryInteger(raw, out var l) && l >= min && l <= max;
            v = ok ? (int)l : 0;
            return ok;
        });

    public long? OptionalInteger(IReadOnlyList<string[]> sections, string key, long? defaultValue, long min) =>
        Read(sections, key, defaultValue, $"an integer >= {min}", (object raw, out long? v) =>
        {
            var ok = ConfigConvert.TryInteger(raw, out var l) && l >= min;
            v = l;
            return ok;
        });

    public bool Boolean(IReadOnlyList<string[]> sections, string key, bool defaultValue) =>
        Read(sections, key, defaultValue, "a boolean (true or false)", ConfigConvert.TryBoolean);

    public double Number(IReadOnlyList<string[]> sections, string key, double defaultValue, double min) =>
        Read(sections, key, defaultValue, $"a number >= {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}", (object raw, out double v) =>
            ConfigConvert.TryNumber(raw, out v) && v >= min);

    public TimeSpan Seconds(IReadOnlyList<string[]> sections, string key, TimeSpan defaultValue) =>
        Read(sections, key, defaultValue, "a number of seconds > 0", (object raw, out TimeSpan v) =>
        {
            var ok = ConfigConvert.TryNumber(raw, out var seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds;
            v = ok ? TimeSpan.FromSeconds(seconds) : default;
            return ok;
        });

    /// <summary>One of <paramref name="names"/> (dlt's spelling, compared without case).</summary>
    public T Choice<T>(IReadOnlyList<string[]> sections, string key, T defaultValue, IReadOnlyDictionary<string, T> names) =>
        Read(sections, key, defaultValue, "one of " + string.Join(", ", names.Keys), (object raw, out T v) =>
        {
            v = default!;
            return raw is string s && names.TryGetValue(s.Trim(), out v!);
        });

    public string? Text(IReadOnlyList<string[]> sections, string key, string? defaultValue, Func<string, bool>? isValid = null, string expectation = "a string") =>
        Read(sections, key, defaultValue, expectation, (object raw, out string? v) =>
        {
            var ok = ConfigConvert.TryText(raw, out var text) && (isValid is null || isValid(text));
            v = text;
            return ok;
        });

    /// <summary>Adds a problem of a value that was found but is unusable for a reason of the caller's.</summary>
    public void AddProblem(ConfigProblem problem) => problems.Add(problem);

    /// <summary>The raw value, when found; records a secret found in <c>config.toml</c>.</summary>
    public bool TryFind(IReadOnlyList<string[]> sections, string key, out ConfigValue value)
    {
        switch (resolver.Find(sections, key, secret: false, out value))
        {
            case LookupOutcome.Found:
                return true;
            case LookupOutcome.SecretInConfigToml:
                problems.Add(ConfigResolver.SecretInConfigToml(value.FullKey, value.Origin));
                return false;
            default:
                return false;
        }
    }

    private T Read<T>(IReadOnlyList<string[]> sections, string key, T defaultValue, string expectation, TryConvert<T> convert)
    {
        if (!TryFind(sections, key, out var found))
        {
            return defaultValue;
        }

        if (!convert(found.Raw, out var converted))
        {
            problems.Add(Invalid(found, key, expectation));
            return defaultValue;
        }

        return converted;
    }

    public static ConfigProblem Invalid(ConfigValue found, string key, string expectation) =>
        new(found.FullKey, found.Origin, $"got {ConfigConvert.Describe(found.Raw, SecretKeys.IsSecret(key))}, expected {expectation}");

    private static string IntegerExpectation(int min, int max) =>
        max == int.MaxValue ? $"an integer >= {min}" : $"an integer from {min} to {max}";
}

/// <summary>Converts a raw value; false when it has the wrong type or is out of range.</summary>
internal delegate bool TryConvert<T>(object raw, out T value);
