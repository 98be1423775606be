namespace Dlt.Cli;

/// <summary>A failure the user can fix (a missing pipeline, a bad argument); printed as one line without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
