namespace Dlt.Configuration;

/// <summary>
/// Finds misspelled keys in dlt's own sections of the TOML files (beyond dlt, which ignores them): an
/// unknown key under <c>runtime</c>, <c>extract</c>, <c>normalize</c>, <c>load</c> or <c>data_writer</c>
/// (at the top, under the pipeline name, or as a stage section under <c>sources.*</c>), a key of
/// <c>destination.&lt;name&gt;</c> one or two edits away from a known one, and a top-level section one or
/// two edits away from dlt's. Keys anywhere else are the user's own and are not looked at.
/// </summary>
internal static class ConfigKeyCheck
{
    private const int MaxTypoDistance = 2;

    private static readonly string[] s_dataWriterKeys = ["buffer_max_items", "file_max_items", "file_max_bytes", "disable_compression"];

    // dlt 1.26's configuration specs: RunConfiguration, ExtractorConfiguration / PoolRunnerConfiguration,
    // NormalizeConfiguration, LoaderConfiguration and BufferedDataWriterConfiguration.
    private static readonly Dictionary<string, string[]> s_sectionKeys = new(StringComparer.Ordinal)
    {
        [ConfigSections.Runtime] =
        [
            "pipeline_name", "sentry_dsn", "slack_incoming_hook", "dlthub_telemetry", "dlthub_telemetry_endpoint",
            "dlthub_telemetry_segment_write_key", "log_format", "log_level", "request_timeout", "request_max_attempts",
            "request_backoff_factor", "request_max_retry_delay", "config_files_storage_path", "dlthub_dsn", "run_id",
            "http_show_error_body", "http_max_error_body_length",
        ],
        [ConfigSections.Extract] = ["workers", "max_parallel_items", "next_item_mode", "pool_type", "start_method", "run_sleep", ConfigSections.DataWriter],
        [ConfigSections.Normalize] =
        [
            "workers", "start_method", "pool_type", "run_sleep", "add_dlt_id", "add_dlt_load_id", "json_normalizer",
            "parquet_normalizer", "model_normalizer", ConfigSections.DataWriter,
        ],
        [ConfigSections.Load] =
        [
            "workers", "parallelism_strategy", "pool_type", "raise_on_failed_jobs", "raise_on_max_retries",
            "truncate_staging_dataset", "start_new_jobs_on_signal", "delete_completed_jobs", "start_method", "run_sleep",
            ConfigSections.DataWriter,
        ],
        [ConfigSections.DataWriter] = s_dataWriterKeys,
    };

    private static readonly string[] s_stageSections = [ConfigSections.Extract, ConfigSections.Normalize, ConfigSections.Load, ConfigSections.DataWriter];

    private static readonly string[] s_topSections =
        [ConfigSections.Runtime, ConfigSections.Extract, ConfigSections.Normalize, ConfigSections.Load, ConfigSections.DataWriter, ConfigSections.Destination, ConfigSections.Sources];

    private static readonly string[] s_destinationKeys = ["credentials", "threads", "memory_limit", "preserve_insertion_order", "create_indexes"];

    /// <summary>One warning per misspelled key or section of <paramref name="leaves"/>, in key order.</summary>
    public static IReadOnlyList<string> Warnings(IEnumerable<(string[] Path, string File)> leaves, string providerName, string? pipelineName)
    {
        var warnings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, file) in leaves.OrderBy(l => string.Join('.', l.Path), StringComparer.Ordinal))
        {
            if (Check(path, pipelineName) is var (subject, closest) && seen.Add(subject + file))
            {
                warnings.Add($"{subject} in {providerName} ({file}) is not one dlt reads, so it is ignored. {closest}");
            }
        }

        return warnings;
    }

    // What is misspelled ("Key 'worker' of section [extract]", "Section [data_writter]") and the closest
    // known name, or null when the path is fine or not dlt's.
    private static (string Subject, string Closest)? Check(string[] path, string? pipelineName)
    {
        var relative = path.AsSpan();
        if (pipelineName is not null && relative.Length > 1 && relative[0] == pipelineName)
        {
            relative = relative[1..];
        }

        var atTop = true;
        if (relative[0] == ConfigSections.Sources)
        {
            var stage = relative[1..].IndexOfAny(s_stageSections);
            if (stage < 0)
            {
                return null;
            }

            relative = relative[(stage + 1)..];
            atTop = false;
        }

        if (relative.Length < 2)
        {
            return null;
        }

        var section = relative[0];
        if (section == ConfigSections.Destination)
        {
            return relative.Length >= 3 && !s_destinationKeys.Contains(relative[2]) && Nearest(relative[2], s_destinationKeys) is { Distance: <= MaxTypoDistance } near
                ? Key(relative[2], $"{ConfigSections.Destination}.{relative[1]}", near.Name)
                : null;
        }

        if (s_sectionKeys.TryGetValue(section, out var keys))
        {
            var key = relative[1];
            if (key == ConfigSections.DataWriter && section != ConfigSections.DataWriter && relative.Length >= 3)
            {
                return s_dataWriterKeys.Contains(relative[2])
                    ? null
                    : Key(relative[2], $"{section}.{ConfigSections.DataWriter}", Nearest(relative[2], s_dataWriterKeys).Name);
            }

            return keys.Contains(key) ? null : Key(key, section, Nearest(key, keys).Name);
        }

        return atTop && Nearest(section, s_topSections) is { Distance: <= MaxTypoDistance } nearSection
            ? ($"Section [{section}]", $"The closest known section is [{nearSection.Name}].")
            : null;
    }

    private static (string Subject, string Closest) Key(string key, string section, string closest) =>
        ($"Key '{key}' of section [{section}]", $"The closest known key is '{closest}'.");

    private static (string Name, int Distance) Nearest(string text, IEnumerable<string> candidates) =>
        candidates.Select(c => (Name: c, Distance: Levenshtein(text, c))).MinBy(c => c.Distance);

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
