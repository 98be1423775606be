namespace Dlt.Storage;

/// <summary>
/// Told, on the extracting thread, when an extract file gains a flushed member (readable from
/// then on) and when a file is closed, so normalize can start before extract ends.
/// </summary>
internal interface IExtractFileObserver
{
    /// <summary>A member was appended to its file and handed to the operating system.</summary>
    void MemberWritten(FileSegment member);

    /// <summary>The file at <paramref name="path"/> is complete: no member follows.</summary>
    void FileClosed(string path);
}
