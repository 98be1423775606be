using System.Text.Json;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// Normalizes one extracted package into a load package: every typed JSON lines file becomes
/// Parquet files per table under <c>load/new/&lt;load_id&gt;</c>, which is renamed to
/// <c>load/normalized/&lt;load_id&gt;</c> once complete; the extracted package is then deleted.
/// </summary>
internal sealed class PackageNormalizer(PipelineDirectories directories, WriterSettings settings)
{
    /// <summary>Normalizes the extracted package <paramref name="loadId"/>; <paramref name="schema"/> (the pipeline's live schema, with the package's hints merged in) evolves as rows arrive.</summary>
    public NormalizedPackage Normalize(string loadId, Schema schema, CancellationToken cancellationToken)
    {
        var extracted = Path.Combine(directories.Extracted, loadId);
        var target = Path.Combine(directories.LoadNew, loadId);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        PackageFolders.Create(target);
        var jobs = Path.Combine(target, PackageFolders.NewJobs);
        var writers = new Dictionary<string, TableFileWriter>(StringComparer.Ordinal);
        var changes = new SchemaChanges();
        var normalizer = new RelationalNormalizer(schema, loadId, new NameCache(schema.Naming), changes, table =>
        {
            if (!writers.TryGetValue(table.Name, out var writer))
            {
                writer = new TableFileWriter(table, jobs, settings);
                writers[table.Name] = writer;
            }

            return writer;
        });

        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(extracted, PackageFolders.NewJobs)).Order(StringComparer.Ordinal))
            {
                NormalizeFile(normalizer, file, cancellationToken);
            }

            foreach (var writer in writers.Values)
            {
                writer.Complete();
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }
        }

        schema.BumpVersion();
        SchemaJson.Save(schema, Path.Combine(target, PackageFolders.SchemaFile));
        WriteSchemaUpdates(Path.Combine(target, PackageFolders.SchemaUpdatesFile), changes);
        var packageState = Path.Combine(extracted, PackageFolders.PackageStateFile);
        if (File.Exists(packageState))
        {
            File.Copy(packageState, Path.Combine(target, PackageFolders.PackageStateFile));
        }

        DurableFiles.FlushTree(target);
        DurableFiles.MoveDirectory(target, Path.Combine(directories.Normalized, loadId));
        Directory.Delete(extracted, recursive: true);
        return new NormalizedPackage(loadId, schema, writers.ToDictionary(w => w.Key, w => w.Value.RowCount));
    }

    private static void NormalizeFile(RelationalNormalizer normalizer, string file, CancellationToken cancellationToken)
    {
        var table = JobFileName.Parse(Path.GetFileName(file)).Table;
        using var reader = new JsonLinesReader(file);
        var line = 0L;
        while (reader.TryReadLine(out var utf8))
        {
            line++;
            if ((line & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            try
            {
                using var document = JsonDocument.Parse(utf8);
                normalizer.NormalizeItem(document.RootElement, table);
            }
            catch (Exception ex) when (ex is JsonException or NormalizeException or FormatException)
            {
                throw new NormalizeException($"Item at line {line} of '{Path.GetFileName(file)}' (table '{table}'): {ex.Message}", ex);
            }
        }
    }

    private static void WriteSchemaUpdates(string path, SchemaChanges changes)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        foreach (var (table, columns) in changes.Columns)
        {
            writer.WriteStartArray(table);
            foreach (var column in columns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
