namespace PmSite.Files;

/// <summary>
/// A path with every symbolic link on it resolved one part at a time, as the operating system follows them: what
/// PmSite compares when it decides that a file lies inside the input folder or that an output is not the input.
/// </summary>
internal static class RealPath
{
    /// <summary>As many links as one path may pass through before it counts as a loop (Linux's own limit).</summary>
    public const int MaxLinks = 40;

    /// <summary>
    /// The real path of <paramref name="path"/>: its existing parts resolved, the parts that do not exist appended as
    /// written (<paramref name="missing"/> then true). Null when the links go round or pass <see cref="MaxLinks"/>.
    /// </summary>
    public static string? Resolve(string path, out bool missing)
    {
        missing = false;
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>();
        Push(pending, full[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                missing |= !File.Exists(next) && !Directory.Exists(next);
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // A relative target is resolved from the link's folder; an absolute one starts again at its root.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        return current.Length > 1 ? current.TrimEnd(Path.DirectorySeparatorChar) : current;
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
