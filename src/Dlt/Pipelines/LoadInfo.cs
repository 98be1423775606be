using System.Globalization;
using System.Text;

namespace Dlt;

/// <summary>What a run loaded: the packages, where they went, and the rows normalized per table.</summary>
public sealed class LoadInfo
{
    internal LoadInfo(string pipelineName, Destination destination, string datasetName, IReadOnlyList<LoadPackageInfo> loadPackages, IReadOnlyDictionary<string, long> rowCounts, TimeSpan elapsed)
    {
        PipelineName = pipelineName;
        DestinationType = destination.DestinationType;
        DestinationLocation = destination.Location;
        DatasetName = datasetName;
        LoadPackages = loadPackages;
        RowCounts = rowCounts;
        Elapsed = elapsed;
    }

    /// <summary>The pipeline that ran.</summary>
    public string PipelineName { get; }

    /// <summary>The destination type, such as <c>duckdb</c>.</summary>
    public string DestinationType { get; }

    /// <summary>Where the destination stores data (a file path, or a host without credentials).</summary>
    public string DestinationLocation { get; }

    /// <summary>The dataset the tables were loaded into.</summary>
    public string DatasetName { get; }

    /// <summary>The packages loaded by this run, oldest first.</summary>
    public IReadOnlyList<LoadPackageInfo> LoadPackages { get; }

    /// <summary>Rows written by the normalizer per table in this run (dlt's own tables included).</summary>
    public IReadOnlyDictionary<string, long> RowCounts { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether any job of any package failed for good.</summary>
    public bool HasFailedJobs => LoadPackages.Any(p => p.FailedJobs > 0);

    /// <summary>A summary worded like dlt's.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Pipeline {PipelineName} load step completed in {Elapsed.TotalSeconds:0.00} seconds\n");
        text.Append(CultureInfo.InvariantCulture, $"{LoadPackages.Count} load package(s) were loaded to destination {DestinationType} and into dataset {DatasetName}\n");
        text.Append(CultureInfo.InvariantCulture, $"The {DestinationType} destination used {DestinationLocation} location to store data");
        foreach (var package in LoadPackages)
        {
            var failed = package.FailedJobs == 0 ? "contains no failed jobs" : $"contains {package.FailedJobs} failed job(s)";
            text.Append(CultureInfo.InvariantCulture, $"\nLoad package {package.LoadId} is {package.State.ToString().ToUpperInvariant()} and {failed}");
        }

        return text.ToString();
    }
}
