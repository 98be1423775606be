namespace Dlt.Normalize;

/// <summary>A value or row cannot be normalized into the schema; the message names the table and column.</summary>
internal sealed class NormalizeException(string message, Exception? innerException = null) : Exception(message, innerException);
