using System.Collections.Concurrent;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Incremental;

/// <summary>A post-mortem file as read: its content hash, the parse result (null if it had errors), and what parsing reported.</summary>
public sealed record ParsedFile(string SourcePath, string Hash, string SettingsKey, PostMortem? PostMortem, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The text, kept only for a fresh parse (lint needs it); a reused parse reads the file again if it must.</summary>
    public string? Text { get; init; }
}

/// <summary>
/// Parsed post-mortems by file content hash: a file whose bytes (and the settings it was parsed with) are unchanged
/// is not parsed again, and its diagnostics are replayed. Kept in memory, for the rebuilds of <c>pmsite serve</c>.
/// </summary>
public sealed class ParseCache
{
    private readonly ConcurrentDictionary<string, ParsedFile> _files = new(StringComparer.Ordinal);

    /// <summary>Reads and parses one file, or returns the earlier result when nothing it depends on changed.</summary>
    public ParsedFile Read(InputFolder input, string path, SiteSettings settings, string settingsKey)
    {
        var relative = input.Relative(path);
        var bytes = File.ReadAllBytes(path);
        var hash = Fingerprint.Of(bytes);
        if (_files.TryGetValue(relative, out var known) && known.Hash == hash && known.SettingsKey == settingsKey)
        {
            return known with { Text = null };
        }

        var diagnostics = new DiagnosticBag();
        var text = input.Decode(path, bytes, diagnostics);
        var postMortem = text is null ? null : PostMortemParser.Parse(relative, text, settings, diagnostics);
        var parsed = new ParsedFile(relative, hash, settingsKey, postMortem, diagnostics.Sorted()) { Text = text };
        _files[relative] = parsed with { Text = null };
        return parsed;
    }

    /// <summary>The content hash of a post-mortem file as last read, by its path relative to the input folder.</summary>
    public string? HashOf(string sourcePath) => _files.TryGetValue(sourcePath, out var file) ? file.Hash : null;

    /// <summary>Forgets files that are gone, so a long serve session does not keep deleted post-mortems alive.</summary>
    public void Retain(IReadOnlySet<string> sourcePaths)
    {
        foreach (var key in _files.Keys.Where(k => !sourcePaths.Contains(k)))
        {
            _files.TryRemove(key, out _);
        }
    }
}
