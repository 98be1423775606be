namespace Dlt.Load;

/// <summary>A job failed transiently <c>load.raise_on_max_retries</c> times in a row; its package stays pending.</summary>
internal sealed class LoadJobRetryException(string message, Exception? innerException = null) : Exception(message, innerException);
