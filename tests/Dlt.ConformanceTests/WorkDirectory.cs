namespace Dlt.ConformanceTests;

/// <summary>
/// A fresh temporary folder for one case (pipelines dir and DuckDB file), deleted on dispose unless
/// <c>DLT_CONFORMANCE_KEEP_OUTPUT=1</c> asks to keep it for inspection.
/// </summary>
internal sealed class WorkDirectory : IDisposable
{
    public const string KeepVariable = "DLT_CONFORMANCE_KEEP_OUTPUT";

    public WorkDirectory(string caseId)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dlt-conformance", $"{caseId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static bool Keep => Environment.GetEnvironmentVariable(KeepVariable) == "1";

    /// <summary>Where the output can be found, or how to keep it, for failure messages.</summary>
    public string Advice => Keep
        ? $"Output kept in {Path}"
        : $"Set {KeepVariable}=1 to keep the DuckDB file and the pipeline folder for inspection.";

    public void Dispose()
    {
        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A database still held open by the pipeline; the OS temp cleanup takes it later.
        }
    }
}
