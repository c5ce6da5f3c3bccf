using System.Collections.Concurrent;

namespace PmSite.Building;

/// <summary>
/// A build writes into a fresh folder beside the output folder and swaps it in only when the build succeeds,
/// so a failed build leaves the previous site exactly as it was and a half-written site is never served.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);
    private int _files;
    private bool _committed;

    public StagingFolder(string outputFolder)
    {
        Output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        Root = $"{Output}.building-{Guid.NewGuid():N}";
        Directory.CreateDirectory(Root);
    }

    public string Output { get; }

    public string Root { get; }

    public int FileCount => _files;

    /// <summary>The full path of a site path, refusing anything that would land outside the folder or twice.</summary>
    public string PathOf(string destination)
    {
        var path = Path.GetFullPath(Path.Combine(Root, destination));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{destination}': it is outside the output folder");
        }

        if (!_written.TryAdd(path, true))
        {
            throw new InvalidOperationException($"two pages would be written to '{destination}'");
        }

        return path;
    }

    public void Count() => Interlocked.Increment(ref _files);

    /// <summary>
    /// Replaces the output folder with the staged one: two renames, so the switch is near-atomic. The previous folder
    /// is then deleted, or left to a background task (<paramref name="deleteInBackground"/>, for a long-running preview
    /// whose next rebuild should not wait for it).
    /// </summary>
    public void Commit(bool deleteInBackground = false)
    {
        var previous = $"{Output}.previous-{Guid.NewGuid():N}";
        var hadOutput = Directory.Exists(Output);
        if (hadOutput)
        {
            Directory.Move(Output, previous);
        }

        Directory.Move(Root, Output);
        _committed = true;
        if (hadOutput && deleteInBackground)
        {
            _ = Task.Run(() => DeleteLeftovers(Output));
        }
        else if (hadOutput)
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>Deletes previous output folders that a background deletion or an interrupted build left beside the output.</summary>
    public static void DeleteLeftovers(string outputFolder)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(output);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent, Path.GetFileName(output) + ".previous-*"))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Another deletion got there first.
            }
            catch (UnauthorizedAccessException)
            {
                // Left for the next time.
            }
        }
    }

    /// <summary>Removes the staged files unless they were committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
