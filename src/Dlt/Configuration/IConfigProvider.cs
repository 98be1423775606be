namespace Dlt.Configuration;

/// <summary>One source of configuration values, looked up by a path of sections and a key.</summary>
internal interface IConfigProvider
{
    /// <summary>The provider's name in messages: <c>environment</c>, <c>secrets.toml</c>, ...</summary>
    string Name { get; }

    /// <summary>False for <c>config.toml</c>: a secret found there is an error.</summary>
    bool SupportsSecrets { get; }

    /// <summary>Finds the value at <paramref name="path"/> (sections, then the key).</summary>
    bool TryGet(IReadOnlyList<string> path, out ConfigValue value);
}
