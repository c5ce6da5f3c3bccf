namespace PmSite.Building;

/// <summary>
/// One build at a time per output folder: a lock on a file beside it (<c>&lt;output&gt;.lock</c>, kept, empty) held for the
/// whole build and released by the system when the process ends, however it ends. A second build fails at once rather
/// than waits: it would only replace the site the first is about to swap in, and a build waiting behind a preview server
/// would wait for as long as the preview runs.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    // Windows reports a lock held as ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION; Unix as EWOULDBLOCK from flock.
    private const int SharingViolation = 32;
    private const int LockViolation = 33;
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;

    private readonly FileStream _file;

    private OutputLock(FileStream file) => _file = file;

    /// <summary>The lock file of an output folder (a full path without a trailing separator).</summary>
    public static string PathFor(string output) => output + ".lock";

    /// <summary>Takes the output folder's lock, or throws an <see cref="OutputFolderException"/> when another build holds it.</summary>
    public static OutputLock Take(string output)
    {
        var path = PathFor(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None is an exclusive lock: LockFileEx on Windows, flock on Unix (per open file, so a second build in
            // the same process is refused as well).
            return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException ex) when (IsHeld(ex))
        {
            throw new OutputFolderException(
                $"another build (pmsite build or serve) is writing the output folder '{output}' (it holds '{path}'); try again when it is done",
                isUsageError: false);
        }
    }

    public void Dispose() => _file.Dispose();

    private static bool IsHeld(IOException ex) =>
        OperatingSystem.IsWindows() ? (ex.HResult & 0xFFFF) is SharingViolation or LockViolation
        : ex.HResult == (OperatingSystem.IsLinux() ? WouldBlockLinux : WouldBlockBsd);
}
