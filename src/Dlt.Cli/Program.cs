using Dlt.Cli;

return await CliApp.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), CancellationToken.None).ConfigureAwait(false);
