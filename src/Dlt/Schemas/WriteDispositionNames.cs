namespace Dlt.Schemas;

/// <summary>dlt's wire names of write dispositions.</summary>
internal static class WriteDispositionNames
{
    public static string ToDltName(WriteDisposition disposition) => disposition switch
    {
        WriteDisposition.Append => "append",
        WriteDisposition.Replace => "replace",
        WriteDisposition.Merge => "merge",
        WriteDisposition.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "Unknown write disposition."),
    };

    public static WriteDisposition Parse(string name) => name switch
    {
        "append" => WriteDisposition.Append,
        "replace" => WriteDisposition.Replace,
        "merge" => WriteDisposition.Merge,
        "skip" => WriteDisposition.Skip,
        _ => throw new FormatException($"Unknown write disposition '{name}'. Expected append, replace, merge or skip."),
    };
}
