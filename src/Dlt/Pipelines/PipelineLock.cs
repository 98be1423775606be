namespace Dlt.Pipelines;

/// <summary>An exclusive lock on a pipeline's working dir, held while a step runs, so that a second process gets a clear error.</summary>
internal sealed class PipelineLock : IDisposable
{
    private readonly FileStream _file;

    private PipelineLock(FileStream file) => _file = file;

    public static PipelineLock Acquire(string lockFile, string pipelineName)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        try
        {
            return new PipelineLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Pipeline '{pipelineName}' is in use by another process (lock '{lockFile}'). Wait for it to finish, or give this pipeline another name.", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
