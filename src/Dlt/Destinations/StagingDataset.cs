namespace Dlt.Destinations;

/// <summary>
/// dlt's staging dataset (reference §5): merge tables load into tables of the same name in
/// <c>&lt;dataset&gt;_staging</c> first (<c>staging_dataset_name_layout = "%s_staging"</c>).
/// </summary>
internal static class StagingDataset
{
    public const string DefaultLayout = "%s_staging";

    /// <summary>The staging dataset of <paramref name="dataset"/>; a layout without <c>%s</c> is a fixed name.</summary>
    public static string Name(string dataset, string layout = DefaultLayout) =>
        layout.Contains("%s", StringComparison.Ordinal) ? layout.Replace("%s", dataset, StringComparison.Ordinal) : layout;
}
