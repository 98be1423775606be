namespace Dlt.Normalize.Naming;

/// <summary>PLACEHOLDER until the naming branch merges.</summary>
public sealed class SnakeCaseNaming(int? maxLength = null) : INamingConvention
{
    /// <inheritdoc/>
    public int? MaxLength => maxLength;

    /// <inheritdoc/>
    public string PathSeparator => "__";

    /// <inheritdoc/>
    public string NormalizeIdentifier(string identifier) => identifier.Trim().Replace(' ', '_').ToLowerInvariant();

    /// <inheritdoc/>
    public string NormalizeTableIdentifier(string identifier) => NormalizeIdentifier(identifier);

    /// <inheritdoc/>
    public string NormalizePath(string path) => string.Join("__", path.Split("__").Select(NormalizeIdentifier));

    /// <inheritdoc/>
    public string ShortenFragments(params ReadOnlySpan<string> normalizedFragments) => string.Join("__", normalizedFragments.ToArray());
}
