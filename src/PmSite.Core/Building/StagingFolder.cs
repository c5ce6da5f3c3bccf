using PmSite.Incremental;

namespace PmSite.Building;

/// <summary>
/// A build writes into a fresh folder beside the output folder and swaps it in only when the build succeeds,
/// so a failed build leaves the previous site exactly as it was and a half-written site is never served.
/// </summary>
public sealed class StagingFolder : SiteOutput
{
    private bool _committed;

    public StagingFolder(string outputFolder)
        : base(outputFolder)
    {
        Root = $"{Output}.building-{Guid.NewGuid():N}";
        Directory.CreateDirectory(Root);
        OutputFolder.Mark(Root);
    }

    public string Root { get; }

    public override void Write(string destination, Action<Stream> write)
    {
        using var file = NewFile(destination);
        write(file);
    }

    public override void Write(string destination, byte[] bytes)
    {
        using var file = NewFile(destination);
        file.Write(bytes);
    }

    /// <summary>
    /// A new file, unbuffered (the writers buffer). The folder starts empty and each path is claimed once, so files are
    /// created rather than truncated: truncating a file, even an empty one, makes ext4 start writing it back as it closes.
    /// </summary>
    private FileStream NewFile(string destination) =>
        new(Create(destination), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);

    public override void Copy(string destination, string source, bool unchangedPage)
    {
        // An unchanged page of the previous output is linked, not written again; anything else is copied.
        var path = Create(destination);
        if (!unchangedPage || !HardLink.TryCreate(source, path))
        {
            File.Copy(source, path, overwrite: true);
        }
    }

    /// <summary>The full path of a site path in the staging folder, with its folder created.</summary>
    private string Create(string destination)
    {
        var path = Path.Combine(Root, Claim(destination));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Replaces the output folder with the staged one: two renames, so the switch is near-atomic. The previous folder
    /// is then deleted, or left to a background task (<see cref="DeleteInBackground"/>, for a long-running preview
    /// whose next rebuild should not wait for it).
    /// </summary>
    public override void Commit()
    {
        var previous = $"{Output}.previous-{Guid.NewGuid():N}";
        var hadOutput = Directory.Exists(Output);
        if (hadOutput)
        {
            Directory.Move(Output, previous);
        }

        try
        {
            Directory.Move(Root, Output);
        }
        catch when (hadOutput)
        {
            // The previous site goes back: a failed switch must not leave the output path empty.
            Directory.Move(previous, Output);
            throw;
        }

        _committed = true;
        if (hadOutput && DeleteInBackground)
        {
            _ = Task.Run(() => DeleteLeftovers(Output));
        }
        else if (hadOutput)
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>Whether <see cref="Commit"/> leaves the previous folder to a background deletion.</summary>
    public bool DeleteInBackground { get; init; }

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
    public override void Dispose()
    {
        if (!_committed && Directory.Exists(Root))
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A failure here must not hide the one that stopped the build.
            }
        }

        base.Dispose();
    }
}
