using System.Diagnostics;

namespace Dlt.IntegrationTests.Cli;

/// <summary>Runs the <c>dlt</c> tool (the built Dlt.Cli.dll) as a real process and captures its output and exit code.</summary>
internal static class CliProcess
{
    /// <summary>The tool's own build output (bin/&lt;configuration&gt;/net10.0 of src/Dlt.Cli), so it runs with its own dependencies.</summary>
    private static readonly string s_dll = FindCliDll();

    private static string FindCliDll()
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = build.Parent!.Name;
        for (var folder = build; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dlt.slnx")))
            {
                return Path.Combine(folder.FullName, "src", "Dlt.Cli", "bin", configuration, build.Name, "Dlt.Cli.dll");
            }
        }

        throw new InvalidOperationException($"No Dlt.slnx above {AppContext.BaseDirectory}: cannot find the dlt tool's build.");
    }

    /// <summary>Runs <c>dlt <paramref name="args"/></c> in <paramref name="workingDirectory"/> with DLT_DATA_DIR there too.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [s_dll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DLT_DATA_DIR"] = Path.Combine(workingDirectory, "data");
        start.Environment["RUNTIME__LOG_LEVEL"] = "WARNING";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, args, stdin: null);
}

/// <summary>What a <c>dlt</c> process printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
