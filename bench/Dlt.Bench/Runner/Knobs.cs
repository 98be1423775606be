using System.Globalization;

namespace Dlt.Bench.Runner;

/// <summary>
/// The pipeline's performance knobs as dlt's environment variables. Every variant passes its knobs
/// to its child this way (never through code), so the configuration layer is exercised too.
/// </summary>
internal static class Knobs
{
    public const string ExtractWorkers = "EXTRACT__WORKERS";
    public const string ExtractMaxParallelItems = "EXTRACT__MAX_PARALLEL_ITEMS";
    public const string ExtractNextItemMode = "EXTRACT__NEXT_ITEM_MODE";
    public const string LoadWorkers = "LOAD__WORKERS";
    public const string Progress = "PROGRESS";
    public const string DataDir = "DLT_DATA_DIR";
    public const string NormalizeWorkers = "NORMALIZE__WORKERS";
    public const string BufferMaxItems = "DATA_WRITER__BUFFER_MAX_ITEMS";
    public const string FileMaxItems = "DATA_WRITER__FILE_MAX_ITEMS";
    public const string FileMaxBytes = "DATA_WRITER__FILE_MAX_BYTES";
    public const string DisableCompression = "DATA_WRITER__DISABLE_COMPRESSION";
    public const string DuckDbMemoryLimit = "DESTINATION__DUCKDB__MEMORY_LIMIT";

    /// <summary>.NET's own switch for dynamic PGO (on by default), not a dlt setting: see docs/performance.md, "JIT and tiering".</summary>
    public const string TieredPgo = "DOTNET_TieredPGO";

    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>();

    // Settings a child must not inherit from the shell that started the bench: its knobs are only
    // the ones its variant sets.
    private static readonly string[] s_inheritedPrefixes =
        ["EXTRACT__", "NORMALIZE__", "LOAD__", "DATA_WRITER__", "SOURCES__", "DESTINATION__", "RUNTIME__"];

    private static readonly string[] s_inheritedNames = ["PROGRESS", "DLT_DATA_DIR", "DLT_PROJECT_DIR"];

    public static IReadOnlyDictionary<string, string> Of(params (string Name, object Value)[] knobs) =>
        knobs.ToDictionary(k => k.Name, k => Convert.ToString(k.Value, CultureInfo.InvariantCulture)!.ToLowerInvariant(), StringComparer.Ordinal);

    public static bool IsInheritedSetting(string name) =>
        s_inheritedNames.Contains(name, StringComparer.Ordinal) ||
        s_inheritedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
