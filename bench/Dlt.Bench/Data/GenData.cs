using System.Diagnostics;
using System.Globalization;

namespace Dlt.Bench.Data;

/// <summary>
/// Runs the shared generator <c>shared/bench/gen_data.py</c> (standard-library Python): found
/// through <see cref="EnvironmentVariable"/>, else in a <c>shared/bench</c> folder beside the
/// repository or one of its parents.
/// </summary>
internal static class GenData
{
    public const string EnvironmentVariable = "DLT_BENCH_GEN_DATA";

    public static void Write(string kind, long records, string path)
    {
        var temp = path + ".tmp";
        var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { Script(), "--kind", kind, "--n", records.ToString(CultureInfo.InvariantCulture), "--seed", "1", "--out", temp })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started.");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gen_data.py --kind {kind} --n {records} failed ({process.ExitCode}): {errors}");
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string Script()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "gen_data.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"gen_data.py not found in a shared/bench folder above {AppContext.BaseDirectory}: set {EnvironmentVariable} to its path.");
    }
}
