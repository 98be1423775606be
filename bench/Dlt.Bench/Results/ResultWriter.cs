using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Dlt.Bench.Results;

/// <summary>Writes the rows as JSON (a list of objects) and as a markdown table headed by the machine and the GC mode.</summary>
internal static class ResultWriter
{
    public static void WriteJson(string path, IReadOnlyList<ResultRow> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(rows, ResultJson.Indented) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteMarkdown(string path, string markdown)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
    }

    /// <summary>The machine, runtime and GC mode the figures come from.</summary>
    public static string Machine(bool quick)
    {
        var memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")} {(IsConcurrentGc() ? "concurrent" : "non-concurrent")}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(quick ? "quick" : "full")} run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, {memoryGb:0.#} GiB RAM, " +
            $"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {gc} GC");
    }

    public static string Markdown(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | variant | rows | s | rows/s | cpu s | peak RSS MB | disk MB | extract s | normalize s | load s | baseline | ratio | note |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|---|");
        foreach (var row in rows)
        {
            var note = row.Error is { } error
                ? "FAILED: " + error.Replace('|', '/')
                : row.CpuSpinRatio is { } spin ? string.Create(CultureInfo.InvariantCulture, $"machine 1-vs-2-thread spin ratio {spin:0.00}x")
                : row.RunSeconds is { } runs ? $"median of {runs.Count} runs: {string.Join(" / ", runs.Select(s => Number(s, "0.00")))} s"
                : "";
            text.AppendLine(string.Join(" | ",
            [
                "| " + row.Workload,
                row.Variant,
                Count(row.Rows),
                Number(row.Seconds, "0.00"),
                Number(row.RowsPerS, "#,0"),
                Number(row.CpuS, "0.0"),
                Number(row.PeakRssMb, "#,0"),
                Number(row.BytesOnDisk / (1024.0 * 1024), "#,0.0"),
                Number(row.StageSeconds.Extract, "0.00"),
                Number(row.StageSeconds.Normalize, "0.00"),
                Number(row.StageSeconds.Load, "0.00"),
                row.Baseline ?? "",
                row.Ratio is { } ratio ? Number(ratio, "0.00") + "x" : "",
                note + " |",
            ]));
        }

        return text.ToString();
    }

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    // The runtimeconfig.json setting (a string or a bool, depending on the host); on by default.
    private static bool IsConcurrentGc() => AppContext.GetData("System.GC.Concurrent") switch
    {
        bool concurrent => concurrent,
        string text when bool.TryParse(text, out var concurrent) => concurrent,
        _ => true,
    };
}
