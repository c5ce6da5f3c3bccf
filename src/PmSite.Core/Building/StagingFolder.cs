using System.Diagnostics;
using System.Runtime.InteropServices;
using PmSite.Incremental;

namespace PmSite.Building;

/// <summary>
/// A build writes into a fresh folder beside the output folder and swaps it in only when the build succeeds,
/// so a failed build leaves the previous site exactly as it was and a half-written site is never served.
/// The folder is named after the process (<c>&lt;output&gt;.building-&lt;pid&gt;-&lt;guid&gt;</c>) and carries PmSite's marker,
/// so that a later build can tell one an interrupted build left behind from one a running build is writing.
/// </summary>
public sealed class StagingFolder : SiteOutput
{
    private bool _committed;

    public StagingFolder(string outputFolder)
        : base(outputFolder)
    {
        Root = NewName(Output, Building);
        Directory.CreateDirectory(Root);
        OutputFolder.Mark(Root);
    }

    internal const string Building = "building";
    internal const string Previous = "previous";

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
    /// Replaces the output folder with the staged one. On Linux the two folders are exchanged in one atomic rename
    /// (<c>renameat2(RENAME_EXCHANGE)</c>), so the output path always names a whole site; where the system or file system
    /// cannot, two renames back to back (old aside, new in), the second undone if it fails. The previous folder is then
    /// deleted, or left to a background task (<see cref="DeleteInBackground"/>, for a long-running preview whose next
    /// rebuild should not wait for it).
    /// </summary>
    public override void Commit()
    {
        if (!Directory.Exists(Output))
        {
            Directory.Move(Root, Output);
            _committed = true;
            return;
        }

        string previous;
        if (Exchange.TrySwap(Root, Output))
        {
            // The staging folder's name now holds the previous site.
            previous = Root;
        }
        else
        {
            previous = NewName(Output, Previous);
            Directory.Move(Output, previous);
            try
            {
                Directory.Move(Root, Output);
            }
            catch
            {
                Directory.Move(previous, Output);
                throw;
            }
        }

        _committed = true;
        if (DeleteInBackground)
        {
            _ = Task.Run(() => DeleteQuietly(previous));
        }
        else
        {
            DeleteQuietly(previous);
        }
    }

    /// <summary>Whether <see cref="Commit"/> leaves the previous folder to a background deletion.</summary>
    public bool DeleteInBackground { get; init; }

    /// <summary>A new name beside the output for a folder of this process: <c>&lt;output&gt;.&lt;kind&gt;-&lt;pid&gt;-&lt;guid&gt;</c>.</summary>
    internal static string NewName(string output, string kind) => $"{output}.{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>
    /// Deletes the staging and previous folders that interrupted builds left beside the output: only those that carry
    /// PmSite's marker (or are empty) and whose process is gone, so a running build's folder and folders PmSite did not
    /// make are left alone.
    /// </summary>
    public static void DeleteLeftovers(string outputFolder)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(output);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }

        var name = Path.GetFileName(output);
        foreach (var kind in new[] { Building, Previous })
        {
            var prefix = $"{name}.{kind}-";
            foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
            {
                var rest = Path.GetFileName(folder)[prefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                    || IsRunning(pid) || new DirectoryInfo(folder).LinkTarget is not null)
                {
                    continue;
                }

                if (OutputFolder.IsMarked(folder))
                {
                    DeleteQuietly(folder);
                }
                else
                {
                    // Interrupted between making the folder and marking it: only an empty one is surely ours to remove.
                    try
                    {
                        Directory.Delete(folder);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Not empty, or not ours to delete.
                    }
                }
            }
        }
    }

    /// <summary>Removes the staged files unless they were committed.</summary>
    public override void Dispose()
    {
        if (!_committed && Directory.Exists(Root))
        {
            // A failure here must not hide the one that stopped the build; the folder is marked, so the next build removes it.
            DeleteQuietly(Root);
        }

        base.Dispose();
    }

    /// <summary>
    /// Deletes a folder of PmSite's, its marker last: a deletion interrupted half way leaves a folder still marked, which the
    /// next build recognises and finishes deleting. Errors leave the rest for that next build.
    /// </summary>
    internal static void DeleteQuietly(string folder)
    {
        try
        {
            var marker = Path.Combine(folder, OutputFolder.MarkerName);
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo { LinkTarget: null } directory)
                {
                    directory.Delete(recursive: true);
                }
                else if (entry.FullName != marker)
                {
                    entry.Delete();
                }
            }

            File.Delete(marker);
            Directory.Delete(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another deletion got there first, or the file system refused: left for the next build.
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The atomic exchange of two folders, where the system offers one.</summary>
    internal static class Exchange
    {
        private const int AtCurrentFolder = -100;
        private const uint RenameExchange = 2;

        /// <summary>Exchanges two existing folders in one step; false when the system or file system cannot.</summary>
        public static bool TrySwap(string first, string second)
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            try
            {
                return renameat2(AtCurrentFolder, first, AtCurrentFolder, second, RenameExchange) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA5392 // A plain P/Invoke keeps the project free of unsafe code; libc is a system library.
        private static extern int renameat2(int oldFolder, string oldPath, int newFolder, string newPath, uint flags);
#pragma warning restore SYSLIB1054, CA5392
    }
}
