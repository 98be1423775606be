namespace Dlt.Load;

/// <summary>A load job failed for good; the message names the table, the file and the destination's reason.</summary>
internal sealed class LoadJobFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
