using System.Collections.Concurrent;
using System.Text.Json;
using PmSite.Authoring.Lint;

namespace PmSite.Incremental;

/// <summary>
/// Lint findings by file content hash, kept beside the output folder (<c>&lt;output&gt;.cache/lint.json</c>) so that a
/// repeated <c>pmsite build</c> lints only the files that changed. Valid only for the same settings and PmSite build.
/// </summary>
public sealed class LintStore
{
    private const string FileName = "lint.json";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    private readonly string _path;
    private readonly string _stamp;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private bool _changed;

    private LintStore(string path, string stamp, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _stamp = stamp;
        _entries = entries;
    }

    /// <summary>Opens the store of an output folder for a build with the given settings fingerprint.</summary>
    public static LintStore Open(string outputFolder, string settingsKey)
    {
        var path = Path.Combine(BuildCache.FolderFor(outputFolder), FileName);
        var stamp = Fingerprint.Of(Fingerprint.Code, settingsKey);
        var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize<StoreFile>(File.ReadAllBytes(path), s_json) is { } file && file.Stamp == stamp)
            {
                foreach (var entry in file.Entries)
                {
                    entries[entry.Path] = entry;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            // A damaged store is only a slower build.
        }

        return new LintStore(path, stamp, entries);
    }

    /// <summary>Whether this store belongs to the given output folder and settings, so a serve session can keep it.</summary>
    public bool IsFor(string outputFolder, string settingsKey) =>
        _path == Path.Combine(BuildCache.FolderFor(outputFolder), FileName) && _stamp == Fingerprint.Of(Fingerprint.Code, settingsKey);

    public IReadOnlyList<LintFinding>? Find(string sourcePath, string hash) =>
        _entries.TryGetValue(sourcePath, out var entry) && entry.Hash == hash ? entry.Findings : null;

    public void Add(string sourcePath, string hash, IReadOnlyList<LintFinding> findings)
    {
        _entries[sourcePath] = new Entry(sourcePath, hash, [.. findings]);
        _changed = true;
    }

    /// <summary>Writes the store, keeping only the files of this build.</summary>
    public void Save(IReadOnlySet<string> sourcePaths)
    {
        var stale = _entries.Keys.Where(k => !sourcePaths.Contains(k)).ToList();
        if (!_changed && stale.Count == 0 && File.Exists(_path))
        {
            return;
        }

        foreach (var key in stale)
        {
            _entries.TryRemove(key, out _);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        // Streamed to the file: the whole store as one array was a large-object allocation, and those bring on full
        // collections of a heap that still holds the knowledge base.
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
        {
            JsonSerializer.Serialize(file, new StoreFile(_stamp, [.. _entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)]), s_json);
        }

        File.Move(temporary, _path, overwrite: true);
        _changed = false;
    }

    private sealed record StoreFile(string Stamp, List<Entry> Entries);

    private sealed record Entry(string Path, string Hash, List<LintFinding> Findings);
}
