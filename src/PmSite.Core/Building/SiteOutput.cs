using System.Collections.Concurrent;

namespace PmSite.Building;

/// <summary>
/// Where a build's files go. Nothing a build writes reaches the output folder before <see cref="Commit"/>, which the
/// build calls only when it found no error: a failed build leaves the previous site exactly as it was. Two ways:
/// <see cref="StagingFolder"/> writes the whole site into a new folder and swaps it in; <see cref="OutputUpdate"/>
/// (for the rebuilds of a preview) sets aside only the files whose bytes changed and then replaces them one by one.
/// </summary>
public abstract class SiteOutput : IDisposable
{
    private readonly ConcurrentDictionary<string, bool> _claimed = new(StringComparer.Ordinal);
    private int _files;

    protected SiteOutput(string outputFolder)
    {
        Output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <summary>The output folder, as a full path without a trailing separator.</summary>
    public string Output { get; }

    /// <summary>How many files the build produced (written, linked or found unchanged).</summary>
    public int FileCount => _files;

    /// <summary>The site paths (forward slashes) this build produced, once it is done.</summary>
    public ICollection<string> Destinations => _claimed.Keys;

    /// <summary>Writes a file with <paramref name="write"/> filling its content.</summary>
    public abstract void Write(string destination, Action<Stream> write);

    /// <summary>Writes a file with the given bytes.</summary>
    public abstract void Write(string destination, byte[] bytes);

    /// <summary>
    /// Copies <paramref name="source"/> as it is; <paramref name="unchangedPage"/> says it is a page of the previous
    /// output that the page cache found unchanged (so it may be linked or, when it is already in place, left alone).
    /// </summary>
    public abstract void Copy(string destination, string source, bool unchangedPage);

    /// <summary>Puts the build's files in place of the previous output. Called only when the build succeeded.</summary>
    public abstract void Commit();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>
    /// Normalises a site path and claims it for this build, refusing anything that would land outside the folder or
    /// twice; returns the path relative to the folder, with forward slashes.
    /// </summary>
    protected string Claim(string destination)
    {
        var path = Path.GetFullPath(Path.Combine(Output, destination));
        if (!path.StartsWith(Output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{destination}': it is outside the output folder");
        }

        var relative = Path.GetRelativePath(Output, path).Replace('\\', '/');
        if (!_claimed.TryAdd(relative, true))
        {
            throw new InvalidOperationException($"two pages would be written to '{destination}'");
        }

        Interlocked.Increment(ref _files);
        return relative;
    }
}
