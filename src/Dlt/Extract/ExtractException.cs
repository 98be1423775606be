namespace Dlt.Extract;

/// <summary>A resource failed, or yielded an item that cannot become a row.</summary>
internal sealed class ExtractException(string message, Exception? innerException = null) : Exception(message, innerException);
