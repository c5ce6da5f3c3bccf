using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PmSite.Pipelines;

namespace PmSite.Incremental;

/// <summary>
/// What a page was made from, carried on its document so the manifest can record it: its key, and either how it is
/// rendered now or the previous output file it is unchanged from.
/// </summary>
public sealed record RenderedPage(string Key, Action<Stream>? Write, string? SourceFile);

/// <summary>
/// Reuses pages of the previous output. Every page has a key: a hash of everything its rendering depends on (the
/// template and theme, the PmSite build, and the page's view model). The manifest beside the output folder records,
/// for each page written, its key and the size and time of the file written. When a build produces a page with the
/// same key and the file is still as it was written, the page is not rendered: its document carries no content but
/// <see cref="Document.CopyFrom"/> the previous file (as theme assets do), which is linked into the new output rather
/// than written again. The output is byte for byte what rendering would give. A module that changes pages after
/// rendering must read such a page from <see cref="Document.CopyFrom"/>; a page it changes is not recorded.
/// </summary>
public sealed class PageCache
{
    public const string MetadataKey = "RenderedPage";

    private const string ManifestName = "pages.tsv";
    private const string ManifestHeader = "pmsite page cache v2";
    private static readonly UTF8Encoding s_utf8 = new(false);

    private readonly string _output;
    private readonly string _folder;
    private readonly string _salt;
    private readonly Dictionary<string, (string Key, long Length, long Ticks)> _previous;
    private int _reused;
    private int _rendered;

    private PageCache(string output, string folder, string salt, Dictionary<string, (string, long, long)> previous, ModelFingerprint models)
    {
        Models = models;
        _output = output;
        _folder = folder;
        _salt = salt;
        _previous = previous;
    }

    /// <summary>
    /// Opens the cache of an output folder; <paramref name="salt"/> identifies the theme and settings of this build;
    /// <paramref name="models"/> are the view-model hashes to use (a preview session keeps them from build to build).
    /// </summary>
    public static PageCache Open(string outputFolder, string salt, ModelFingerprint? models = null)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var folder = BuildCache.FolderFor(outputFolder);
        return new PageCache(output, folder, Fingerprint.Of(Fingerprint.Code, salt), ReadManifest(Path.Combine(folder, ManifestName)), models ?? new ModelFingerprint());
    }

    public PageCacheStatistics Statistics => new(_rendered, _reused);

    /// <summary>What every key of this cache starts with: the theme, settings and PmSite build.</summary>
    public string Salt => _salt;

    /// <summary>Hashes of view models, shared by every page of the build.</summary>
    public ModelFingerprint Models { get; }

    /// <summary>The key of a page from its template, page view and model; null when the model cannot be hashed.</summary>
    public string? KeyOf(string template, object page, object model) =>
        Models.Of(model) is { } modelHash ? KeyOfHashed(template, page, modelHash) : null;

    /// <summary>The key of a page whose model's hash (<see cref="ModelFingerprint.Of"/>) the caller kept from an earlier build.</summary>
    public string? KeyOfHashed(string template, object page, string modelHash) =>
        Models.Of(page) is { } pageHash ? Fingerprint.Of(_salt, template, pageHash, modelHash) : null;

    /// <summary>A key from parts the caller knows the page depends on (used where the model is costly to build).</summary>
    public string KeyOf(params string[] parts) => Fingerprint.Of([_salt, .. parts]);

    /// <summary>The previous build's content of <paramref name="destination"/> when it was made from the same key and is unchanged since.</summary>
    public RenderedPage? Reuse(string destination, string key)
    {
        if (!_previous.TryGetValue(destination, out var previous) || previous.Key != key)
        {
            return null;
        }

        var path = Path.Combine(_output, destination);
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length != previous.Length || file.LastWriteTimeUtc.Ticks != previous.Ticks)
            {
                return null;
            }

            Interlocked.Increment(ref _reused);
            return new RenderedPage(key, null, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Counts a page rendered afresh.</summary>
    public void Rendered() => Interlocked.Increment(ref _rendered);

    /// <summary>
    /// Records the pages of a build that succeeded, after its output folder was swapped in: each page whose written
    /// content is still the rendered content (no later module changed it).
    /// </summary>
    public void Save(IEnumerable<Document> written)
    {
        var entries = new ConcurrentBag<(string Destination, string Key, long Length, long Ticks)>();
        Parallel.ForEach(written, document =>
        {
            if (document.Destination is { } destination && document.Get<RenderedPage>(MetadataKey) is { } page && IsAsRendered(document, page))
            {
                // A reused page is the file the manifest describes (checked when it was reused; a link keeps its time).
                if (page.SourceFile is not null && _previous.TryGetValue(destination, out var previous) && previous.Key == page.Key)
                {
                    entries.Add((destination, page.Key, previous.Length, previous.Ticks));
                    return;
                }

                var file = new FileInfo(Path.Combine(_output, destination));
                if (file.Exists)
                {
                    entries.Add((destination, page.Key, file.Length, file.LastWriteTimeUtc.Ticks));
                }
            }
        });

        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, ManifestName);
        var temporary = path + ".tmp";
        // Written line by line: the manifest as one string was a large-object allocation at the end of every build.
        using (var text = new StreamWriter(temporary, append: false, s_utf8, bufferSize: 16 * 1024))
        {
            text.Write(ManifestHeader);
            text.Write('\n');
            foreach (var (destination, key, length, ticks) in entries.OrderBy(e => e.Destination, StringComparer.Ordinal))
            {
                text.Write(destination);
                text.Write('\t');
                text.Write(key);
                text.Write('\t');
                text.Write(length.ToString(CultureInfo.InvariantCulture));
                text.Write('\t');
                text.Write(ticks.ToString(CultureInfo.InvariantCulture));
                text.Write('\n');
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Whether a document still holds the page as rendered (or as reused), i.e. no later module changed it.</summary>
    public static bool IsAsRendered(Document document, RenderedPage page) =>
        page.Write is not null
            ? ReferenceEquals(document.Write, page.Write) && document.Content is null && document.CopyFrom is null
            : document.Content is null && document.Write is null && document.CopyFrom == page.SourceFile;

    /// <summary>Forgets the manifest, e.g. when a build without the cache replaced the output.</summary>
    public static void Forget(string outputFolder)
    {
        var path = Path.Combine(BuildCache.FolderFor(outputFolder), ManifestName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, (string, long, long)> ReadManifest(string path)
    {
        var previous = new Dictionary<string, (string, long, long)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return previous;
        }

        using var reader = new StreamReader(path, s_utf8);
        if (reader.ReadLine() != ManifestHeader)
        {
            return previous;
        }

        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 4 && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var length) && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var ticks))
            {
                previous[parts[0]] = (parts[1], length, ticks);
            }
        }

        return previous;
    }
}
