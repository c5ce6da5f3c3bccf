using System.IO.Enumeration;
using System.Text;
using PmSite.Diagnostics;

namespace PmSite.Content;

/// <summary>
/// The knowledge-base folder: where post-mortems, reading lists and pages are, and which files are post-mortems.
/// A folder without <c>post-mortems/</c> is read as a plain folder of post-mortems (as real repositories are).
/// Every file and folder PmSite reads from it is found through <see cref="Files"/> or checked with <see cref="MayRead"/>:
/// a symbolic link whose real path lies outside the input folder is never followed.
/// </summary>
public sealed class InputFolder(string root)
{
    // Throws on invalid bytes instead of replacing them, so that binary files are reported rather than read.
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    // As Linux's own limit on links followed in one path, so a loop ends.

    private string? _realRoot;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The input folder with every symbolic link on its path resolved, against which real paths are compared.</summary>
    private string RealRoot => _realRoot ??= RealPath(Root) ?? Root;

    public string PostMortemRoot => Directory.Exists(Path.Combine(Root, "post-mortems")) ? Path.Combine(Root, "post-mortems") : Root;

    public string ReadingListRoot => Path.Combine(Root, "reading-lists");

    public string PagesRoot => Path.Combine(Root, "pages");

    /// <summary>Path relative to the input folder with forward slashes, as diagnostics name files.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>
    /// Candidate post-mortem files, in a stable order. Markdown files, PDFs and extension-less text files are candidates;
    /// READMEs, licences and templates are skipped with a note.
    /// </summary>
    public IReadOnlyList<string> PostMortemFiles(DiagnosticBag diagnostics)
    {
        var root = PostMortemRoot;
        var underRoot = root != Root;
        var files = new List<string>();
        foreach (var path in Files(root, recursive: true, diagnostics))
        {
            var relative = Relative(path);
            if (relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            // In a knowledge base laid out as PRODUCT.md describes, only post-mortems/ holds post-mortems.
            if (!underRoot && IsKnowledgeBaseFile(relative))
            {
                continue;
            }

            var name = Path.GetFileName(path);
            var ext = Path.GetExtension(name).ToLowerInvariant();
            var markdown = ext is ".md" or ".markdown" or ".mdx";
            var pdf = ext == ".pdf";
            if (!markdown && !pdf && ext.Length > 0)
            {
                continue;
            }

            if (name.StartsWith("readme", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("license", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("licence", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("changelog", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("contributing", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Note(relative, 0, "skipped", "not a post-mortem: a README, licence or similar");
                continue;
            }

            // Static-site generators' and books' index pages (Hugo, Docusaurus, MkDocs, GitBook, mdBook) list the reports.
            if (IsIndexPage(path, name))
            {
                diagnostics.Note(relative, 0, "skipped", "not a post-mortem: an index page");
                continue;
            }

            if (name.Contains("template", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Note(relative, 0, "skipped", "not a post-mortem: a template, by its name");
                continue;
            }

            // A PDF exported from the Markdown beside it is that post-mortem, not another one.
            if (pdf && File.Exists(Path.ChangeExtension(path, ".md")))
            {
                diagnostics.Note(relative, 0, "skipped", "a PDF of the Markdown post-mortem beside it");
                continue;
            }

            if (!markdown && !pdf && !LooksLikeMarkdown(path))
            {
                diagnostics.Note(relative, 0, "skipped", "no extension and does not look like Markdown");
                continue;
            }

            files.Add(path);
        }

        return files;
    }

    /// <summary>
    /// The files in <paramref name="folder"/> (and its subfolders when <paramref name="recursive"/>) that may be read, by
    /// the paths they have in the input folder, in ordinal order. A symbolic link, to a file or a folder, is followed only
    /// where its real path lies in the input folder: one leading outside is skipped with a <c>symlink-outside</c> warning,
    /// one leading nowhere or round a loop (or to a folder already read) with a <c>symlink-loop</c> warning. Folders whose
    /// names start with '.' are not entered. A missing folder has no files.
    /// </summary>
    public IReadOnlyList<string> Files(string folder, bool recursive, DiagnosticBag diagnostics, string pattern = "*")
    {
        var files = new List<string>();
        if (!Directory.Exists(folder) || Real(folder, diagnostics) is not { } realFolder)
        {
            return files;
        }

        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var visited = new HashSet<string>(StringComparer.Ordinal) { realFolder };
        var pending = new Stack<(string Path, string Real)>();
        pending.Push((folder, realFolder));
        while (pending.TryPop(out var current))
        {
            foreach (var entry in new DirectoryInfo(current.Path).EnumerateFileSystemInfos("*", options))
            {
                var isLink = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
                var real = isLink ? Real(entry.FullName, diagnostics) : Path.Combine(current.Real, entry.Name);
                if (real is null)
                {
                    continue;
                }

                if (Directory.Exists(real))
                {
                    if (!recursive || entry.Name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (!visited.Add(real))
                    {
                        diagnostics.Warning(Relative(entry.FullName), 0, "symlink-loop",
                            $"a symbolic link to a folder already read ({Relative(Path.Combine(Root, Path.GetRelativePath(RealRoot, real)))}); skipped");
                        continue;
                    }

                    pending.Push((entry.FullName, real));
                }
                else if (FileSystemName.MatchesSimpleExpression(pattern, entry.Name, ignoreCase: false))
                {
                    files.Add(entry.FullName);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Whether <paramref name="folder"/> is there and lies in the input folder, its links followed; nothing is reported.</summary>
    public bool HasFolder(string folder) =>
        Directory.Exists(folder) && RealPath(folder) is { } real && IsInside(real);

    /// <summary>
    /// Whether the file or folder at <paramref name="path"/> (in the input folder) may be read: its real path lies in the
    /// input folder. If not, a <c>symlink-outside</c> or <c>symlink-loop</c> warning names it.
    /// </summary>
    public bool MayRead(string path, DiagnosticBag diagnostics) => Real(path, diagnostics) is not null;

    /// <summary>The real path of <paramref name="path"/> when it lies in the input folder; else null, with a warning naming it.</summary>
    private string? Real(string path, DiagnosticBag diagnostics)
    {
        var real = RealPath(path);
        if (real is null)
        {
            diagnostics.Warning(Relative(path), 0, "symlink-loop", "a symbolic link that leads nowhere or round a loop; skipped");
            return null;
        }

        if (!IsInside(real))
        {
            diagnostics.Warning(Relative(path), 0, "symlink-outside",
                "a symbolic link to a place outside the input folder; it is skipped, and nothing outside the input folder is read");
            return null;
        }

        return real;
    }

    private bool IsInside(string real) =>
        real == RealRoot || real.StartsWith(RealRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The path with every symbolic link on it resolved, as the operating system would follow them; null where a part does
    /// not exist, cannot be read, or links go round.
    /// </summary>
    internal static string? RealPath(string path)
    {
        try
        {
            return PmSite.Files.RealPath.Resolve(path, out var missing) is { } real && !missing ? real : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a file as UTF-8 text; binary content (a NUL byte or invalid UTF-8) is reported as an error.
    /// </summary>
    public string? ReadText(string path, DiagnosticBag diagnostics) => Decode(path, File.ReadAllBytes(path), diagnostics);

    /// <summary>Decodes the bytes of a file already read, as <see cref="ReadText"/> does.</summary>
    public string? Decode(string path, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics)
    {
        var relative = Relative(path);
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Error(relative, LineAt(bytes, nul), "binary-file", "binary content (a NUL byte) in a file that should be Markdown text");
            return null;
        }

        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            diagnostics.Error(relative, LineAt(bytes, Math.Max(0, ex.Index)), "binary-file", "not valid UTF-8 text");
            return null;
        }
    }

    /// <summary>
    /// An index page lists the reports: <c>_index.md</c>, <c>SUMMARY.md</c>, a sidebar, or an <c>index.md</c> beside other
    /// post-mortems. An <c>index.md</c> alone in its folder is a page bundle (Hugo, Docusaurus): the post-mortem itself,
    /// named by its folder.
    /// </summary>
    private bool IsIndexPage(string path, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        if (stem is "_index" or "summary" or "toc" or "_sidebar" or "sidebar" or "contents")
        {
            return true;
        }

        if (stem is not "index")
        {
            return false;
        }

        var folder = Path.GetDirectoryName(path)!;
        // Links in the folder were reported by the enumeration that found this file; they are not reported twice.
        return folder == PostMortemRoot
            || Files(folder, recursive: true, new DiagnosticBag())
                .Any(f => f != path && Path.GetExtension(f).ToLowerInvariant() is ".md" or ".markdown" or ".mdx" or ".pdf");
    }

    private static bool IsKnowledgeBaseFile(string relative) =>
        relative == "pmsite.yml" || relative.StartsWith("reading-lists/", StringComparison.Ordinal) || relative.StartsWith("pages/", StringComparison.Ordinal);

    private static int LineAt(ReadOnlySpan<byte> bytes, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static bool LooksLikeMarkdown(string path)
    {
        using var reader = new StreamReader(path);
        for (var i = 0; i < 5 && reader.ReadLine() is { } line; i++)
        {
            if (line.Trim().Length > 0)
            {
                return line.StartsWith('#') || line.TrimEnd() == "---";
            }
        }

        return false;
    }
}
