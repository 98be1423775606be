using Dlt.Bench.Runner;

// The parent runs every workload, each variant in a child process of this same executable
// (`--run <workload> <variant> ...`), and prints the table; see bench/README.md.
if (args is ["--run", ..])
{
    return await ChildRun.RunAsync(args).ConfigureAwait(false);
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await BenchRunner.RunAsync(options).ConfigureAwait(false);
