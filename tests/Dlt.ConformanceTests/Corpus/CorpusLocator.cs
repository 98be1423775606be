namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// Finds the corpus: <c>DLT_CONFORMANCE_DIR</c> when set; otherwise <c>../shared/conformance</c> beside the
/// repository root when it exists or when <c>CI=true</c> (where it must exist).
/// </summary>
internal static class CorpusLocator
{
    public const string EnvironmentVariable = "DLT_CONFORMANCE_DIR";

    public static CorpusLocation Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured);
            return new CorpusLocation(path, Required: true, $"{EnvironmentVariable}={path}");
        }

        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var root = FindRepositoryRoot();
        if (root is null)
        {
            return new CorpusLocation(null, isCi, $"no repository root (Dlt.slnx) above {AppContext.BaseDirectory}");
        }

        var beside = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance"));
        return Directory.Exists(beside) || isCi
            ? new CorpusLocation(beside, isCi, $"{beside}, beside the repository root")
            : new CorpusLocation(null, Required: false, $"{beside} does not exist");
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dlt.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
