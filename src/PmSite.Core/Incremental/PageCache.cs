using System.Collections.Concurrent;
using System.Text;
using PmSite.Pipelines;

namespace PmSite.Incremental;

/// <summary>What a rendered page was made from, carried on its document so the manifest can record it.</summary>
public sealed record RenderedPage(string Key, string Content, string? ContentHash);

/// <summary>
/// Reuses pages of the previous output. Every page has a key: a hash of everything its rendering depends on (the
/// template and theme, the PmSite build, and the page's view model as JSON). The manifest beside the output folder
/// records, for each page written, its key and the hash of its content. When a build produces a page with the same
/// key, the previous file is read back (and checked against its recorded hash) instead of being rendered: the output
/// is byte for byte what rendering would give. Pages changed after rendering by later modules are never recorded.
/// </summary>
public sealed class PageCache
{
    public const string MetadataKey = "RenderedPage";

    private const string ManifestName = "pages.tsv";
    private const string ManifestHeader = "pmsite page cache v1";
    private static readonly UTF8Encoding s_utf8 = new(false, true);

    private readonly string _output;
    private readonly string _folder;
    private readonly string _salt;
    private readonly Dictionary<string, (string Key, string Hash)> _previous;
    private int _reused;
    private int _rendered;

    private PageCache(string output, string folder, string salt, Dictionary<string, (string, string)> previous)
    {
        _output = output;
        _folder = folder;
        _salt = salt;
        _previous = previous;
    }

    /// <summary>Opens the cache of an output folder; <paramref name="salt"/> identifies the theme and settings of this build.</summary>
    public static PageCache Open(string outputFolder, string salt)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var folder = BuildCache.FolderFor(outputFolder);
        return new PageCache(output, folder, Fingerprint.Of(Fingerprint.Code, salt), ReadManifest(Path.Combine(folder, ManifestName)));
    }

    public PageCacheStatistics Statistics => new(_rendered, _reused);

    /// <summary>The key of a page from its template, page view and model; null when the model cannot be serialised.</summary>
    public string? KeyOf(string template, object page, object model)
    {
        var pageJson = Fingerprint.Json(page);
        var modelJson = pageJson is null ? null : Fingerprint.Json(model);
        return modelJson is null ? null : Fingerprint.Of(_salt, template, pageJson!, modelJson);
    }

    /// <summary>A key from parts the caller knows the page depends on (used where the model is costly to build).</summary>
    public string KeyOf(params string[] parts) => Fingerprint.Of([_salt, .. parts]);

    /// <summary>The previous build's content of <paramref name="destination"/> when it was made from the same key.</summary>
    public RenderedPage? Reuse(string destination, string key)
    {
        if (!_previous.TryGetValue(destination, out var previous) || previous.Key != key)
        {
            return null;
        }

        var path = Path.Combine(_output, destination);
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (Fingerprint.Of(bytes) != previous.Hash)
            {
                return null;
            }

            Interlocked.Increment(ref _reused);
            return new RenderedPage(key, s_utf8.GetString(bytes), previous.Hash);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
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
        var entries = new ConcurrentBag<(string Destination, string Key, string Hash)>();
        Parallel.ForEach(written, document =>
        {
            if (document.Destination is { } destination && document.Get<RenderedPage>(MetadataKey) is { } page
                && ReferenceEquals(document.Content, page.Content))
            {
                entries.Add((destination, page.Key, page.ContentHash ?? Fingerprint.Of(s_utf8.GetBytes(page.Content))));
            }
        });

        Directory.CreateDirectory(_folder);
        var text = new StringBuilder(ManifestHeader).Append('\n');
        foreach (var (destination, key, hash) in entries.OrderBy(e => e.Destination, StringComparer.Ordinal))
        {
            text.Append(destination).Append('\t').Append(key).Append('\t').Append(hash).Append('\n');
        }

        var path = Path.Combine(_folder, ManifestName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString(), s_utf8);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Forgets the manifest, e.g. when a build without the cache replaced the output.</summary>
    public static void Forget(string outputFolder)
    {
        var path = Path.Combine(BuildCache.FolderFor(outputFolder), ManifestName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, (string, string)> ReadManifest(string path)
    {
        var previous = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
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
            if (parts.Length == 3)
            {
                previous[parts[0]] = (parts[1], parts[2]);
            }
        }

        return previous;
    }
}
