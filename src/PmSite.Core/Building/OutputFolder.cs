namespace PmSite.Building;

/// <summary>
/// Which folders a build may replace. Every output folder PmSite makes carries <see cref="MarkerName"/>; a build replaces
/// only a folder that carries it, or an empty one, so it never deletes what it did not write. The input, the theme, the
/// working folder and its ancestors and the home folder are never an output, whatever symbolic links lead there: paths are
/// compared as the file system resolves them.
/// </summary>
public static class OutputFolder
{
    /// <summary>The file that marks a folder as PmSite's output (and a staging folder as PmSite's).</summary>
    public const string MarkerName = ".pmsite-output";

    // Linux gives up after 40 links in a path (ELOOP); so do we.

    // The marker is published with the site, so it says nothing but what it is: no path, version or time (the same input
    // still gives byte-identical output).
    private static readonly byte[] s_marker =
        "This folder was made by PmSite. Each build replaces it as a whole; without this file PmSite refuses to.\n"u8.ToArray();

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Marks <paramref name="folder"/> as PmSite's.</summary>
    internal static void Mark(string folder) => File.WriteAllBytes(Path.Combine(folder, MarkerName), s_marker);

    /// <summary>Whether <paramref name="folder"/> carries PmSite's marker.</summary>
    internal static bool IsMarked(string folder) => File.Exists(Path.Combine(folder, MarkerName));

    /// <summary>
    /// Checks that a build may replace <paramref name="output"/> and returns its full path; throws an
    /// <see cref="OutputFolderException"/> naming the path otherwise.
    /// </summary>
    /// <param name="output">The output folder as given (on the command line).</param>
    /// <param name="input">The input folder.</param>
    /// <param name="theme">The theme folder.</param>
    /// <param name="workingFolder">The working folder (default: the process's).</param>
    /// <param name="home">The user's home folder (default: the process's user's).</param>
    public static string Check(string output, string input, string theme, string? workingFolder = null, string? home = null)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new OutputFolderException("--output is empty: give the folder the site is written to");
        }

        string full;
        try
        {
            full = Path.GetFullPath(output);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputFolderException($"--output '{output}' is not a usable path: {ex.Message}");
        }

        if (full.Length > Path.GetPathRoot(full)!.Length)
        {
            full = full.TrimEnd(Path.DirectorySeparatorChar);
        }

        var real = RealPath(full, output);
        if (new FileInfo(full).LinkTarget is not null)
        {
            // Replacing the link would leave the folder it points to as it was: say where to build instead.
            throw new OutputFolderException($"the output folder '{output}' is a symbolic link; give the folder it points to, '{real}'");
        }

        var existing = full;
        while (!Directory.Exists(existing) && !File.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        if (File.Exists(existing))
        {
            throw new OutputFolderException(existing == full
                ? $"the output folder '{output}' is a file, not a folder"
                : $"the output folder '{output}' cannot be made: '{existing}' is a file");
        }

        Refuse(real, RealPath(input, input), output, $"the input folder '{input}'");
        Refuse(real, RealPath(theme, theme), output, $"the theme folder '{theme}'");
        var working = RealPath(workingFolder ?? Environment.CurrentDirectory, "the working folder");
        if (Inside(real, working))
        {
            throw new OutputFolderException($"the output folder '{output}' is the working folder or holds it; choose another --output");
        }

        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && Inside(real, RealPath(home, home)))
        {
            throw new OutputFolderException($"the output folder '{output}' is the home folder or holds it; choose another --output");
        }

        if (Directory.Exists(full) && !IsMarked(full) && HasEntries(full, output))
        {
            throw new OutputFolderException(LooksLikeAnEarlierSite(full)
                ? $"'{output}' looks like a site an earlier PmSite built, before it marked its output folders with {MarkerName}: " +
                  "delete that folder (or move it away) and build again, or choose another --output"
                : $"the output folder '{output}' is not empty and PmSite did not make it (there is no {MarkerName} in it): " +
                  "choose a new or empty folder; PmSite replaces the output folder as a whole and never deletes what it did not write");
        }

        return full;
    }

    /// <summary>
    /// The path with every symbolic link in it resolved (as far as it exists; the rest is appended as it is). A loop of
    /// links is an <see cref="OutputFolderException"/> naming <paramref name="shown"/>.
    /// </summary>
    internal static string RealPath(string path, string shown) =>
        Files.RealPath.Resolve(path, out _) ?? throw new OutputFolderException($"'{shown}' leads through a loop of symbolic links");

    /// <summary>Refuses an output that is <paramref name="folder"/>, is inside it, or holds it.</summary>
    private static void Refuse(string output, string folder, string shown, string what)
    {
        if (Inside(folder, output))
        {
            throw new OutputFolderException($"the output folder '{shown}' is {what} or inside it; choose another --output");
        }

        if (Inside(output, folder))
        {
            throw new OutputFolderException($"the output folder '{shown}' holds {what}; choose another --output");
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both real, full paths).</summary>
    internal static bool Inside(string folder, string path)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.Equals(folder, PathComparison) || path.StartsWith(prefix, PathComparison);
    }

    private static bool HasEntries(string folder, string shown)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(folder).Any();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"the output folder '{shown}' cannot be read: {ex.Message}");
        }
    }

    // What every site PmSite builds has had: the home page, the incident pages and the action-item export.
    private static bool LooksLikeAnEarlierSite(string folder) =>
        File.Exists(Path.Combine(folder, "index.html")) && Directory.Exists(Path.Combine(folder, "incidents"))
        && File.Exists(Path.Combine(folder, "action-items.json"));
}
