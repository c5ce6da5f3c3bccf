using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>
/// Where a relative link of a post-mortem leads: a file of the input folder (its path relative to the input folder),
/// outside the input folder, or nowhere. Symbolic links are followed to their real paths before deciding, so a link inside
/// the folder to a file outside it is outside; nothing is read here.
/// </summary>
internal readonly record struct LinkTarget(string? Relative, bool Outside)
{
    private static readonly LinkTarget s_missing = new(null, false);
    private static readonly LinkTarget s_outside = new(null, true);

    /// <summary>
    /// The file path a link's URL names, unescaped and without its "#…" or "?…" (<paramref name="cut"/> is where that
    /// began, or -1); null for a web or mail link, a fragment, or a URL the <see cref="Rendering.UrlPolicy"/> refuses, which
    /// is rendered inert where it stands. A bare host name (<see cref="Rendering.BareHost"/>) is a path here, to be
    /// looked for as a file first.
    /// </summary>
    public static string? PathOf(string url, out int cut)
    {
        cut = -1;
        var isWeb = url.Contains("://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
        if (isWeb || (!Rendering.UrlPolicy.IsAllowed(url) && Rendering.BareHost.UrlOf(url) is null))
        {
            return null;
        }

        cut = url.IndexOfAny(['#', '?']);
        var target = Uri.UnescapeDataString(cut >= 0 ? url[..cut] : url);
        return target.Length == 0 ? null : target;
    }

    /// <summary>
    /// Finds <paramref name="target"/> (unescaped, without query or fragment) linked from <paramref name="source"/> (relative to
    /// the input folder). A path starting with '/' is read from the input folder's root, as Git hosts show it, never from
    /// the file system's root: where it is not there, it is outside.
    /// </summary>
    public static LinkTarget Find(InputFolder input, string source, string target)
    {
        // A NUL (from "%00") is in no file's name, and would make the path functions throw.
        if (target.Contains('\0', StringComparison.Ordinal))
        {
            return s_missing;
        }

        var absolute = target.StartsWith('/') || target.StartsWith('\\');
        var directory = absolute ? "" : Path.GetDirectoryName(source) ?? "";
        var full = Path.GetFullPath(Path.Combine(input.Root, directory, target.TrimStart('/', '\\')));
        var relative = input.Relative(full);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return s_outside;
        }

        var real = InputFolder.RealPath(full);
        if (real is null || !File.Exists(real))
        {
            return absolute ? s_outside : s_missing;
        }

        var root = InputFolder.RealPath(input.Root) ?? input.Root;
        return real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? new LinkTarget(relative, false)
            : s_outside;
    }

    /// <summary>
    /// What a link to no file of the input folder becomes, with its warning: a bare host name its web link
    /// (<c>bare-host-link</c>); else inert text marked as missing, the target lying outside the input folder
    /// (<c>outside-link</c>) or nowhere (<c>missing-link</c>). <paramref name="line"/> is the link's 1-based file line.
    /// </summary>
    public string Unresolved(string url, string file, int line, DiagnosticBag diagnostics)
    {
        if (!Outside && BareHost.UrlOf(url) is { } web)
        {
            diagnostics.Warning(file, line, "bare-host-link", $"link target '{url}' is no file of the input folder but a host name; it links to {web}");
            return web;
        }

        if (Outside)
        {
            diagnostics.Warning(file, line, "outside-link",
                $"link target '{url}' lies outside the input folder; it is shown as text, and nothing outside the input folder is read");
            return MissingLink.Of($"Missing: {url} lies outside the input folder");
        }

        diagnostics.Warning(file, line, "missing-link", $"link target '{url}' does not exist; it is shown as text marked as missing");
        return MissingLink.Of($"Missing: {url} is not in the input folder");
    }
}
